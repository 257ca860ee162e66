"""A forecast whose worker died is started again by another worker, and the page says so.

A forecast is a pure function of its inputs and seed, so restarting it from the beginning
gives the result the first attempt would have; a run that has already been started
``MAX_ATTEMPTS`` times is failed instead (it may be what kills its workers) and offers a retry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.forecasts import actions
from lattice.forecasts.models import ForecastRun
from tests.forecasts.access_rows import BASE
from tests.forecasts.helpers import SMALL


def _orphan(cast: Any, *, attempts: int, progress: float = 0.4) -> ForecastRun:
    """A run its worker was holding at ``progress`` when it died a minute ago."""
    return ForecastRun.objects.create(
        district=cast.district,
        title="Baltimore vs itself",
        inputs=SMALL,
        status="running",
        progress=progress,
        started_at=timezone.now() - dt.timedelta(minutes=3),
        worker="gone:123",
        lease_expires_at=timezone.now() - dt.timedelta(minutes=1),
        attempts=attempts,
    )


def test_a_running_forecast_shows_its_progress_while_its_worker_renews_the_lease(
    cast: Any, client_for: Any
) -> None:
    run = _orphan(cast, attempts=1, progress=0.41)
    ForecastRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() + dt.timedelta(minutes=1)
    )
    page = client_for("officer").get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert 'value="41"' in page
    assert "41%" in page
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("running", 1)  # a live lease is left alone


def test_a_forecast_whose_worker_died_is_restarted_when_the_officer_looks(
    cast: Any, client_for: Any
) -> None:
    run = _orphan(cast, attempts=1)
    page = client_for("officer").get(f"{BASE}/runs/{run.pk}/").content.decode()
    run.refresh_from_db()
    # tests run tasks immediately: the restart ran to the end before the page was drawn
    assert (run.status, run.attempts, run.progress) == ("done", 2, 1.0)
    assert run.worker == ""
    assert run.lease_expires_at is None
    assert run.message == actions.RESTARTED
    assert "Payroll by school year" in page
    restart = AuditEntry.objects.get(action="forecasts.run.restart", object_id=str(run.pk))
    assert restart.after == {"attempts": 1}


def test_a_restarted_forecast_says_so_while_it_runs_again(cast: Any, client_for: Any) -> None:
    run = _orphan(cast, attempts=1)
    assert actions.reap(cast.district) == [run.pk]  # queued again, not yet picked up
    run.refresh_from_db()
    assert run.status == "queued"
    assert actions.claim_forecast(run.pk)
    actions.set_progress(run.pk, 0.3)
    page = client_for("officer").get(f"{BASE}/runs/{run.pk}/progress/").content.decode()
    assert 'value="30"' in page
    assert f"{actions.RESTARTED} (start 2)" in page


def test_a_forecast_that_keeps_losing_its_worker_fails_with_a_retry(
    cast: Any, client_for: Any
) -> None:
    run = _orphan(cast, attempts=actions.MAX_ATTEMPTS)
    client = client_for("officer")
    page = client.get(f"{BASE}/runs/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert (run.status, run.message) == ("failed", actions.ORPHANED)
    assert run.finished_at is not None
    assert "The forecast could not run: The background worker stopped" in page
    assert f'action="{BASE}/runs/{run.pk}/retry/"' in page
    assert client.post(f"{BASE}/runs/{run.pk}/retry/").status_code == 302
    run.refresh_from_db()
    assert (run.status, run.message) == ("done", "")
    assert AuditEntry.objects.filter(action="forecasts.run.retry", object_id=str(run.pk)).exists()


def test_only_a_failed_forecast_can_be_tried_again(cast: Any) -> None:
    run = _orphan(cast, attempts=1)
    with pytest.raises(
        ValueError, match="only a failed forecast can be tried again; this one is running"
    ):
        actions.retry_forecast(None, run)
