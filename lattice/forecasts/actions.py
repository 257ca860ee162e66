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
        action="forecast.request",
        obj=run,
        district=district,
        after=inputs,
        summary=f"Requested forecast: {run.title}",
    )
    return run


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
        action="forecast.finish",
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
        action="forecast.fail",
        obj=run,
        district=run.district,
        summary=f"Forecast failed: {run.message}",
    )
