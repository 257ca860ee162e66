"""Starts: a forecast started as the forecast form starts one, and a OneRoster upload read as
the imports page reads one — both run by the real background task (the test backend runs
tasks at once), checked by the page's own form and access, in the API's problem shape — and
one role assignment read as the roles pages show it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lattice.audit.models import AuditEntry
from lattice.forecasts.models import ForecastRun
from lattice.imports.models import ImportRun
from lattice.people.models import StaffMember
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.forecasts.helpers import SMALL
from tests.imports.files import write_package_12, zip_folder
from tests.roles.world import world as roles_world

FORECAST_WRITE = ["forecasts:read", "forecasts:write"]
IMPORT_WRITE = ["imports:read", "imports:write"]
SMALL_FORECAST = {
    "policy": SMALL["policy"],
    "workforce": "synthetic",
    "teachers": 20,
    "years": 1,
    "first_school_year": 2027,
    "runs": 10,
    "seed": 3,
}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"


def _start(client: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post("/api/v1/forecasts/", body, content_type="application/json", **headers)


# --- forecasts ---------------------------------------------------------------------------------


def test_the_talent_office_starts_a_forecast_and_reads_its_result_when_done(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    started = _start(token, SMALL_FORECAST | {"cola": 2})
    assert started.status_code == 202, started.content[:500]
    run = started.json()
    assert started["Location"] == f"/api/v1/forecasts/{run['id']}/"
    assert run["title"] == (
        "Baltimore City career pathways (BTU 2010 contract), 1 year from 2027-28, 10 runs"
    )
    assert run["inputs"]["assumptions"]["cola"] == pytest.approx(0.02)
    assert run["inputs"]["runs"] == 10
    done = token.get(started["Location"]).json()
    assert done["status"] == "done"  # the real run_forecast task ran it
    assert done["result"]["policies"]
    requested = AuditEntry.objects.get(action="forecasts.run.request", object_id=str(run["id"]))
    assert requested.actor == cast.user("officer")


def test_a_field_left_out_takes_the_forms_default(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    body = {k: v for k, v in SMALL_FORECAST.items() if k != "seed"}
    inputs = _start(token, body).json()["inputs"]
    assert inputs["seed"] == 0
    assert inputs["assumptions"]["replacement_rate"] == 1.0
    assert inputs["vs"] == ""


def test_a_policy_the_district_cannot_run_names_the_field_and_the_policies_it_can(
    cast: Cast,
) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    refused = _start(token, SMALL_FORECAST | {"policy": "shipped:no-such-policy"})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    error = refused.json()["errors"][0]
    assert error["field"] == "policy"
    assert "no-such-policy" in error["message"]
    assert "shipped:baltimore-2010" in error["fix"]
    assert not ForecastRun.objects.exists()


def test_a_forecast_too_large_to_run_is_refused_with_the_forms_suggestion(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    huge = SMALL_FORECAST | {"teachers": 100_000, "years": 20, "runs": 5000}
    refused = _start(token, huge)
    assert refused.status_code == 400
    assert "teacher-years to simulate" in refused.json()["detail"]
    assert not ForecastRun.objects.exists()


def test_a_number_out_of_range_is_named_before_any_run(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    refused = _start(token, SMALL_FORECAST | {"years": 99})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "years"
    assert not ForecastRun.objects.exists()


def test_a_retried_start_with_the_same_idempotency_key_runs_one_forecast(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", FORECAST_WRITE))
    first, again = (
        _start(token, SMALL_FORECAST, HTTP_IDEMPOTENCY_KEY="forecast-2026-12-02") for _ in range(2)
    )
    assert first.json()["id"] == again.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert ForecastRun.objects.count() == 1


def test_a_read_only_token_may_not_start_a_forecast(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", ["forecasts:read"]))
    assert _start(token, SMALL_FORECAST).status_code == 403
    assert not ForecastRun.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "principal"])
def test_a_teacher_or_principal_may_not_start_a_forecast(cast: Cast, persona: str) -> None:
    token = api(token_secret(cast, persona, FORECAST_WRITE))
    assert _start(token, SMALL_FORECAST).status_code == 404
    assert not ForecastRun.objects.exists()


def test_another_districts_officer_starts_forecasts_only_for_their_own_district(
    cast: Cast,
) -> None:
    token = api(token_secret(cast, "other_officer", FORECAST_WRITE))
    run = _start(token, SMALL_FORECAST).json()
    assert run["district"] == cast.other_district.key
    assert not ForecastRun.objects.filter(district=cast.district).exists()


# --- OneRoster uploads -------------------------------------------------------------------------


def _roster(tmp_path: Path, name: str = "roster.zip") -> SimpleUploadedFile:
    archive = zip_folder(write_package_12(tmp_path / "or"), tmp_path / name)
    return SimpleUploadedFile(name, archive.read_bytes(), "application/zip")


def _copy(upload: SimpleUploadedFile) -> SimpleUploadedFile:
    upload.seek(0)
    return SimpleUploadedFile(upload.name or "roster.zip", upload.read(), upload.content_type)


def _upload(client: Any, *files: SimpleUploadedFile, mode: str = "", **headers: str) -> Any:
    body = {"files": list(files), "mode": mode}
    return client.post("/api/v1/imports/oneroster/", body, **headers)


def test_a_oneroster_upload_is_previewed_and_written_only_when_applied(
    cast: Cast, tmp_path: Path
) -> None:
    token = api(token_secret(cast, "officer", IMPORT_WRITE))
    started = _upload(token, _roster(tmp_path))
    assert started.status_code == 202, started.content[:500]
    run = started.json()
    assert (run["kind"], run["origin"], run["file_names"]) == ("oneroster", "api", ["roster.zip"])
    ready = token.get(started["Location"]).json()
    assert ready["status"] == "ready", ready
    assert not StaffMember.objects.filter(sourced_id="u-new").exists()
    assert ready["confirm_count"] == 4  # the page asks the same: the roster removes many

    unconfirmed = token.post(
        f"/api/v1/imports/{run['id']}/apply/", {}, content_type="application/json"
    )
    assert unconfirmed.status_code == 400
    applied = token.post(
        f"/api/v1/imports/{run['id']}/apply/",
        {"confirm_count": ready["confirm_count"]},
        content_type="application/json",
    )
    assert applied.status_code == 202, applied.content[:500]
    assert token.get(started["Location"]).json()["status"] == "applied"
    assert StaffMember.objects.filter(sourced_id="u-new").exists()


def test_a_retried_upload_with_the_same_key_starts_one_run(cast: Cast, tmp_path: Path) -> None:
    token = api(token_secret(cast, "officer", IMPORT_WRITE))
    roster = _roster(tmp_path)  # the same bytes sent twice (a zip made again a second later
    # holds another timestamp: another file, which the next test shows is refused)
    first = _upload(token, _copy(roster), HTTP_IDEMPOTENCY_KEY="roster-2026-12-02")
    again = _upload(token, _copy(roster), HTTP_IDEMPOTENCY_KEY="roster-2026-12-02")
    assert first.json()["id"] == again.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert ImportRun.objects.filter(origin="api").count() == 1


def test_the_same_key_with_another_file_of_the_same_name_is_refused(
    cast: Cast, tmp_path: Path
) -> None:
    token = api(token_secret(cast, "officer", IMPORT_WRITE))
    _upload(token, _roster(tmp_path), HTTP_IDEMPOTENCY_KEY="roster-2026-12-02")
    other = SimpleUploadedFile("roster.zip", b"PK\x05\x06" + b"\x00" * 18, "application/zip")
    refused = _upload(token, other, HTTP_IDEMPOTENCY_KEY="roster-2026-12-02")
    assert refused.status_code == 422
    assert ImportRun.objects.filter(origin="api").count() == 1


def test_a_file_that_is_not_a_roster_is_named_with_the_fix(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", IMPORT_WRITE))
    refused = _upload(token, SimpleUploadedFile("notes.txt", b"hello"))
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["field"] == "files"
    assert "notes.txt is not a .zip or .csv file" in error["message"]
    assert error["fix"].startswith("Upload the ZIP")
    assert not ImportRun.objects.exists()


def test_an_upload_without_files_names_the_field(cast: Cast) -> None:
    token = api(token_secret(cast, "officer", IMPORT_WRITE))
    refused = token.post("/api/v1/imports/oneroster/", {"mode": "bulk"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "files"


def test_a_read_only_token_may_not_upload_a_roster(cast: Cast, tmp_path: Path) -> None:
    token = api(token_secret(cast, "officer", ["imports:read"]))
    assert _upload(token, _roster(tmp_path)).status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "principal"])
def test_a_teacher_or_principal_may_not_upload_a_roster(
    cast: Cast, tmp_path: Path, persona: str
) -> None:
    token = api(token_secret(cast, persona, IMPORT_WRITE))
    assert _upload(token, _roster(tmp_path)).status_code == 404
    assert not ImportRun.objects.exists()


# --- one role assignment -----------------------------------------------------------------------


def test_a_teacher_reads_her_own_role_assignment_and_not_anothers(cast: Cast) -> None:
    held = roles_world(cast).ada_held
    ada = api(token_secret(cast, "teacher", ["roles:read"]))
    body = ada.get(f"/api/v1/role-assignments/{held.pk}/").json()
    assert (body["id"], body["employee_id"], body["role_key"]) == (
        held.pk,
        cast.teacher_staff.employee_id,
        held.role.key,
    )
    ben = api(token_secret(cast, "teacher_other_school", ["roles:read"]))
    assert ben.get(f"/api/v1/role-assignments/{held.pk}/").status_code == 404


def test_another_districts_officer_does_not_read_northfields_role_assignment(cast: Cast) -> None:
    held = roles_world(cast).ada_held
    token = api(token_secret(cast, "other_officer", ["roles:read"]))
    assert token.get(f"/api/v1/role-assignments/{held.pk}/").status_code == 404
