"""The frame one placement runs in: which facts count, which years run, rating lookups.

A fact counts when it is dated on or after the record's start (placement or hire), inside the
policy's effective dates, and on or before ``as_of``. School year ``y`` is evaluated on the
earlier of its last day and the end date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lattice.rules.policy import Policy
from lattice.rules.records import (
    Rating,
    TeacherRecord,
    school_year_end,
    school_year_label,
    school_year_of,
    school_year_start,
)
from lattice.rules.standing import PayKind, TraceLine, Unit


class RecordError(ValueError):
    """A teacher record the policy cannot read (an unknown rating label, pathway or role)."""


@dataclass
class Context:
    policy: Policy
    record: TeacherRecord
    as_of: date
    trace: list[TraceLine] = field(default_factory=list)

    def __post_init__(self) -> None:
        policy = self.policy
        self.begin = max(self.record.start, policy.effective_from)
        self.end = self.as_of
        if policy.effective_to is not None and policy.effective_to < self.end:
            self.end = policy.effective_to
        self.first_year = school_year_of(self.begin)
        self.last_year = school_year_of(self.end)

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def counts(self, day: date) -> bool:
        return self.begin <= day <= self.end

    def eval_day(self, year: int) -> date:
        return min(school_year_end(year), self.end)

    def in_year(self, day: date, year: int) -> bool:
        return school_year_of(day) == year and self.counts(day)

    def rating(self, year: int, counted_only: bool = True) -> tuple[Rating | None, str | None]:
        """The rating for ``year`` and its policy level: only a counted one, or any on record
        by the end date (eligibility looks at history before the record's start)."""
        rating = self.record.rating_for(year)
        if rating is None or rating.on > self.end:
            return None, None
        if counted_only and not self.counts(rating.on):
            return None, None
        level = self.policy.level_of(rating.label, school_year_start(year))
        if level is None:
            known = sorted(
                {
                    label
                    for v in self.policy.ratings.vocabularies
                    if v.covers(school_year_start(year))
                    for label, _ in v.labels
                }
            )
            raise RecordError(
                f"{school_year_label(year)} rating '{rating.label}' is not in the "
                f"{self.policy.key} vocabulary for that year; use one of: {', '.join(known)}"
            )
        return rating, level

    def rank(self, level: str | None) -> int:
        return -1 if level is None else self.policy.ratings.rank(level)

    def add(
        self,
        year: int | None,
        on: date | None,
        fact: str,
        effect: str,
        amount: int,
        unit: Unit,
        rule: str,
        source: str,
        plain: str,
        pay: PayKind | None = None,
    ) -> None:
        self.trace.append(
            TraceLine(
                year, on, fact, effect, amount, unit, rule, source, self.policy.key, plain, pay
            )
        )


def units_word(amount: int) -> str:
    return f"{amount} unit" + ("" if amount == 1 else "s")


@dataclass(frozen=True)
class ModelYear:
    """One school year's state as a model leaves it (before common pay is added)."""

    school_year: int
    pathway: str | None = None
    interval: int | None = None
    step: int | None = None
    lane: str | None = None
    roles: tuple[str, ...] = ()
    units_earned: int = 0
    units_spent: int = 0
    units_lapsed: int = 0
    units_banked: int = 0
