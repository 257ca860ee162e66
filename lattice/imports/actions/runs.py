"""Run bookkeeping: creating a run, its parse progress, the stored preview, the officer's
column mapping, a run's status."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.text import get_valid_filename

from lattice.imports import safety
from lattice.imports.hr.columns import saved_mapping
from lattice.imports.models import ImportRun
from lattice.imports.plan import Plan
from lattice.lib.actors import Actor, signed_in
from lattice.people.models import District


def create_run(
    actor: Actor,
    *,
    kind: str,
    district: District | None,
    origin: str,
    file_names: Iterable[str],
    mode: str = "",
    storage: str = "",
    mapping: dict[str, str] | None = None,
) -> ImportRun:
    return ImportRun.objects.create(
        kind=kind,
        district=district,
        origin=origin,
        file_names=list(file_names),
        mode=mode,
        storage=storage,
        preview={"mapping_choice": mapping} if mapping is not None else {},
        created_by=signed_in(actor),
    )


def upload_run(
    actor: Any, files: Iterable[Any], *, kind: str, district: District, origin: str, mode: str = ""
) -> ImportRun:
    """Write uploaded files under MEDIA_ROOT and create their run, for the caller to queue
    ``tasks.parse_run``: the task worker reads the files, never the web process. The imports
    page and the API upload through here, so a file is stored and named one way."""
    storage = f"imports/{uuid.uuid4().hex}"
    folder = Path(settings.MEDIA_ROOT) / storage
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for upload in files:
        name = get_valid_filename(Path(upload.name).name)[:120] or "upload"
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(name)
    return create_run(
        actor,
        kind=kind,
        district=district,
        origin=origin,
        file_names=names,
        mode=mode,
        storage=storage,
        mapping=saved_mapping(district) if kind == ImportRun.Kind.HR else None,
    )


def set_progress(run_id: int, fraction: float, label: str) -> None:
    """Store parse progress on the run (outside any transaction, so pollers see it)."""
    ImportRun.objects.filter(pk=run_id).update(
        progress=round(fraction, 3), progress_label=label[:120]
    )


def store_preview(run: ImportRun, plan: Plan) -> None:
    """Keep the preview and errors on the run; status says whether it can be applied.

    The officer's column-mapping choice (HR files) is kept across re-reads.
    """
    choice = run.preview.get("mapping_choice")
    sync_info = run.preview.get("sync")
    run.preview = plan.preview()
    if choice is not None:
        run.preview["mapping_choice"] = choice
    if sync_info is not None:
        run.preview["sync"] = sync_info
    run.counts = plan.counts()
    run.errors = plan.errors.as_list()
    run.error_total = plan.errors.total
    run.warnings = plan.warnings.as_list()
    if not plan.errors:
        run.preview["guard"] = safety.check(plan).as_dict()
    run.expires_at = timezone.now() + dt.timedelta(
        days=safety.settings_for(plan.district or run.district).preview_days
    )
    run.version = plan.version
    run.mode = plan.mode
    run.progress = 1
    run.progress_label = "Done"
    if plan.extra.get("needs_mapping"):
        run.status = ImportRun.Status.NEEDS_MAPPING
    elif plan.errors:
        run.status = ImportRun.Status.INVALID
    else:
        run.status = ImportRun.Status.READY
    if plan.district is not None and run.district_id is None:
        run.district = plan.district
    run.save()


def choose_mapping(run: ImportRun, mapping: dict[str, str]) -> None:
    """Record the officer's column mapping for an HR run and queue it to be read again."""
    run.preview = {"mapping_choice": mapping}
    run.status = ImportRun.Status.QUEUED
    run.progress = 0
    run.save(update_fields=["preview", "status", "progress"])


def mark_run(run: ImportRun, status: str, message: str = "") -> None:
    run.status = status
    run.message = message[:500]
    run.save(update_fields=["status", "message"])
