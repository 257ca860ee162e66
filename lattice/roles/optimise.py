"""Staffing suggestions: candidates ranked by fit, and an optimal one-to-one assignment.

Suggestions only; people decide. Fit is a score out of 100 with its reasons:
- qualifications: 60 × the share of the role's requirements met;
- stated interest in that kind of role: 25;
- headroom: 15 × the share of the teacher's maximum load still free.
The assignment maximises total fit over all open positions with
``scipy.optimize.linear_sum_assignment``; each teacher is expanded into as many columns as
roles they could still take, so nobody is suggested beyond their maximum load, and only fully
qualified teachers are assigned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lattice.roles.qualify import Outcome, Qualification

FORBIDDEN = 1e6


@dataclass(frozen=True)
class Fit:
    staff_id: int
    score: float
    eligible: bool  # fully qualified with load to spare
    reasons: tuple[str, ...]


def fit(
    staff_id: int,
    qualification: Qualification | Outcome,
    *,
    interested: bool,
    load: int,
    max_load: int,
    kind: str,
) -> Fit:
    headroom = max(max_load - load, 0)
    score = (
        60 * qualification.met_share
        + (25 if interested else 0)
        + (15 * headroom / max_load if max_load else 0)
    )
    reasons = []
    n = qualification.count
    if qualification.qualified:
        reasons.append(f"meets all {n} requirements" if n else "the role has no requirements")
    else:
        reasons.append(qualification.gap_summary)
    if interested:
        reasons.append(f"said they are interested in {kind} roles")
    reasons.append(f"holds {load} of at most {max_load} role{'s' if max_load != 1 else ''}")
    return Fit(staff_id, round(score, 1), qualification.qualified and headroom > 0, tuple(reasons))


def optimal_assignment(
    openings: Sequence[dict[int, float]],
    capacity: dict[int, int],
    groups: Sequence[int] | None = None,
) -> dict[int, int]:
    """Opening index -> staff id maximising total fit.

    ``openings[i]`` maps each eligible staff id to its fit for opening i; ``capacity`` is how
    many more roles each may take. ``groups[i]`` names the posting of opening i: one person
    never fills two openings of the same posting. Linear assignment solves the problem without
    that rule; when its answer breaks it (rare), the same problem is solved exactly with the
    rule as a small integer program.
    """
    # Each opening keeps only its best len(openings) candidates who may take a role: in an
    # optimal assignment the other openings hold at most len(openings) - 1 of them, so one is
    # always free to take the seat of anyone below them at no loss (ties may be picked
    # differently; the total fit is the same).
    keep = len(openings)
    openings = [
        dict(
            sorted(
                ((sid, score) for sid, score in fits.items() if capacity.get(sid, 0) > 0),
                key=lambda item: (-item[1], item[0]),
            )[:keep]
        )
        for fits in openings
    ]
    # Only teachers some opening may take have columns (a teacher fills at most one opening
    # per column, so at most as many openings as there are); one per role they may still take.
    wanted = {sid for fits in openings for sid in fits}
    columns = [
        sid for sid, cap in sorted(capacity.items()) if sid in wanted for _ in range(max(cap, 0))
    ]
    if not openings or not columns:
        return {}
    groups = list(groups) if groups is not None else list(range(len(openings)))
    columns_of: dict[int, list[int]] = {}
    for j, sid in enumerate(columns):
        columns_of.setdefault(sid, []).append(j)
    # one "leave it open" column per opening (cost 0), so a forbidden pair is never forced
    cost = np.full((len(openings), len(columns) + len(openings)), FORBIDDEN)
    cost[:, len(columns) :] = 0
    for i, fits in enumerate(openings):
        for sid, score in fits.items():
            for j in columns_of.get(sid, ()):
                cost[i, j] = -score
    # SciPy is imported here, not at module level: it adds seconds to every start-up.
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(cost)
    result = {
        int(i): columns[j]
        for i, j in zip(rows, cols, strict=True)
        if j < len(columns) and cost[i, j] < 0
    }
    pairs = [(groups[i], sid) for i, sid in result.items()]
    if len(pairs) == len(set(pairs)):
        return result
    return _exact(openings, capacity, groups)


def _exact(
    openings: Sequence[dict[int, float]], capacity: dict[int, int], groups: Sequence[int]
) -> dict[int, int]:
    """The same maximum with the one-seat-per-posting rule, as a 0/1 integer program.

    The constraint matrix is sparse, one row per opening, per teacher and per (posting,
    teacher) pair that has an edge: a dense one had a row for every teacher and posting
    and a column for every pair, most of them zero."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    edges = [
        (i, sid)
        for i, fits in enumerate(openings)
        for sid in sorted(fits)
        if capacity.get(sid, 0) > 0
    ]
    if not edges:
        return {}
    row_of: dict[tuple[str, Any], int] = {}
    upper: list[float] = []

    def row(key: tuple[str, Any], bound: float) -> int:
        found = row_of.get(key)
        if found is None:
            found = row_of[key] = len(upper)
            upper.append(bound)
        return found

    cells_r: list[int] = []
    cells_c: list[int] = []
    for k, (i, sid) in enumerate(edges):
        for r in (
            row(("opening", i), 1),
            row(("teacher", sid), capacity[sid]),
            row(("posting", (groups[i], sid)), 1),
        ):
            cells_r.append(r)
            cells_c.append(k)
    a = coo_array(
        (np.ones(len(cells_r)), (np.array(cells_r), np.array(cells_c))),
        shape=(len(upper), len(edges)),
    ).tocsr()
    c = np.array([-openings[i][sid] for i, sid in edges])
    res = milp(
        c,
        constraints=LinearConstraint(a, -np.inf, np.array(upper)),
        integrality=np.ones(len(edges)),
        bounds=Bounds(0, 1),
    )
    if res.x is None:  # pragma: no cover - a 0/1 problem with x = 0 feasible always solves
        return {}
    return {edges[k][0]: edges[k][1] for k, x in enumerate(res.x) if x > 0.5}
