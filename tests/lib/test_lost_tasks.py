"""A worker killed after the task queue handed it a task but before the task claimed its run
(the soak, bench/soak.py, caught one there) leaves the run "waiting" while the queue counts
the task as running: nobody would ever start it. Runs that wait longer than a lease are
enqueued again when the officer looks; claiming is conditional, so a second task for a run
that is already claimed does nothing.

Tests run tasks immediately, so "enqueued again" shows as the run having gone on to the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.forecasts.models import ForecastRun
from lattice.imports.models import ImportRun
from lattice.lib import jobs
from tests.forecasts.helpers import SMALL

pytestmark = pytest.mark.django_db
IMPORTS = "/imports/northfield"
HR = b"employee_id,prior_years_experience\r\nN1001,7\r\n"
LONG_AGO = dt.timedelta(minutes=5)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"


def _lost(run: ImportRun, status: str, quiet: dt.timedelta = LONG_AGO) -> None:
    """Put ``run`` back in ``status`` as if its task had died before claiming it."""
    ImportRun.objects.filter(pk=run.pk).update(
        **{**jobs.reset_lease(), "heartbeat_at": timezone.now() - quiet}, status=status
    )


def _hr_upload(officer: Any) -> ImportRun:
    officer.post(f"{IMPORTS}/hr/", {"file": SimpleUploadedFile("hr.csv", HR, "text/csv")})
    return ImportRun.objects.latest("pk")


def test_an_import_whose_read_was_lost_is_read_when_the_officer_looks(
    cast: Any, client_for: Any
) -> None:
    officer = client_for("officer")
    run = _hr_upload(officer)
    _lost(run, "queued")
    officer.get(f"{IMPORTS}/runs/{run.pk}/")
    run.refresh_from_db()
    assert run.status == "ready"


def test_an_import_whose_apply_was_lost_is_applied_for_the_officer_who_asked(
    cast: Any, client_for: Any
) -> None:
    officer = client_for("officer")
    run = _hr_upload(officer)
    ImportRun.objects.filter(pk=run.pk).update(status="ready")
    from lattice.imports.lifecycle import queue_apply

    queue_apply(cast.user("officer"), ImportRun.objects.get(pk=run.pk), None)  # the task is lost
    _lost(run, "apply_queued")
    officer.get(f"{IMPORTS}/")
    run.refresh_from_db()
    assert run.status == "applied"
    assert run.applied_by == cast.user("officer")
    entry = AuditEntry.objects.get(action="imports.hr.apply", object_id=str(run.pk))
    assert entry.actor == cast.user("officer")


def test_a_run_queued_a_moment_ago_is_left_to_its_task(cast: Any, client_for: Any) -> None:
    officer = client_for("officer")
    run = _hr_upload(officer)
    _lost(run, "queued", quiet=dt.timedelta(seconds=1))
    officer.get(f"{IMPORTS}/runs/{run.pk}/")
    run.refresh_from_db()
    assert run.status == "queued"


def test_a_lost_run_is_handed_out_again_once_a_lease_length_however_many_look(
    cast: Any, client_for: Any
) -> None:
    run = _hr_upload(client_for("officer"))
    _lost(run, "queued")
    runs = ImportRun.objects.all()
    assert jobs.lost_waiting(runs, waiting_statuses=["queued"]) == [run.pk]
    assert jobs.lost_waiting(runs, waiting_statuses=["queued"]) == []
    later = timezone.now() + jobs.lease_length() + dt.timedelta(seconds=1)
    assert jobs.lost_waiting(runs, waiting_statuses=["queued"], now=later) == [run.pk]


def test_a_forecast_whose_task_was_lost_is_run_when_the_officer_looks(
    cast: Any, client_for: Any
) -> None:
    run = ForecastRun.objects.create(
        district=cast.district, title="Baltimore vs itself", inputs=SMALL, status="queued"
    )
    ForecastRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - LONG_AGO)
    client_for("officer").get("/forecasts/northfield/")
    run.refresh_from_db()
    assert run.status == "done"
