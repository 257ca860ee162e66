"""The pathways app's pay lines: base salary, supplements, bonuses and one-time payments.

Registered with ``lattice.lib.pay`` when Django starts. The lines come from each teacher's
standing (``queries.standings_for``: the stored rows for today, one query; computed on the
spot for another date). Only placed standings pay. Role supplements of a policy's roles
table are left to the roles app, which pays every role stipend from the role assignment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lattice.lib.pay import PayKind, PayLine
from lattice.pathways.queries import standings_for

KINDS = {
    "base": PayKind.BASE,
    "supplement": PayKind.SUPPLEMENT,
    "bonus": PayKind.BONUS,
    "one_time": PayKind.ONE_TIME,
}


def pathway_pay_lines(
    district_id: int, on: dt.date, staff_ids: frozenset[int] | None
) -> Iterator[PayLine]:
    """The standing's pay lines of the school year in force on ``on``, for placed teachers."""
    reads = standings_for(district_id, on, staff_ids, include_missing=False, light=True)
    for staff_id, read in reads.items():
        if not read.placed or read.standing is None:
            continue
        standing = read.standing
        for index, line in enumerate(standing.pay_lines):
            if line.get("paid_by_roles"):
                continue
            yield PayLine(
                staff_id=staff_id,
                kind=KINDS[line["kind"]],
                amount=int(line["amount"]),
                label=str(line["label"]),
                explanation=str(line["explanation"]),
                source="pathways",
                reference=f"pathways.Standing:{staff_id}:{standing.policy_label}:{index}",
                effective_from=standing.as_of,
            )
