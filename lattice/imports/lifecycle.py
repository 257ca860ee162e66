"""An import run's life outside parse and apply: queueing, failing, orphan detection, retry,
discard, expiry and the deletion of uploaded files after the retention period.

Part of the imports app's one public surface (re-exported by :mod:`lattice.imports.actions`).
Each change that an officer makes (discard, retry, apply, undo) is audited; the system's own
housekeeping (expiry, file deletion, orphans) is audited with the system as actor.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.imports.models import RUNNING_STATUSES, ImportRun, ImportSettings
from lattice.lib import jobs
from lattice.lib.actors import Actor, signed_in
from lattice.people.models import District

Status = ImportRun.Status
FILES_GONE = (
    "The uploaded files were deleted after the district's retention period (or removed from "
    "disk), so this import cannot be read again — upload the files again."
)
ORPHANED = {
    "parsing": "The background worker stopped while reading these files (the server was "
    "restarted or crashed). Nothing was written. Try again.",
    "applying": "The background worker stopped while applying this import (the server was "
    "restarted or crashed). Applying is one transaction, so nothing was written. Try again.",
    "undoing": "The background worker stopped while undoing this import. Undoing is one "
    "transaction, so nothing was changed. Try again.",
}
WAITING = (Status.READY, Status.INVALID, Status.NEEDS_MAPPING)


class FilesGone(RuntimeError):
    """The run's stored upload no longer exists."""


class RunStateError(ValueError):
    """The run is not in a state that allows this (the message says why)."""


def fail(run: ImportRun, step: str, message: str) -> None:
    """Record that ``step`` (parse, apply, undo) failed, releasing the lease."""
    run.status = Status.FAILED if step != "undo" else Status.APPLIED
    run.message = message[:500]
    run.failed_during = step
    ImportRun.objects.filter(pk=run.pk).update(
        status=run.status, message=run.message, failed_during=step, **jobs.reset_lease()
    )


def reap(district: District | None = None, now: dt.datetime | None = None) -> list[int]:
    """Fail runs whose worker died (lease expired); returns their ids. Cheap; call freely."""
    queryset = ImportRun.objects.all()
    if district is not None:
        queryset = queryset.filter(district=district)
    reaped: list[int] = []
    for status in RUNNING_STATUSES:
        step = {"parsing": "parse", "applying": "apply", "undoing": "undo"}[status]
        reaped += jobs.reap(
            queryset,
            running_statuses=[status],
            failed_status=Status.FAILED if status != "undoing" else Status.APPLIED,
            message=ORPHANED[status],
            now=now,
            failed_during=step,
        )
    return reaped


def _settings(district: District | None) -> ImportSettings:
    from lattice.imports.safety import settings_for

    return settings_for(district)


def _delete_files(run: ImportRun) -> bool:
    if not run.storage or run.files_deleted_at is not None:
        return False
    folder = Path(settings.MEDIA_ROOT) / run.storage
    root = (Path(settings.MEDIA_ROOT) / "imports").resolve()
    if folder.resolve().parent == root and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    run.files_deleted_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(files_deleted_at=run.files_deleted_at)
    return True


@transaction.atomic
def discard_run(actor: Actor, run: ImportRun) -> None:
    """Throw a preview away (its files are deleted); it can no longer be applied."""
    if run.status not in WAITING:
        raise RunStateError(
            f"only a preview can be discarded; this import is {run.get_status_display().lower()}"
        )
    before = {"status": run.status}
    run.status = Status.DISCARDED
    run.message = "Discarded: nothing was written."
    run.save(update_fields=["status", "message"])
    _delete_files(run)
    record(
        actor=actor,
        action="imports.run.discard",
        obj=run,
        district=run.district,
        before=before,
        after={"status": run.status},
    )


def expire_previews(now: dt.datetime | None = None) -> int:
    """Previews not applied in time expire (their files go too). Returns how many."""
    now = now or timezone.now()
    count = 0
    for run in ImportRun.objects.filter(status__in=WAITING, expires_at__lt=now):
        with transaction.atomic():
            updated = ImportRun.objects.filter(pk=run.pk, status__in=WAITING).update(
                status=Status.EXPIRED,
                message="This preview expired without being applied; upload the files again.",
            )
            if updated:
                _delete_files(run)
                record(
                    actor=None,
                    action="imports.run.expire",
                    obj=run,
                    district=run.district,
                    before={"status": run.status},
                    after={"status": Status.EXPIRED},
                )
                count += 1
    return count


def delete_old_files(now: dt.datetime | None = None) -> int:
    """Delete uploaded files older than their district's retention period. Returns how many."""
    now = now or timezone.now()
    count = 0
    busy = [Status.QUEUED, Status.PARSING, Status.APPLY_QUEUED, Status.APPLYING]
    candidates = (
        ImportRun.objects.filter(files_deleted_at__isnull=True)
        .exclude(storage="")
        .exclude(status__in=busy)
        .select_related("district")
    )
    days_by_district: dict[int | None, int] = {}
    for run in candidates.iterator():
        days = days_by_district.get(run.district_id)
        if days is None:
            days = days_by_district[run.district_id] = _settings(run.district).file_retention_days
        if run.created_at < now - dt.timedelta(days=days) and _delete_files(run):
            count += 1
            if run.status in WAITING:
                ImportRun.objects.filter(pk=run.pk).update(
                    status=Status.EXPIRED, message=FILES_GONE
                )
    return count


def housekeeping(now: dt.datetime | None = None) -> dict[str, int]:
    return {
        "orphaned": len(reap(now=now)),
        "expired": expire_previews(now),
        "files_deleted": delete_old_files(now),
    }


@transaction.atomic
def queue_apply(actor: Actor, run: ImportRun, confirmed: int | None) -> None:
    """The officer asked to apply a preview (with their typed count when it is needed)."""
    from lattice.imports.safety import Guard

    if run.status != Status.READY:
        raise RunStateError(f"this import cannot be applied: {run.get_status_display().lower()}")
    guard = Guard.from_dict(run.guard) if run.guard else None
    if guard is not None and guard.exceeded and confirmed != guard.confirm_count:
        raise RunStateError(
            f"type {guard.confirm_count:,} (the number of {guard.confirm_what}) to confirm"
        )
    run.status = Status.APPLY_QUEUED
    run.confirmed_removals = confirmed if guard is not None and guard.exceeded else None
    run.message = ""
    # who asked, so a task lost with its worker is enqueued again for the same officer
    run.applied_by = signed_in(actor)
    run.heartbeat_at = timezone.now()
    run.save(
        update_fields=["status", "confirmed_removals", "message", "applied_by", "heartbeat_at"]
    )
    if guard is not None and guard.exceeded:
        record(
            actor=actor,
            action="imports.run.confirm_removals",
            obj=run,
            district=run.district,
            after={"confirmed": confirmed, "what": guard.confirm_what, "guard": guard.as_dict()},
            summary=guard.message,
        )


@transaction.atomic
def retry_run(actor: Actor, run: ImportRun) -> str:
    """Repeat the step that failed (read again, or apply again); returns which."""
    if run.status != Status.FAILED:
        raise RunStateError("only a failed import can be tried again")
    if run.files_deleted_at is not None:
        raise RunStateError(FILES_GONE)
    step = run.failed_during or "parse"
    run.status = Status.APPLY_QUEUED if step == "apply" else Status.QUEUED
    run.message = ""
    run.failed_during = ""
    if step == "apply":
        run.applied_by = signed_in(actor)
    run.save(update_fields=["status", "message", "failed_during", "applied_by"])
    ImportRun.objects.filter(pk=run.pk).update(**jobs.reset_lease())
    record(
        actor=actor,
        action="imports.run.retry",
        obj=run,
        district=run.district,
        after={"step": step, "attempts": run.attempts},
    )
    return step
