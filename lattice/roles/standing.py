"""A teacher's pathway placement, as the roles app needs it for qualifications.

The placement comes from the pathways app (``lattice.pathways.queries.current_standing``):
the standing in force today under the district's adopted policy. A pathway "satisfies" a
role's minimum when it is that pathway or one above it in the policy's order. When nobody
has placed the teacher (the district has adopted no policy), :func:`current_pathway` returns
None and a role's pathway requirement reads "no pathway placement recorded yet"; it never
invents a placement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PathwayPlacement:
    key: str  # e.g. "model"
    label: str  # e.g. "Model"
    satisfies: frozenset[str]  # keys of this pathway and every pathway below it


def placements_prefetch() -> Any:
    """A Prefetch of people's placement history, newest first, for :func:`current_pathway`
    over many teachers without a query each."""
    from django.db.models import Prefetch

    from lattice.pathways.models import Placement

    return Prefetch(
        "placements",
        queryset=Placement.objects.select_related("adoption").order_by("-effective_on", "-id"),
    )


def current_pathway(staff: Any, on: dt.date | None = None) -> PathwayPlacement | None:
    """The teacher's pathway/stage in force on ``on`` (today), or None when never placed."""
    from lattice.pathways.compute import policy_of
    from lattice.pathways.queries import current_standing
    from lattice.people.queries import today

    if "placements" in getattr(staff, "_prefetched_objects_cache", {}):
        day = on or today()
        placement = next((p for p in staff.placements.all() if p.effective_on <= day), None)
    else:
        placement = current_standing(staff, on)
    if placement is None or not placement.pathway:
        return None
    order = [p.key for p in policy_of(placement.adoption).pathways]
    below = order[: order.index(placement.pathway) + 1] if placement.pathway in order else []
    return PathwayPlacement(
        key=placement.pathway,
        label=placement.pathway_name or placement.pathway.title(),
        satisfies=frozenset(below or [placement.pathway]),
    )
