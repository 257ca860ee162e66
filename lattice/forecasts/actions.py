"""The only writers of forecast runs: request, claim, progress, finish, fail, cancel, and —
when a worker died mid-run — reap and retry. Requests and outcomes are audited; claiming and
progress are bookkeeping on the worker's own run and are not.

A running forecast holds a lease (``lattice.lib.jobs``) that a thread of its worker renews.
A forecast is a pure function of its inputs and seed, so running it again gives the result
the first attempt would have: :func:`reap` puts runs whose lease expired (the worker was
killed, lost power or hung) back in the queue for another worker to restart, up to
:data:`MAX_ATTEMPTS` starts, and only then marks them failed with a plain message;
:func:`retry_forecast` queues a failed run again on the officer's request.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.forecasts.models import ForecastRun
from lattice.lib import jobs
from lattice.lib.actors import Actor, signed_in
from lattice.notifications.kinds import NoticeKind
from lattice.notifications.send import notify
from lattice.people.models import District

Status = ForecastRun.Status
# Starts a run gets before a dying worker fails it: a run that kills its worker each time
# (say, out of memory) must not loop forever.
MAX_ATTEMPTS = 3
ORPHANED = (
    "The background worker stopped while running this forecast (the server was restarted or "
    "crashed), so it has no result. Try again: the same inputs and seed give the same result."
)
RESTARTED = (
    "The background worker stopped while running this forecast (the server was restarted or "
    "crashed); it was started again from the beginning and gives the same result."
)


@transaction.atomic
def request_forecast(
    actor: Actor, district: District, title: str, inputs: dict[str, Any]
) -> ForecastRun:
    run = ForecastRun.objects.create(
        district=district,
        created_by=signed_in(actor),
        title=title[:200],
        inputs=inputs,
    )
    record(
        actor=actor,
        action="forecasts.run.request",
        obj=run,
        district=district,
        after=inputs,
        summary=f"Requested forecast: {run.title}",
    )
    return run


def claim_forecast(run_id: int) -> bool:
    """Take a queued run for this worker (its lease starts now); False when it is not
    queued any more (cancelled, or another worker has it)."""
    return jobs.claim(
        ForecastRun,
        run_id,
        status=Status.RUNNING,
        from_statuses=[Status.QUEUED],
        started_at=timezone.now(),
        progress=0.0,
    )


def reap(district: District | None = None) -> list[int]:
    """Put running forecasts whose worker died (lease expired) back in the queue; returns
    their ids, for the caller to enqueue (``tasks.restart_orphans``). A run already started
    :data:`MAX_ATTEMPTS` times is failed instead, with a plain message. Cheap: the pages
    call it before they show runs, and a periodic job calls it for everyone."""
    runs = ForecastRun.objects.all()
    if district is not None:
        runs = runs.filter(district=district)
    running = [Status.RUNNING]
    now = timezone.now()
    requeued = []
    orphans = jobs.orphaned(runs, running_statuses=running, now=now)
    for pk in orphans.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True):
        updated = jobs.orphaned(
            ForecastRun.objects.filter(pk=pk), running_statuses=running, now=now
        ).update(status=Status.QUEUED, message=RESTARTED, **jobs.reset_lease())
        if updated:
            requeued.append(pk)
    failed = jobs.reap(
        runs.filter(attempts__gte=MAX_ATTEMPTS),
        running_statuses=running,
        failed_status=Status.FAILED,
        message=ORPHANED,
        now=now,
        finished_at=now,
    )
    for run in ForecastRun.objects.filter(pk__in=requeued + failed).select_related("district"):
        restarted = run.pk in requeued
        record(
            actor=None,
            action="forecasts.run.restart" if restarted else "forecasts.run.fail",
            obj=run,
            district=run.district,
            after={"attempts": run.attempts},
            summary=f"Forecast {'restarted' if restarted else 'failed'}: "
            f"{RESTARTED if restarted else ORPHANED}",
        )
    return requeued


@transaction.atomic
def retry_forecast(actor: Actor, run: ForecastRun) -> ForecastRun:
    """Queue a failed forecast again (its inputs unchanged); the caller enqueues the task."""
    run = ForecastRun.objects.select_for_update().get(pk=run.pk)
    if run.status != Status.FAILED:
        raise ValueError(f"only a failed forecast can be tried again; this one is "
                         f"{run.get_status_display().lower()}")  # fmt: skip
    run.status = Status.QUEUED
    run.message = ""
    run.progress = 0.0
    run.result = None
    run.started_at = run.finished_at = None
    run.cancel_requested = False
    run.save(
        update_fields=["status", "message", "progress", "result", "started_at", "finished_at",
                       "cancel_requested"]
    )  # fmt: skip
    ForecastRun.objects.filter(pk=run.pk).update(**jobs.reset_lease())
    record(
        actor=actor,
        action="forecasts.run.retry",
        obj=run,
        district=run.district,
        after={"attempts": run.attempts},
        summary=f"Forecast tried again: {run.title}",
    )
    return run


def cancel_wanted(run_id: int) -> bool:
    return ForecastRun.objects.filter(pk=run_id, cancel_requested=True).exists()


@transaction.atomic
def request_cancel(actor: Actor, run: ForecastRun) -> bool:
    """Ask a queued or running forecast to stop; False when it has already finished."""
    run = ForecastRun.objects.select_for_update().get(pk=run.pk)
    if run.finished:
        return False
    run.cancel_requested = True
    fields = ["cancel_requested"]
    if run.status == ForecastRun.Status.QUEUED:  # never started: stop it now
        run.status = ForecastRun.Status.CANCELLED
        run.finished_at = timezone.now()
        fields += ["status", "finished_at"]
    run.save(update_fields=fields)
    record(
        actor=actor,
        action="forecasts.run.cancel",
        obj=run,
        district=run.district,
        summary=f"Cancelled forecast: {run.title}",
    )
    return True


@transaction.atomic
def cancelled_forecast(run: ForecastRun) -> None:
    run.status = ForecastRun.Status.CANCELLED
    run.finished_at = timezone.now()
    run.message = "Cancelled on request before it finished."
    run.worker, run.lease_expires_at = "", None
    run.save(update_fields=["status", "finished_at", "message", "worker", "lease_expires_at"])
    record(
        actor=None,
        action="forecasts.run.stop",
        obj=run,
        district=run.district,
        summary=f"Forecast stopped: {run.title}",
    )


def set_progress(run_id: int, fraction: float) -> None:
    """Store progress outside any transaction, so the page's polling sees it (only while
    the run is running: a reaped or cancelled run stays as it is)."""
    ForecastRun.objects.filter(pk=run_id, status=Status.RUNNING).update(
        progress=round(min(max(fraction, 0.0), 1.0), 3)
    )


KINDS = (
    NoticeKind("forecasts.finished", "A forecast you started finished"),
    NoticeKind("forecasts.failed", "A forecast you started failed"),
)


def _tell(run: ForecastRun, kind: str, subject: str, body: str) -> None:
    """Tell the officer who asked for the forecast (it ran in the background)."""
    if run.created_by_id is None:
        return
    notify(
        run.created_by,
        kind=kind,
        subject=subject,
        body=body,
        link=reverse("forecasts:run", args=[run.district.key, run.pk]),
    )


@transaction.atomic
def finish_forecast(run: ForecastRun, result: dict[str, Any]) -> None:
    run.result = result
    run.status = ForecastRun.Status.DONE
    run.progress = 1.0
    run.finished_at = timezone.now()
    run.worker, run.lease_expires_at = "", None
    run.save(
        update_fields=["result", "status", "progress", "finished_at", "worker", "lease_expires_at"]
    )
    record(
        actor=None,
        action="forecasts.run.finish",
        obj=run,
        district=run.district,
        summary=f"Forecast finished: {run.title}",
    )
    _tell(
        run,
        "forecasts.finished",
        f"Your forecast is ready: {run.title}",
        "The forecast finished; open it to read the results and download them.",
    )


@transaction.atomic
def fail_forecast(run: ForecastRun, message: str) -> None:
    run.status = ForecastRun.Status.FAILED
    run.message = message[:500]
    run.finished_at = timezone.now()
    run.worker, run.lease_expires_at = "", None
    run.save(update_fields=["status", "message", "finished_at", "worker", "lease_expires_at"])
    record(
        actor=None,
        action="forecasts.run.fail",
        obj=run,
        district=run.district,
        summary=run.message,
    )
    _tell(
        run,
        "forecasts.failed",
        f"Your forecast failed: {run.title}",
        f"{run.message} Open it to try again.",
    )
