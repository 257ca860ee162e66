"""A teacher's record as frozen values: the facts the rules engine reads, never writes.

Everything here is plain data. Decisions made by people (peer review, selection, improvement
plans, suspensions) are recorded facts; the engine never computes them. School years are
identified by the calendar year they start in (``2023`` is ``2023-24``) and run July 1 - June 30.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

SCHOOL_YEAR_START_MONTH = 7


def school_year_of(day: date) -> int:
    """The school year (by its starting calendar year) that contains ``day``."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_label(year: int) -> str:
    """``2023`` -> ``"2023-24"``."""
    return f"{year}-{(year + 1) % 100:02d}"


def parse_school_year(label: str) -> int:
    """``"2023-24"`` -> ``2023``; raises ValueError on anything else."""
    head, sep, tail = label.partition("-")
    if not sep or len(head) != 4 or len(tail) != 2 or not (head + tail).isdigit():
        raise ValueError(f"{label!r} is not a school year like 2023-24")
    start = int(head)
    if (start + 1) % 100 != int(tail):
        raise ValueError(f"{label!r} is not a school year like 2023-24")
    return start


def school_year_start(year: int) -> date:
    return date(year, SCHOOL_YEAR_START_MONTH, 1)


def school_year_end(year: int) -> date:
    return date(year + 1, SCHOOL_YEAR_START_MONTH - 1, 30)


class Degree(enum.Enum):
    """Degrees ordered from lowest to highest."""

    BACHELORS = "bachelors"
    MASTERS = "masters"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        return _DEGREE_RANK[self]


_DEGREE_RANK = {Degree.BACHELORS: 1, Degree.MASTERS: 2, Degree.DOCTORATE: 3}


class DecisionKind(enum.Enum):
    """Outcomes made by people outside the rules, recorded as facts."""

    PEER_REVIEW_PASSED = "peer_review_passed"
    PEER_REVIEW_FAILED = "peer_review_failed"
    ACCELERATED_APPROVED = "accelerated_approved"
    SELECTED_AS_LEAD = "selected_as_lead"
    IMPROVEMENT_PLAN = "improvement_plan"
    SUSPENSION = "suspension"
    LABOR_DISPUTE_FINDING = "labor_dispute_finding"


DECISION_WORDS = {
    DecisionKind.PEER_REVIEW_PASSED: "passed peer review",
    DecisionKind.PEER_REVIEW_FAILED: "did not pass peer review",
    DecisionKind.ACCELERATED_APPROVED: "accelerated application approved",
    DecisionKind.SELECTED_AS_LEAD: "selected as Lead",
    DecisionKind.IMPROVEMENT_PLAN: "placed on an improvement plan",
    DecisionKind.SUSPENSION: "suspended",
    DecisionKind.LABOR_DISPUTE_FINDING: "substantiated labor-dispute finding",
}


@dataclass(frozen=True)
class DegreeEarned:
    degree: Degree
    conferred: date


@dataclass(frozen=True)
class CreditEarned:
    """College credits from one course; ``submitted`` is when the claim reached the district."""

    credits: int
    course_end: date
    submitted: date
    graduate: bool = True


@dataclass(frozen=True)
class PdHours:
    """Hours of one approved professional-development course."""

    hours: int
    completed: date


@dataclass(frozen=True)
class Certificate:
    kind: str
    issued: date
    expires: date | None = None

    def held_on(self, day: date) -> bool:
        return self.issued <= day and (self.expires is None or day <= self.expires)


@dataclass(frozen=True)
class Rating:
    """The annual rating in that year's vocabulary; ``posted`` defaults to the year's end."""

    school_year: int
    label: str
    posted: date | None = None

    @property
    def on(self) -> date:
        return self.posted if self.posted is not None else school_year_end(self.school_year)


@dataclass(frozen=True)
class Accomplishment:
    """A dated, verified fact a policy may reward (an approved project, a PDU, ...).

    ``units`` is the amount the approving body awarded, when the policy pays in units.
    """

    kind: str
    completed: date
    units: int = 0
    note: str = ""


@dataclass(frozen=True)
class RoleServed:
    """A one-year leadership role held in a school year."""

    role: str
    school_year: int


@dataclass(frozen=True)
class Decision:
    """An outcome made by people; plans and suspensions may carry an end date."""

    kind: DecisionKind
    decided: date
    ends: date | None = None
    note: str = ""

    def active_on(self, day: date) -> bool:
        return self.decided <= day and (self.ends is None or day <= self.ends)


@dataclass(frozen=True)
class SchoolYearFacts:
    """Per-year attributes of the teacher's school and assignment.

    ``local_salary`` is what the district's own schedule pays when the policy has no table;
    ``flags`` name conditions such as ``hard_to_serve``; ``counts`` hold numbers such as
    ``sgos_met``.
    """

    school_year: int
    frl_percent: int = 0
    local_salary: int | None = None
    flags: frozenset[str] = frozenset()
    counts: tuple[tuple[str, int], ...] = ()

    def count(self, name: str) -> int:
        for key, value in self.counts:
            if key == name:
                return value
        return 0


@dataclass(frozen=True)
class Placement:
    """A placement the district recorded on a date (conversion, transfer, start of record).

    Facts dated before ``on`` are already reflected in it and are not counted again.
    ``interval`` is the step under a step-and-lane policy; ``base_salary`` is the salary the
    district carried into the policy (what a model without its own salary table pays as the
    district's schedule salary); ``note`` says why the district placed the teacher there.
    """

    on: date
    pathway: str | None = None
    interval: int | None = None
    units: int = 0
    base_salary: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TeacherRecord:
    teacher_id: str
    hire_date: date
    prior_experience_years: int = 0
    placement: Placement | None = None
    degrees: tuple[DegreeEarned, ...] = ()
    credits: tuple[CreditEarned, ...] = ()
    pd_hours: tuple[PdHours, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    ratings: tuple[Rating, ...] = ()
    accomplishments: tuple[Accomplishment, ...] = ()
    roles: tuple[RoleServed, ...] = ()
    decisions: tuple[Decision, ...] = ()
    years: tuple[SchoolYearFacts, ...] = field(default=())
    designation_data: tuple[DesignationData, ...] = ()
    campuses: tuple[CampusFacts, ...] = ()

    @property
    def start(self) -> date:
        """The date from which facts count: the recorded placement, else the hire date."""
        return self.placement.on if self.placement is not None else self.hire_date

    def rating_for(self, year: int) -> Rating | None:
        found = None
        for rating in self.ratings:
            if rating.school_year == year:
                found = rating
        return found

    def facts_for(self, year: int) -> SchoolYearFacts:
        for facts in self.years:
            if facts.school_year == year:
                return facts
        return SchoolYearFacts(school_year=year)

    def highest_degree_on(self, day: date) -> DegreeEarned | None:
        best: DegreeEarned | None = None
        for earned in self.degrees:
            if earned.conferred <= day and (best is None or earned.degree.rank > best.degree.rank):
                best = earned
        return best


# --- Designation facts (Texas TIA). Additive: records without them read as before. -------


@dataclass(frozen=True)
class DesignationData:
    """One school year's evidence for a designation system (Texas TIA's data-capture year).

    ``observation`` holds the teacher's score on each appraisal dimension the system reads
    (T-TESS domains 2 and 3: eight dimensions, each 1-5, averaged over the year's
    observations); ``growth_percent`` the share of the teacher's students who met their
    growth target. ``service_id`` (8-digit course/assignment code) and ``tea_uid`` (the
    teacher's state identifier) are what the state's data submission asks for.
    """

    school_year: int
    observation: tuple[Decimal, ...] = ()
    growth_percent: Decimal = Decimal(0)
    service_id: str = ""
    tea_uid: str = ""

    @property
    def observation_average(self) -> Decimal:
        if not self.observation:
            return Decimal(0)
        return sum(self.observation, Decimal(0)) / len(self.observation)


@dataclass(frozen=True)
class CampusFacts:
    """The teacher's campus in a school year, as a designation allotment reads it: the
    campus's average student point value (TEC §48.112(e)), whether it is rural, its 9-digit
    campus ID and the district's 6-digit ID."""

    school_year: int
    points: Decimal = Decimal(0)
    rural: bool = False
    campus_id: str = ""
    district_id: str = ""


def designation_data_for(record: TeacherRecord, year: int) -> DesignationData | None:
    found = None
    for data in record.designation_data:
        if data.school_year == year:
            found = data
    return found


def campus_for(record: TeacherRecord, year: int) -> CampusFacts:
    for campus in record.campuses:
        if campus.school_year == year:
            return campus
    return CampusFacts(school_year=year)
