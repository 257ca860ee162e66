"""The roles app's pay lines: the stipend of every leadership role held on a date.

Registered with ``lattice.lib.pay`` when Django starts; one query per district. The stipend
is what the holder was promised when assigned (copied onto the assignment), so a later edit
of the catalogue never rewrites it. Only a decision that changes pay for the holders (a
council's, carried out through ``roles.actions.change_stipend``) does: it keeps a
``StipendChange`` per holder, and a pay date before the change pays the amount agreed then,
a date from it the new amount, saying who changed it (and "back-dated" when it was paid from a
day before it was carried out); a date before a change already decided says what it becomes
and from when, so My path and payroll announce a change paid from next semester. The roles
app pays every role stipend — also under a policy whose own roles table lists supplements
(Iowa TLC): the pathways app leaves those to this provider, so role pay is counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from lattice.lib.formatting import day, money
from lattice.lib.pay import PayKind, PayLine
from lattice.roles.models import AssignmentStatus, RoleAssignment


@dataclass(frozen=True)
class _Change:
    effective_from: dt.date
    before: int
    after: int
    decided_by: str
    carried_out_on: dt.date | None = None  # the day it was recorded; later: back-dated

    @property
    def backdated(self) -> bool:
        return self.carried_out_on is not None and self.effective_from < self.carried_out_on


def stipend_on(now: int, changes: list[_Change], on: dt.date) -> tuple[int, _Change | None]:
    """The stipend paid on ``on`` for an assignment paying ``now`` after ``changes`` (in
    order), and the change that set it (None: the amount agreed when assigned)."""
    later = [c for c in changes if c.effective_from > on]
    if later:
        amount = later[0].before
        earlier = [c for c in changes if c.effective_from <= on]
        return amount, earlier[-1] if earlier else None
    return now, changes[-1] if changes else None


def next_change(changes: list[_Change], on: dt.date) -> _Change | None:
    """The first of ``changes`` (in order) that takes effect after ``on``: a change decided
    already, paid from a later day (the start of next semester)."""
    return next((c for c in changes if c.effective_from > on), None)


def role_pay_lines(
    district_id: int, on: dt.date, staff_ids: frozenset[int] | None
) -> Iterator[PayLine]:
    rows = RoleAssignment.objects.filter(
        role__district_id=district_id,
        status=AssignmentStatus.ACTIVE,
        starts_on__lte=on,
        ends_on__gte=on,
    )
    if staff_ids is not None:
        rows = rows.filter(staff_member_id__in=sorted(staff_ids))
    # One query: each assignment with its stipend changes, if any (a left join, in order).
    found: dict[int, tuple[int, str, str, int, dt.date]] = {}
    changes: dict[int, list[_Change]] = {}
    for pk, staff_id, title, year, stipend, starts, c_from, c_before, c_after, c_by, c_at in (
        rows.order_by("pk", "stipend_changes__effective_from", "stipend_changes__pk").values_list(
            "pk", "staff_member_id", "role__title", "school_year__label", "stipend_dollars",
            "starts_on", "stipend_changes__effective_from", "stipend_changes__before_dollars",
            "stipend_changes__after_dollars", "stipend_changes__decided_by",
            "stipend_changes__created_at",
        )
    ):  # fmt: skip
        found[pk] = (staff_id, title, year, stipend, starts)
        if c_from is not None:
            recorded = timezone.localdate(c_at) if c_at is not None else None
            changes.setdefault(pk, []).append(_Change(c_from, c_before, c_after, c_by, recorded))
    for pk, (staff_id, title, year, now, starts) in found.items():
        amount, change = stipend_on(now, changes.get(pk, []), on)
        if amount <= 0:
            continue
        coming = next_change(changes.get(pk, []), on)
        if change is None:
            why = "as agreed when the role was assigned."
        else:
            why = (
                f"changed from {money(change.before)} from {day(change.effective_from)}"
                f"{' (back-dated)' if change.backdated else ''} by {change.decided_by}."
            )
        if coming is not None:
            why += (
                f" It becomes {money(coming.after)} a year from {day(coming.effective_from)} by "
                f"{coming.decided_by}."
            )
        yield PayLine(
            staff_id=staff_id,
            kind=PayKind.STIPEND,
            amount=amount,
            label=f"{title} stipend",
            explanation=f"{money(amount)} for holding the {title} role in {year}, {why}",
            source="roles",
            reference=f"roles.RoleAssignment:{pk}",
            effective_from=change.effective_from if change is not None else starts,
        )
