"""The only place imports write: applying a plan, keeping run records, review decisions.

:func:`apply_plan` is one transaction: it refuses a plan with errors, and any failure while
writing rolls everything back. The writers of each kind of plan (``roster``: OneRoster;
``hr``: HR and evaluation files) are its parts; ``runs`` keeps the run's bookkeeping and
``decisions`` the officer's choices an import follows. This package is the imports app's one
public surface for writing (with the run's life from :mod:`lattice.imports.lifecycle`).
"""

from __future__ import annotations

from lattice.imports.actions.apply import ConfirmationNeeded, ImportRefused, apply_plan
from lattice.imports.actions.decisions import (
    resolve_review_item,
    save_column_mapping,
    save_import_settings,
    save_rating_vocabulary,
)
from lattice.imports.actions.runs import (
    choose_mapping,
    create_run,
    mark_run,
    set_progress,
    store_preview,
    upload_run,
)
from lattice.imports.lifecycle import (
    RunStateError,
    discard_run,
    queue_apply,
    reap,
    retry_run,
)

__all__ = [
    "ConfirmationNeeded",
    "ImportRefused",
    "RunStateError",
    "apply_plan",
    "choose_mapping",
    "create_run",
    "discard_run",
    "mark_run",
    "queue_apply",
    "reap",
    "resolve_review_item",
    "retry_run",
    "save_column_mapping",
    "save_import_settings",
    "save_rating_vocabulary",
    "set_progress",
    "store_preview",
    "upload_run",
]
