"""The only writers of forecast runs: request, progress, finish, fail. Requests and outcomes
are audited; progress is bookkeeping on the caller's own run and is not."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.forecasts.models import ForecastRun
from lattice.people.models import District


@transaction.atomic
def request_forecast(
    actor: Any, district: District, title: str, inputs: dict[str, Any]
) -> ForecastRun:
    run = ForecastRun.objects.create(
        district=district,
        created_by=actor if getattr(actor, "pk", None) else None,
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


def start_forecast(run_id: int) -> None:
    """Mark the run started now (bookkeeping on the run itself; not audited)."""
    ForecastRun.objects.filter(pk=run_id, started_at__isnull=True).update(
        started_at=timezone.now(), status=ForecastRun.Status.RUNNING
    )


def cancel_wanted(run_id: int) -> bool:
    return ForecastRun.objects.filter(pk=run_id, cancel_requested=True).exists()


@transaction.atomic
def request_cancel(actor: Any, run: ForecastRun) -> bool:
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
    run.save(update_fields=["status", "finished_at", "message"])
    record(
        actor=None,
        action="forecasts.run.stop",
        obj=run,
        district=run.district,
        summary=f"Forecast stopped: {run.title}",
    )


def set_progress(run_id: int, fraction: float) -> None:
    """Store progress outside any transaction, so the page's polling sees it."""
    ForecastRun.objects.filter(pk=run_id).update(
        progress=round(min(max(fraction, 0.0), 1.0), 3), status=ForecastRun.Status.RUNNING
    )


@transaction.atomic
def finish_forecast(run: ForecastRun, result: dict[str, Any]) -> None:
    run.result = result
    run.status = ForecastRun.Status.DONE
    run.progress = 1.0
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "progress", "finished_at"])
    record(
        actor=None,
        action="forecasts.run.finish",
        obj=run,
        district=run.district,
        summary=f"Forecast finished: {run.title}",
    )


@transaction.atomic
def fail_forecast(run: ForecastRun, message: str) -> None:
    run.status = ForecastRun.Status.FAILED
    run.message = message[:500]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])
    record(
        actor=None,
        action="forecasts.run.fail",
        obj=run,
        district=run.district,
        summary=f"Forecast failed: {run.message}",
    )
