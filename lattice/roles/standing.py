"""A teacher's pathway placement, as the roles app needs it for qualifications.

The placement is the teacher's standing read through the pathways app's public reader
(``lattice.pathways.queries.standing_for``): the stored standing under the district's adopted
policy. A pathway "satisfies" a role's minimum when it is that pathway or one above it in the
policy's order. When nobody has placed the teacher (the district has adopted no policy, or
their standing is not computed), :func:`current_pathway` returns None and a role's pathway
requirement reads "no pathway placement recorded yet"; it never invents a placement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lattice.pathways.queries import StandingRead, pathway_order, standing_for
from lattice.people.models import StaffMember


@dataclass(frozen=True)
class PathwayPlacement:
    key: str  # e.g. "model"
    label: str  # e.g. "Model"
    satisfies: frozenset[str]  # keys of this pathway and every pathway below it


def placement_of(read: StandingRead) -> PathwayPlacement | None:
    """The pathway of a standing, or None when it is not placed on one."""
    standing = read.standing
    if not read.placed or standing is None or not standing.pathway:
        return None
    order = list(pathway_order(standing))
    below = order[: order.index(standing.pathway) + 1] if standing.pathway in order else []
    return PathwayPlacement(
        key=standing.pathway,
        label=standing.pathway_name or standing.pathway.title(),
        satisfies=frozenset(below or [standing.pathway]),
    )


def current_pathway(staff: StaffMember, on: dt.date | None = None) -> PathwayPlacement | None:
    """The teacher's pathway/stage in force on ``on`` (today), or None when never placed."""
    return placement_of(standing_for(staff, on))
