"""Periodic work: a registry of jobs that run on a schedule (nightly recompute, roster sync).

Apps register a :class:`Periodic` when Django starts; the scheduler (``lattice schedule``,
started by ``lattice run`` beside the task worker) enqueues each job when it is due. Jobs
are enqueued as background tasks, so the scheduler itself never does the work and a crashed
worker loses nothing but time. Plain Python: the registry imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Periodic:
    """A job due every ``every``, first at ``at`` (a time of day, UTC) when given.

    ``enqueue`` schedules the work (it should enqueue a task and return at once).
    """

    name: str
    every: dt.timedelta
    enqueue: Callable[[], object]
    description: str
    at: dt.time | None = None

    def due(self, last_run: dt.datetime | None, now: dt.datetime) -> bool:
        """Whether the job should run at ``now`` given when it last ran (aware datetimes)."""
        if last_run is None:
            return self.at is None or now.time() >= self.at
        if now - last_run < self.every:
            return False
        if self.at is None or self.every < dt.timedelta(days=1):
            return True
        return now.time() >= self.at or now - last_run >= self.every + dt.timedelta(days=1)


_jobs: dict[str, Periodic] = {}


def register(job: Periodic) -> None:
    """Register ``job`` (a name registered again replaces the earlier job)."""
    _jobs[job.name] = job


def jobs() -> list[Periodic]:
    """The registered jobs, by name."""
    return [_jobs[name] for name in sorted(_jobs)]
