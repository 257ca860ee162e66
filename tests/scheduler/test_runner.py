"""The scheduler enqueues each periodic job when it is due, once, and remembers when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.lib import schedule
from lattice.pathways.models import Standing
from lattice.pathways.tasks import NIGHTLY
from lattice.scheduler.models import JobRun
from lattice.scheduler.runner import run_due
from tests.cast import Cast
from tests.pathways.world import adopt

pytestmark = pytest.mark.django_db
NIGHT = dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.UTC)


def test_the_nightly_recompute_is_registered() -> None:
    job = next(j for j in schedule.jobs() if j.name == NIGHTLY)
    assert job.every == dt.timedelta(days=1)
    assert job.at == dt.time(2, 0)


def test_a_due_job_is_enqueued_once_and_remembered(cast: Cast) -> None:
    adopt(cast)
    Standing.objects.filter(district=cast.district).update(stale_since=NIGHT, stale_reason="x")
    assert NIGHTLY in run_due(NIGHT)
    # the tests' task backend runs the job at once: every standing is fresh again
    assert not Standing.objects.filter(district=cast.district, stale_since__isnull=False).exists()
    assert JobRun.objects.get(name=NIGHTLY).runs == 1
    assert NIGHTLY not in run_due(NIGHT + dt.timedelta(hours=3))
    assert NIGHTLY in run_due(NIGHT + dt.timedelta(days=1))


def test_a_job_that_cannot_be_enqueued_is_retried_next_tick(monkeypatch: Any) -> None:
    def broken() -> None:
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(schedule, "_jobs", {})
    schedule.register(schedule.Periodic("test.broken", dt.timedelta(hours=1), broken, "x"))
    assert run_due(NIGHT) == []
    assert "queue unavailable" in JobRun.objects.get(name="test.broken").last_error


def test_lattice_schedule_lists_the_jobs(db: Any) -> None:
    from click.testing import CliRunner

    from lattice.cli.schedule import schedule as command

    result = CliRunner().invoke(command, ["--list"])
    assert result.exit_code == 0, result.output
    assert f"{NIGHTLY}: every 1 day, 0:00:00 at 02:00 UTC; last enqueued never" in result.output
