"""Does a teacher meet a role's qualifications? Each requirement met or unmet, with the gap.

Works on plain values (ratings, certificate kinds, experience) so callers can prefetch once
for many teachers; :mod:`lattice.roles.queries` gathers them from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lattice.lib.placements import PathwayPlacement
from lattice.rules.certificates import matches
from lattice.rules.ratings import rank_of

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class Requirement:
    label: str  # what the role asks, e.g. "Model pathway or above"
    met: bool
    detail: str  # what the teacher has
    gap: str = ""  # what would close it, e.g. "one more Effective rating"


@dataclass(frozen=True)
class Qualification:
    requirements: tuple[Requirement, ...]

    @property
    def qualified(self) -> bool:
        return all(r.met for r in self.requirements)

    @property
    def met_share(self) -> float:
        if not self.requirements:
            return 1.0
        return sum(r.met for r in self.requirements) / len(self.requirements)

    @property
    def gap_summary(self) -> str:
        gaps = [r.gap for r in self.requirements if not r.met]
        if not gaps:
            return ""
        if len(gaps) == 1:
            return f"needs {gaps[0]}"
        return "needs " + ", ".join(gaps[:-1]) + " and " + gaps[-1]

    @property
    def count(self) -> int:
        return len(self.requirements)

    def outcome(self) -> Outcome:
        return Outcome(self.met_share, self.qualified, self.count, self.gap_summary)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A check's result without each requirement's details: what the staffing suggestions
    rank and score by (kept for every teacher of a district, so it is small)."""

    met_share: float
    qualified: bool
    count: int  # requirements checked
    gap_summary: str


@dataclass(frozen=True)
class TeacherFacts:
    """What the check reads about one teacher."""

    ratings_recent_first: Sequence[str]  # rating labels, most recent school year first
    certificate_kinds: frozenset[str]  # current certificates, as written
    years_experience: Decimal
    pathway: PathwayPlacement | None


def pathway_label(key: str) -> str:
    return key.replace("-", " ").replace("_", " ").title()


def _count(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def check(role: object, facts: TeacherFacts, rating_labels: Sequence[str]) -> Qualification:
    """Every requirement of ``role`` (a LeadershipRole or anything with its fields)."""
    reqs: list[Requirement] = []
    min_pathway: str = getattr(role, "min_pathway", "")
    if min_pathway:
        name = pathway_label(min_pathway)
        if facts.pathway is None:
            reqs.append(
                Requirement(
                    f"{name} pathway or above",
                    False,
                    "no pathway placement recorded yet",
                    f"{name} pathway",
                )
            )
        else:
            met = min_pathway in facts.pathway.satisfies
            reqs.append(
                Requirement(
                    f"{name} pathway or above",
                    met,
                    f"on the {facts.pathway.label} pathway",
                    "" if met else f"{name} pathway",
                )
            )
    min_rating: str = getattr(role, "min_rating", "")
    years: int = getattr(role, "min_rating_years", 0)
    if min_rating and years:
        labels = list(rating_labels)
        floor = rank_of(min_rating, labels)
        recent = list(facts.ratings_recent_first[:years])
        good = sum(
            1
            for label in recent
            if floor is not None and (rank := rank_of(label, labels)) is not None and rank >= floor
        )
        short = years - good
        plural = "s" if years > 1 else ""
        label = f"{min_rating} or better in the last {_count(years)} rated year{plural}"
        have = ", ".join(recent) if recent else "no ratings recorded"
        gap = (
            ""
            if short <= 0
            else (f"{_count(short)} more {min_rating} rating{'s' if short > 1 else ''}")
        )
        if floor is None:
            gap = f"the district to add '{min_rating}' to its rating labels"
            short = 1
        reqs.append(Requirement(label, short <= 0, have, gap))
    certificates: Sequence[str] = getattr(role, "required_certificates", []) or []
    for kind in certificates:
        met = any(matches(held, kind) for held in facts.certificate_kinds)
        reqs.append(
            Requirement(
                f"current {kind}",
                met,
                "held" if met else "not held",
                "" if met else f"a current {kind}",
            )
        )
    min_years = Decimal(getattr(role, "min_years_experience", 0) or 0)
    if min_years > 0:
        short_years = min_years - facts.years_experience
        met = short_years <= 0
        reqs.append(
            Requirement(
                f"{min_years.normalize():f} years of experience",
                met,
                f"{facts.years_experience.normalize():f} years",
                "" if met else f"{short_years.normalize():f} more years of experience",
            )
        )
    return Qualification(tuple(reqs))
