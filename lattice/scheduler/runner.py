"""The scheduler: enqueue each registered periodic job when it is due, and remember when.

``run_due`` looks at every job in ``lattice.lib.schedule``, enqueues the due ones as
background tasks (the worker does the work, so a slow job never blocks the scheduler) and
records the time in ``JobRun``; ``run_forever`` calls it every ``interval`` seconds. A job
whose ``enqueue`` fails is recorded with the error and retried on the next tick.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from lattice.lib import schedule
from lattice.scheduler.models import JobRun

log = logging.getLogger(__name__)


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job due at ``now``; returns their names."""
    now = now or timezone.now()
    last = {row.name: row for row in JobRun.objects.all()}
    ran = []
    for job in schedule.jobs():
        row = last.get(job.name)
        if not job.due(row.last_run_at if row else None, now):
            continue
        error = ""
        try:
            job.enqueue()
        except Exception as exc:  # recorded and retried next tick; the scheduler keeps going
            log.exception("could not enqueue %s", job.name)
            error = f"{exc.__class__.__name__}: {exc}"[:500]
        with transaction.atomic():
            JobRun.objects.update_or_create(
                name=job.name,
                defaults={
                    "last_run_at": now if not error else (row.last_run_at if row else now),
                    "runs": (row.runs if row else 0) + (0 if error else 1),
                    "last_error": error,
                },
            )
        if not error:
            ran.append(job.name)
    return ran


def run_forever(
    interval: float = 30.0,
    stop: threading.Event | None = None,
    echo: Callable[[str], object] = print,
) -> None:
    """Tick every ``interval`` seconds until ``stop`` is set (Ctrl-C otherwise)."""
    stop = stop or threading.Event()
    while not stop.is_set():
        for name in run_due():
            echo(f"{timezone.now():%Y-%m-%d %H:%M:%S} enqueued {name}")
        stop.wait(interval)
