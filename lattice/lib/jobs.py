"""Background runs that survive a crashed worker: a lease the running task renews, progress,
and the detection of runs whose worker died.

The pattern, shared by import runs and forecast runs:

1. A run model inherits :class:`LeasedRun` (four columns: who holds the run, until when,
   when it last reported, how many times it was started).
2. The task *claims* the run with :func:`claim` — one conditional UPDATE from a waiting
   status to a running one, so two workers never run the same run — and wraps its work in
   :class:`Lease`, which renews the lease every few seconds from a small thread with its own
   database connection (so renewals commit even while the task holds a long transaction) and
   carries the latest progress with it.
3. Anyone may call :func:`reap`: runs still in a running status whose lease has expired
   belonged to a worker that was killed, lost power or hung; they are marked failed with a
   plain message, so the page stops saying "Applying… 100%" and the officer can retry.
4. Retrying is the app's own action (it knows which step failed); :func:`reset_lease`
   clears the lease columns for it.
5. A worker can also die after the task queue handed it a task but before :func:`claim`
   (the soak, ``bench/soak.py``, killed one there): the run still says "waiting" and the
   queue counts its task as running, so nobody would ever start it. :func:`lost_waiting`
   finds runs that have waited longer than a lease since their last sign of life, for the
   app to enqueue their task again. That is safe because claiming is conditional: a second
   task for a run already claimed (or finished) does nothing.

Why a lease and not a process check: the worker may run on another machine. Why a thread:
a task inside one database transaction cannot commit a heartbeat on its own connection.
When the caller is itself inside a transaction (tests, the immediate task backend), rows it
created are invisible to another connection, so the lease is renewed inline instead.

The lease length is ``LATTICE_JOB_LEASE_SECONDS`` (default 60); renewals come every quarter
of it. A reaped run is never resumed: its work is either one transaction that rolled back
(imports) or restartable from its inputs (forecasts).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError, connection, models
from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)


def lease_length() -> dt.timedelta:
    """How long a run stays claimed without a renewal (``LATTICE_JOB_LEASE_SECONDS``)."""
    raw = os.environ.get("LATTICE_JOB_LEASE_SECONDS", "").strip()
    seconds = float(raw) if raw else 60.0
    return dt.timedelta(seconds=max(seconds, 1.0))


def worker_name() -> str:
    """This process as ``host:pid`` (shown to support staff, used to match renewals)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


class LeasedRun(models.Model):
    """Columns a background run needs to be claimed, renewed and found orphaned.

    Personal data: none (a host name and process id).
    """

    worker = models.CharField(
        max_length=120, blank=True, help_text="host:pid of the worker holding the run."
    )
    lease_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="The run is orphaned if still running after this."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker last reported."
    )
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True


def claim(
    model: type[models.Model],
    pk: Any,
    *,
    status: str,
    from_statuses: Iterable[str],
    **fields: Any,
) -> bool:
    """Move run ``pk`` from a waiting status to ``status`` and take its lease.

    One conditional UPDATE: returns False (and changes nothing) when the run is not in one
    of ``from_statuses`` — another worker has it, or it was discarded meanwhile.
    """
    now = timezone.now()
    updated = model._default_manager.filter(pk=pk, status__in=list(from_statuses)).update(
        status=status,
        worker=worker_name(),
        lease_expires_at=now + lease_length(),
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        **fields,
    )
    return bool(updated)


def reset_lease() -> dict[str, Any]:
    """The column values of a run nobody holds (for finishing and retrying). Its last sign of
    life is now: a run queued again with these is not taken for lost (:func:`lost_waiting`)
    until a lease length has passed."""
    return {"worker": "", "lease_expires_at": None, "heartbeat_at": timezone.now()}


class Lease:
    """Renew a claimed run's lease while the block runs; carry its progress along.

    ``progress(fraction, label)`` may be called as often as the work likes: values are kept
    in memory and written with the next renewal (``progress_fields`` names the model's two
    columns; pass ``()`` when the model keeps progress otherwise).
    """

    def __init__(
        self,
        model: type[models.Model],
        pk: Any,
        *,
        progress_fields: tuple[str, ...] = ("progress", "progress_label"),
        every: float | None = None,
    ) -> None:
        self.model = model
        self.pk = pk
        self.progress_fields = progress_fields
        self.every = every if every is not None else lease_length().total_seconds() / 4
        self.worker = worker_name()
        self._progress: tuple[float, str] | None = None
        self._written: tuple[float, str] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._inline = False
        self._last_inline = 0.0

    # -- the work calls these ------------------------------------------------------------
    def progress(self, fraction: float, label: str = "") -> None:
        self._progress = (round(min(max(fraction, 0.0), 1.0), 3), label[:120])
        if self._inline and time.monotonic() - self._last_inline >= min(self.every, 0.5):
            self._renew()

    __call__ = progress  # a Lease is a progress callback

    # -- renewal -------------------------------------------------------------------------
    def _fields(self) -> dict[str, Any]:
        now = timezone.now()
        fields: dict[str, Any] = {
            "lease_expires_at": now + lease_length(),
            "heartbeat_at": now,
        }
        if self._progress is not None and self._progress != self._written and self.progress_fields:
            fraction_field, label_field = self.progress_fields
            fields[fraction_field] = self._progress[0]
            if self._progress[1]:
                fields[label_field] = self._progress[1]
        return fields

    def _renew(self) -> None:
        self._last_inline = time.monotonic()
        fields = self._fields()
        pending = self._progress
        self.model._default_manager.filter(pk=self.pk, worker=self.worker).update(**fields)
        self._written = pending

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    self._renew()
                except DatabaseError as exc:  # e.g. SQLite locked by the task's transaction
                    log.info(
                        "lease renewal of %s %s deferred: %s", self.model.__name__, self.pk, exc
                    )
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> Lease:
        self._inline = connection.in_atomic_block
        if not self._inline:
            self._thread = threading.Thread(
                target=self._loop, name=f"lease-{self.model.__name__}-{self.pk}", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.every + 30)


def orphaned(
    queryset: models.QuerySet[Any], *, running_statuses: Iterable[str], now: dt.datetime | None
) -> models.QuerySet[Any]:
    """Runs in a running status whose lease has expired (or that never had one)."""
    now = now or timezone.now()
    return queryset.filter(status__in=list(running_statuses)).filter(
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True)
    )


def lost_waiting(
    queryset: models.QuerySet[Any],
    *,
    waiting_statuses: Iterable[str],
    now: dt.datetime | None = None,
) -> list[Any]:
    """Primary keys of runs in a waiting status with no sign of life for a lease length
    (``heartbeat_at``, else ``created_at``), whose task may have been lost with its worker;
    the caller enqueues each again. Each is stamped (``heartbeat_at = now``) in the same
    conditional UPDATE, so a run is handed out again at most once a lease length, however
    many pages ask."""
    now = now or timezone.now()
    waiting = list(waiting_statuses)
    quiet = Q(heartbeat_at__lt=now - lease_length()) | Q(
        heartbeat_at__isnull=True, created_at__lt=now - lease_length()
    )
    found = list(queryset.filter(status__in=waiting).filter(quiet).values_list("pk", flat=True))
    manager = queryset.model._default_manager
    return [
        pk
        for pk in found
        if manager.filter(pk=pk, status__in=waiting).filter(quiet).update(heartbeat_at=now)
    ]


def reap(
    queryset: models.QuerySet[Any],
    *,
    running_statuses: Iterable[str],
    failed_status: str,
    message: str,
    now: dt.datetime | None = None,
    **fields: Any,
) -> list[Any]:
    """Mark orphaned runs failed with ``message``; return their primary keys.

    Each UPDATE repeats the orphan condition, so a run whose worker renewed or finished in
    the meantime is left alone (safe to call from any page view or a periodic job).
    """
    running = list(running_statuses)
    found = list(orphaned(queryset, running_statuses=running, now=now).values_list("pk", flat=True))
    reaped = []
    for pk in found:
        updated = orphaned(
            queryset.model._default_manager.filter(pk=pk), running_statuses=running, now=now
        ).update(status=failed_status, message=message[:500], **reset_lease(), **fields)
        if updated:
            reaped.append(pk)
    return reaped
