"""Background work for imports: read and plan (with progress the page polls), apply, undo,
sync a roster connection, and housekeeping.

Every task claims its run with a lease (``lattice.lib.jobs``) that a small thread renews while
it works, so a worker killed mid-run leaves a run that :func:`lattice.imports.lifecycle.reap`
marks failed instead of "Applying… 100%" forever. Apply and undo re-read the stored upload /
journal, so a run can be applied whenever the officer is ready and always against the
database as it is then. Any crash is recorded on the run.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from lattice.imports import actions, lifecycle
from lattice.imports.models import ImportRun
from lattice.imports.notices import tell_starter
from lattice.imports.plan import Plan
from lattice.lib import jobs

log = logging.getLogger(__name__)
Status = ImportRun.Status


def upload_path(run: ImportRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.storage


def build_plan(run: ImportRun, progress: Any = None) -> Plan:
    from lattice.imports.service import prepare_hr, prepare_oneroster

    folder = upload_path(run)
    if run.files_deleted_at is not None or (run.storage and not folder.exists()):
        raise lifecycle.FilesGone()
    if run.kind == ImportRun.Kind.HR:
        assert run.district is not None
        mapping = dict(run.preview.get("mapping_choice", {}))
        return prepare_hr(
            folder / run.file_names[0], run.district, mapping=mapping, progress=progress
        )
    plan = prepare_oneroster(folder, run.district, mode=run.mode or None, progress=progress)
    # a sync's package holds staff only: the people counted while fetching join the counts
    plan.counted.update(run.preview.get("sync", {}).get("counted", {}))
    return plan


def _actor(actor_id: int | None) -> Any:
    return get_user_model().objects.filter(pk=actor_id).first() if actor_id else None


@task()
def parse_run(run_id: int) -> None:
    if not jobs.claim(
        ImportRun,
        run_id,
        status=Status.PARSING,
        from_statuses=[Status.QUEUED],
        failed_during="",
        progress=0,
    ):
        return  # discarded, or another worker has it
    run = ImportRun.objects.select_related("district").get(pk=run_id)
    try:
        with jobs.Lease(ImportRun, run_id) as lease:
            plan = build_plan(run, lease)
        actions.store_preview(run, plan)
    except lifecycle.FilesGone:
        lifecycle.fail(run, "parse", lifecycle.FILES_GONE)
    except Exception:
        log.exception("import %s could not be read", run_id)
        lifecycle.fail(
            run,
            "parse",
            f"Lattice could not read the files (run #{run.pk} in the log). "
            "Check that they are the OneRoster or HR files and upload them again.",
        )
    tell_starter(run_id)


@task()
def apply_run(run_id: int, actor_id: int | None) -> None:
    if not jobs.claim(
        ImportRun,
        run_id,
        status=Status.APPLYING,
        from_statuses=[Status.APPLY_QUEUED],
        failed_during="",
        progress=0,
        progress_label="Starting",
    ):
        return
    run = ImportRun.objects.select_related("district").get(pk=run_id)
    try:
        with jobs.Lease(ImportRun, run_id) as lease:
            lease(0.05, "Reading the files again")
            plan = build_plan(run, lambda f, label: lease(0.05 + 0.45 * f, label))
            if plan.errors:  # the database changed since the preview
                actions.store_preview(run, plan)
                tell_starter(run_id)
                return
            lease(0.5, "Writing (one transaction)")
            try:
                actions.apply_plan(_actor(actor_id), plan, run, confirmed=run.confirmed_removals)
            except actions.ConfirmationNeeded as exc:
                actions.store_preview(run, plan)
                actions.mark_run(
                    run,
                    Status.READY,
                    "Nothing was written: the number of people or assignments this import "
                    f"removes changed since the preview. {exc}",
                )
    except lifecycle.FilesGone:
        lifecycle.fail(run, "apply", lifecycle.FILES_GONE)
    except Exception:
        log.exception("import %s could not be applied", run_id)
        lifecycle.fail(
            run,
            "apply",
            f"Nothing was written: applying failed (run #{run.pk} in the log). "
            "Try again; if it fails again, send the error report to support.",
        )
    tell_starter(run_id)


@task()
def undo_run(run_id: int, actor_id: int | None) -> None:
    from lattice.imports import undo

    if not jobs.claim(ImportRun, run_id, status=Status.UNDOING, from_statuses=[Status.APPLIED]):
        return
    run = ImportRun.objects.select_related("district").get(pk=run_id)
    try:
        with jobs.Lease(ImportRun, run_id):
            undo.undo_import(_actor(actor_id), run)
    except undo.UndoRefused as exc:
        actions.mark_run(run, Status.APPLIED, f"Not undone: {exc}")
        ImportRun.objects.filter(pk=run_id).update(**jobs.reset_lease())
    except Exception:
        log.exception("import %s could not be undone", run_id)
        actions.mark_run(
            run,
            Status.APPLIED,
            f"Not undone: undoing failed (run #{run.pk} in the log); nothing was changed.",
        )
        ImportRun.objects.filter(pk=run_id).update(**jobs.reset_lease())


def requeue_lost(district: Any = None) -> list[int]:
    """Enqueue again the read or apply of runs still waiting long after they were queued:
    their task may have died with a worker before it claimed the run (``jobs.lost_waiting``;
    a task for a run already claimed does nothing). Returns their ids. Cheap; call freely."""
    runs = ImportRun.objects.all()
    if district is not None:
        runs = runs.filter(district=district)
    again = jobs.lost_waiting(runs, waiting_statuses=[Status.QUEUED])
    for pk in again:
        parse_run.enqueue(pk)
    applies = jobs.lost_waiting(runs, waiting_statuses=[Status.APPLY_QUEUED])
    actors = dict(ImportRun.objects.filter(pk__in=applies).values_list("pk", "applied_by_id"))
    for pk in applies:
        apply_run.enqueue(pk, actors.get(pk))
    return again + applies


@task()
def housekeeping() -> None:
    """Orphaned runs failed, lost tasks enqueued again, old previews expired, old uploaded
    files deleted."""
    lifecycle.housekeeping()
    requeue_lost()


@task()
def sync_connection(connection_id: int, actor_id: int | None = None, full: bool = False) -> None:
    from lattice.imports.oneroster.sync import sync

    sync(connection_id, actor=_actor(actor_id), full=full)


@task()
def sync_due_connections() -> None:
    """Enqueue a sync of every roster connection whose schedule says it is due."""
    from lattice.imports.oneroster.sync import due_connections

    for connection_id in due_connections():
        sync_connection.enqueue(connection_id)
