"""What the engine returns: standing, salary broken down, trace lines and eligible moves.

All frozen values. Money is whole dollars. Every number in a ``Standing`` is the sum of trace
lines: units earned = the ``UNITS_EARNED`` lines, a year's salary = its ``DOLLARS`` lines.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from lattice.rules.records import school_year_label


class Unit(enum.Enum):
    UNITS_EARNED = "units earned"
    UNITS_SPENT = "units spent"
    UNITS_LAPSED = "units lapsed"
    DOLLARS = "dollars"
    MOVE = "move"
    NOTE = "note"


class PayKind(enum.Enum):
    BASE = "base"
    SUPPLEMENT = "supplement"
    BONUS = "bonus"
    ONE_TIME = "one-time"


@dataclass(frozen=True)
class TraceLine:
    """One step of an explanation: a fact, the rule applied, and its effect."""

    school_year: int | None
    on: date | None
    fact: str
    effect: str
    amount: int
    unit: Unit
    rule: str
    source: str
    policy: str
    plain: str
    pay: PayKind | None = None

    @property
    def text(self) -> str:
        """``2023-24 rating Effective → +9 units (baltimore-2010, units table; source B1)``."""
        year = f"{school_year_label(self.school_year)} " if self.school_year is not None else ""
        source = f"; source {self.source}" if self.source else ""
        return f"{year}{self.fact} → {self.effect} ({self.policy}, {self.rule}{source})"

    def as_dict(self) -> dict[str, object]:
        return {
            "school_year": school_year_label(self.school_year)
            if self.school_year is not None
            else None,
            "on": self.on.isoformat() if self.on else None,
            "fact": self.fact,
            "effect": self.effect,
            "amount": self.amount,
            "unit": self.unit.value,
            "pay": self.pay.value if self.pay else None,
            "rule": self.rule,
            "source": self.source,
            "policy": self.policy,
            "text": self.text,
            "plain": self.plain,
        }


@dataclass(frozen=True)
class PayLine:
    kind: PayKind
    label: str
    amount: int
    rule: str
    source: str


@dataclass(frozen=True)
class Salary:
    lines: tuple[PayLine, ...]

    def _sum(self, kind: PayKind) -> int:
        return sum(line.amount for line in self.lines if line.kind is kind)

    @property
    def base(self) -> int:
        return self._sum(PayKind.BASE)

    @property
    def supplements(self) -> int:
        return self._sum(PayKind.SUPPLEMENT)

    @property
    def bonuses(self) -> int:
        return self._sum(PayKind.BONUS)

    @property
    def one_time(self) -> int:
        return self._sum(PayKind.ONE_TIME)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class YearStanding:
    school_year: int
    pathway: str | None
    interval: int | None
    step: int | None
    lane: str | None
    roles: tuple[str, ...]
    units_earned: int
    units_spent: int
    units_lapsed: int
    units_banked: int
    salary: Salary


@dataclass(frozen=True)
class Standing:
    """Where a teacher is under a policy on ``as_of``, with every year that led there."""

    policy: str
    teacher_id: str
    as_of: date
    pathway: str | None
    interval: int | None
    step: int | None
    lane: str | None
    roles: tuple[str, ...]
    units_earned: int
    units_spent: int
    units_lapsed: int
    units_banked: int
    salary: Salary
    years: tuple[YearStanding, ...]
    trace: tuple[TraceLine, ...]


@dataclass(frozen=True)
class Requirement:
    key: str
    text: str
    met: bool
    gap: str | None = None
    decided_by_people: bool = False


@dataclass(frozen=True)
class Move:
    """A possible next move and what it needs; ``ready`` when every rule-checked need is met."""

    key: str
    title: str
    to_pathway: str | None
    requirements: tuple[Requirement, ...]
    source: str

    @property
    def ready(self) -> bool:
        return all(r.met for r in self.requirements if not r.decided_by_people)
