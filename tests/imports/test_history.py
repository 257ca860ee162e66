"""The import history lists every run, a sync's too, and says why one failed."""

from __future__ import annotations

from typing import Any

from lattice.imports.models import ImportRun

BASE = "/imports/northfield"


def test_the_history_lists_sync_runs_and_says_why_a_run_failed(cast: Any, client_for: Any) -> None:
    failed = ImportRun.objects.create(
        district=cast.district, kind="hr", origin="web", status=ImportRun.Status.FAILED,
        message="The background worker stopped while reading the files. Try again.",
    )  # fmt: skip
    synced = ImportRun.objects.create(
        district=cast.district, kind="oneroster", origin="sync", status=ImportRun.Status.APPLIED
    )
    page = client_for("officer").get(f"{BASE}/").content.decode()
    assert f"#{failed.pk} HR and evaluation file" in page
    assert f"#{synced.pk} OneRoster roster" in page
    assert "The background worker stopped while reading the files. Try again." in page
    assert "Open it to try again" in page
    run_page = client_for("officer").get(f"{BASE}/runs/{synced.pk}/").content.decode()
    assert "by the nightly roster sync" in run_page


def test_a_new_roster_connection_starts_paused_and_waits_for_the_officer(
    cast: Any, client_for: Any
) -> None:
    page = client_for("officer").get(f"{BASE}/connection/").content.decode()
    assert 'name="enabled" id="id_enabled" checked' not in page
    assert 'name="auto_apply"' in page
    assert 'name="auto_apply" id="id_auto_apply" checked' not in page
    assert "SIS" not in page


def test_an_officer_of_one_district_goes_straight_to_its_imports(
    cast: Any, client_for: Any
) -> None:
    response = client_for("officer").get("/imports/")
    assert response["Location"] == f"{BASE}/"
    assert client_for("officer").get("/budgets/")["Location"] == "/budgets/northfield/"
