"""lattice.lib.jobs: claiming a run once, renewing its lease, finding runs whose worker died."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lattice.imports.models import ImportRun
from lattice.lib import jobs


def _run(cast, status="queued", **fields):
    return ImportRun.objects.create(
        district=cast.district, kind="oneroster", status=status, **fields
    )


def test_a_run_is_claimed_once_with_a_lease(cast):
    run = _run(cast)
    assert jobs.claim(ImportRun, run.pk, status="parsing", from_statuses=["queued"])
    assert not jobs.claim(ImportRun, run.pk, status="parsing", from_statuses=["queued"])
    run.refresh_from_db()
    assert run.status == "parsing"
    assert run.attempts == 1
    assert run.worker == jobs.worker_name()
    assert run.lease_expires_at > timezone.now()


def test_the_lease_renews_and_carries_progress(cast):
    run = _run(cast)
    jobs.claim(ImportRun, run.pk, status="parsing", from_statuses=["queued"])
    ImportRun.objects.filter(pk=run.pk).update(lease_expires_at=timezone.now())
    with jobs.Lease(ImportRun, run.pk) as lease:
        lease(0.4, "Reading users.csv")
    run.refresh_from_db()
    assert run.lease_expires_at > timezone.now() + dt.timedelta(seconds=30)
    assert (run.progress, run.progress_label) == (0.4, "Reading users.csv")


def test_only_runs_whose_lease_expired_are_reaped(cast):
    now = timezone.now()
    alive = _run(cast, "applying", lease_expires_at=now + dt.timedelta(minutes=1))
    dead = _run(cast, "applying", lease_expires_at=now - dt.timedelta(seconds=1))
    never = _run(cast, "parsing")  # a running status without a lease: its worker is gone
    waiting = _run(cast, "apply_queued")  # not started: a busy worker is not a dead one
    reaped = jobs.reap(
        ImportRun.objects.all(),
        running_statuses=["parsing", "applying"],
        failed_status="failed",
        message="The worker stopped.",
    )
    assert sorted(reaped) == sorted([dead.pk, never.pk])
    assert ImportRun.objects.get(pk=alive.pk).status == "applying"
    assert ImportRun.objects.get(pk=waiting.pk).status == "apply_queued"
    failed = ImportRun.objects.get(pk=dead.pk)
    assert (failed.status, failed.message, failed.lease_expires_at) == (
        "failed",
        "The worker stopped.",
        None,
    )


def test_the_lease_length_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("LATTICE_JOB_LEASE_SECONDS", "5")
    assert jobs.lease_length() == dt.timedelta(seconds=5)
