"""Background work for web imports: read and plan (with progress the page polls), apply.

Both tasks re-read the stored upload, so a run can be applied whenever the officer is ready
and always against the database as it is then. Any crash is recorded on the run.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from lattice.imports import actions
from lattice.imports.models import ImportRun
from lattice.imports.plan import Plan

log = logging.getLogger(__name__)


class _Throttled:
    """Writes progress to the run at most every half second."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, fraction: float, label: str) -> None:
        now = time.monotonic()
        if now - self.last >= 0.5:
            self.last = now
            actions.set_progress(self.run_id, fraction, label)


def upload_path(run: ImportRun) -> Path:
    return Path(settings.MEDIA_ROOT) / run.storage


def build_plan(run: ImportRun, progress: Any = None) -> Plan:
    from lattice.imports.service import prepare_hr, prepare_oneroster

    folder = upload_path(run)
    if run.kind == ImportRun.Kind.HR:
        assert run.district is not None
        mapping = dict(run.preview.get("mapping_choice", {}))
        return prepare_hr(
            folder / run.file_names[0], run.district, mapping=mapping, progress=progress
        )
    return prepare_oneroster(folder, run.district, mode=run.mode or None, progress=progress)


@task()
def parse_run(run_id: int) -> None:
    run = ImportRun.objects.select_related("district").get(pk=run_id)
    actions.mark_run(run, ImportRun.Status.PARSING)
    try:
        actions.store_preview(run, build_plan(run, _Throttled(run_id)))
    except Exception as exc:
        log.exception("import %s could not be read", run_id)
        actions.mark_run(
            run,
            ImportRun.Status.FAILED,
            f"Lattice could not read the files ({exc.__class__.__name__}). "
            "Check that they are the OneRoster or HR files and upload them again.",
        )


@task()
def apply_run(run_id: int, actor_id: int | None) -> None:
    run = ImportRun.objects.select_related("district").get(pk=run_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        plan = build_plan(run)
        if plan.errors:  # the database changed since the preview
            actions.store_preview(run, plan)
            return
        actions.apply_plan(actor, plan, run)
    except Exception as exc:
        log.exception("import %s could not be applied", run_id)
        actions.mark_run(
            run,
            ImportRun.Status.FAILED,
            f"Nothing was written: applying failed ({exc.__class__.__name__}). "
            "Try again; if it fails again, send the error report to support.",
        )
