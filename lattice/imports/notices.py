"""What the imports app tells the person who started an import (:mod:`lattice.notifications`):
a preview ready to review, an import applied, one that failed. Reading and applying run in the
background, so the officer who uploaded may have left the page."""

from __future__ import annotations

from django.urls import reverse

from lattice.imports.models import ImportRun
from lattice.notifications.kinds import NoticeKind
from lattice.notifications.send import notify

Status = ImportRun.Status

KINDS = (
    NoticeKind("imports.preview_ready", "An import is read and waits for you to apply it"),
    NoticeKind("imports.applied", "An import you started was applied"),
    NoticeKind("imports.failed", "An import you started failed"),
)


def tell_starter(run_id: int) -> None:
    """Tell whoever started the run how its background step ended (nothing while it is still
    running, or for a run nobody started, such as a scheduled roster sync that went well)."""
    run = ImportRun.objects.select_related("district", "created_by").filter(pk=run_id).first()
    if run is None or run.district is None or run.created_by is None:
        return
    link = reverse("imports:run", kwargs={"district": run.district.key, "pk": run.pk})
    what = f"{run.get_kind_display()} for {run.district.name}"
    if run.status in (Status.READY, Status.INVALID, Status.NEEDS_MAPPING):
        problem = {
            Status.READY: "is read: look at the preview and apply it",
            Status.INVALID: "is read but has errors: the preview lists each row to fix",
            Status.NEEDS_MAPPING: "needs its columns matched before it can be read",
        }[Status(run.status)]
        notify(
            run.created_by,
            kind="imports.preview_ready",
            subject=f"Your import {problem.split(':')[0]}",
            body=f"The {what} {problem}.",
            link=link,
        )
    elif run.status == Status.APPLIED:
        notify(
            run.created_by,
            kind="imports.applied",
            subject=f"Your import was applied: {what}",
            body=run.message or f"The {what} was applied.",
            link=link,
        )
    elif run.status == Status.FAILED:
        notify(
            run.created_by,
            kind="imports.failed",
            subject=f"Your import failed: {what}",
            body=run.message or "The import failed; nothing was written.",
            link=link,
        )
