"""Where teachers stand on a career pathway, for apps that do not keep standings.

The pathways app keeps each teacher's standing; the roles app asks whether a teacher is on a
pathway a role requires, without importing the pathways app (they are siblings,
docs/decisions/0008). The app that keeps standings registers one reader here when Django
starts; :func:`pathway_placements` asks it. Without a reader (no pathways app), nobody is
placed: a role's pathway requirement then reads "no pathway placement recorded yet", never an
invented placement. Plain Python: the registry imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PathwayPlacement:
    """A teacher's pathway (or stage) under the district's adopted policy."""

    key: str  # e.g. "model"
    label: str  # e.g. "Model"
    satisfies: frozenset[str]  # keys of this pathway and every pathway below it


Reader = Callable[[int, dt.date, frozenset[int]], Mapping[int, PathwayPlacement | None]]

_readers: dict[str, Reader] = {}


def register(name: str, reader: Reader) -> None:
    """Register ``reader`` under ``name`` (registering a name again replaces it).

    A reader takes (district id, date, staff ids) and returns the placement of each teacher it
    places on that date, in a fixed number of queries however many teachers are asked about.
    """
    _readers[name] = reader


def readers() -> dict[str, Reader]:
    """The registered readers by name (a copy), for tests and diagnostics."""
    return dict(_readers)


def pathway_placements(
    district_id: int, on: dt.date, staff_ids: Iterable[int]
) -> dict[int, PathwayPlacement | None]:
    """Each teacher's placement on ``on`` (None: not placed on a pathway), for every id asked."""
    ids = frozenset(staff_ids)
    found: dict[int, PathwayPlacement | None] = dict.fromkeys(ids)
    for name in sorted(_readers):
        for staff_id, placement in _readers[name](district_id, on, ids).items():
            if staff_id in ids and found[staff_id] is None:
                found[staff_id] = placement
    return found


def pathway_placement(district_id: int, staff_id: int, on: dt.date) -> PathwayPlacement | None:
    """One teacher's placement on ``on``, or None when not placed on a pathway."""
    return pathway_placements(district_id, on, [staff_id])[staff_id]


PovertyLine = Callable[[int, dt.date], int]

_poverty_lines: dict[str, PovertyLine] = {}


def register_poverty_line(name: str, line: PovertyLine) -> None:
    """Register the reader of the FRL percent from which a district's schools count as
    high-poverty (the pathways app answers from the policy in force: one definition)."""
    _poverty_lines[name] = line


def high_poverty_percent(district_id: int, on: dt.date) -> int | None:
    """The district's high-poverty FRL percent on ``on``, or None when no app keeps policies
    (the caller then uses the rules engine's default)."""
    for name in sorted(_poverty_lines):
        return _poverty_lines[name](district_id, on)
    return None
