"""Pay lines: one vocabulary for what a person is paid, and a registry of who pays it.

Every app that pays people (the pathways app pays base salary, bonuses and one-time
payments from the standing; the roles app pays role stipends) registers one provider here
when Django starts. Payroll, "My path", the reconcile command and the API all read pay
through :func:`pay_lines`, so a teacher's page and the payroll file are the same lines by
construction. A provider answers for a whole district in a fixed number of queries (one per
kind of line, never one per person).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass


class PayKind(enum.StrEnum):
    """The kinds of pay line, in the order a statement lists them."""

    BASE = "base"
    SUPPLEMENT = "supplement"
    STIPEND = "stipend"
    BONUS = "bonus"
    ONE_TIME = "one_time"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PayKind.BASE: "Base salary",
    PayKind.SUPPLEMENT: "Supplement",
    PayKind.STIPEND: "Role stipend",
    PayKind.BONUS: "Bonus",
    PayKind.ONE_TIME: "One-time payment",
}
_KIND_ORDER = {kind: index for index, kind in enumerate(PayKind)}


@dataclass(frozen=True)
class PayLine:
    """One amount paid to one person for the school year in force on a date.

    ``amount`` is whole dollars. ``label`` is the line as a statement prints it ("Mentor
    stipend"); ``explanation`` says why in a plain sentence a teacher understands;
    ``source`` names the provider; ``reference`` identifies the record behind the line
    (e.g. ``roles.RoleAssignment:42``) so a payroll row can be traced.
    """

    staff_id: int
    kind: PayKind
    amount: int
    label: str
    explanation: str
    source: str
    reference: str = ""
    effective_from: dt.date | None = None

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (_KIND_ORDER[self.kind], self.label, self.reference)


Provider = Callable[[int, dt.date, frozenset[int] | None], Iterable[PayLine]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Register ``provider`` under ``name`` (registering a name again replaces it).

    A provider takes (district id, date, staff ids or None for everyone) and yields the
    pay lines in force on that date.
    """
    _providers[name] = provider


def providers() -> dict[str, Provider]:
    """The registered providers by name (a copy), for tests and diagnostics."""
    return dict(_providers)


def pay_lines(
    district_id: int, on: dt.date, staff_ids: Iterable[int] | None = None
) -> dict[int, list[PayLine]]:
    """Every registered provider's lines for the district on ``on``, by person, in order.

    ``staff_ids`` None means everyone; the lists are sorted by kind, label and reference so
    the same facts always give the same statement and the same payroll file.
    """
    ids = None if staff_ids is None else frozenset(staff_ids)
    out: dict[int, list[PayLine]] = defaultdict(list)
    if ids is not None and not ids:
        return {}
    for name in sorted(_providers):
        for line in _providers[name](district_id, on, ids):
            if ids is None or line.staff_id in ids:
                out[line.staff_id].append(line)
    return {staff_id: sorted(lines, key=lambda x: x.sort_key) for staff_id, lines in out.items()}


def total(lines: Iterable[PayLine]) -> int:
    return sum(line.amount for line in lines)
