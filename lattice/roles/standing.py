"""A teacher's pathway placement, as the roles app needs it for qualifications.

Until the pathways app exists, no placement is recorded anywhere, so :func:`current_pathway`
returns None and a role's pathway requirement is reported unmet with "no pathway placement
recorded yet". It never invents a placement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PathwayPlacement:
    key: str  # e.g. "model"
    label: str  # e.g. "Model"
    satisfies: frozenset[str]  # keys of this pathway and every pathway below it


def current_pathway(staff: Any) -> PathwayPlacement | None:
    """The teacher's current pathway/stage, or None when no placement is recorded."""
    return None
