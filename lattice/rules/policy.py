"""The Policy model: a district's rules as frozen values, built by ``loader`` from TOML.

A policy has one *model* (the state machine that moves teachers: ``ledger``, ``ladder``,
``roles``, ``elements`` or ``steps``) plus optional parts any model may use: rating
vocabularies, leadership roles with supplements, bonuses and a minimum salary. Money is whole
dollars (int); percentages are basis points (1% = 100).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lattice.rules.records import DecisionKind, Degree


class Model(enum.Enum):
    LEDGER = "ledger"
    LADDER = "ladder"
    ROLES = "roles"
    ELEMENTS = "elements"
    STEPS = "steps"
    DESIGNATION = "designation"

    @property
    def pays_district_schedule(self) -> bool:
        """Whether the model has no salary table of its own and pays the district's schedule
        salary (the year's ``local_salary``, else the salary carried with the placement),
        with its own parts on top: a ladder's stage pay, a role supplement, an allotment."""
        return self in (Model.LADDER, Model.ROLES, Model.DESIGNATION)


@dataclass(frozen=True)
class Vocabulary:
    """Rating labels in use between two dates, each mapped to a policy rating level."""

    key: str
    effective_from: date
    effective_to: date | None
    labels: tuple[tuple[str, str], ...]
    source: str

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class Ratings:
    levels: tuple[str, ...]  # lowest first
    vocabularies: tuple[Vocabulary, ...]

    def rank(self, level: str) -> int:
        return self.levels.index(level)


@dataclass(frozen=True)
class Pathway:
    """A pathway or stage; ``salary[i]`` pays interval ``i + 1`` (ledger policies)."""

    key: str
    name: str
    salary: tuple[int, ...]
    base_increase: int
    source: str

    @property
    def top_interval(self) -> int:
        return len(self.salary)


@dataclass(frozen=True)
class RatingRun:
    """``consecutive`` school years in a row rated at least ``at_least``."""

    at_least: str
    consecutive: int


@dataclass(frozen=True)
class Requirements:
    """Conditions shown in eligibility for a move that people decide."""

    rating_at_least: str | None = None
    rating_years: int = 0
    certificate_any: tuple[str, ...] = ()
    no_recent: tuple[DecisionKind, ...] = ()
    no_recent_days: int = 365
    not_active: tuple[DecisionKind, ...] = ()


class Route(enum.Enum):
    UNITS = "units"  # spend units at the top interval of ``source``
    DECISION = "decision"  # a recorded decision moves the teacher
    RATINGS = "ratings"  # a run of ratings moves the teacher


@dataclass(frozen=True)
class Transition:
    key: str
    from_pathway: str
    to_pathway: str
    route: Route
    to_interval: int
    certificate_any: tuple[str, ...]
    decision: DecisionKind | None
    any_of: tuple[RatingRun, ...]
    requires: Requirements
    source: str


@dataclass(frozen=True)
class Ledger:
    units_per_interval: int
    bank_remainder: bool
    units_per_rating: tuple[tuple[str, int], ...]
    units_per_credit: int
    pd_hours_per_unit: int
    credit_window_days: int | None
    credit_window_from: date | None
    accomplishment_kinds: tuple[str, ...]
    source: str
    # The most one claim may hold (a claim above is refused as implausible; docs/
    # policy-language.md gives the defaults' reasons).
    max_credits_per_claim: int = 30
    max_pd_hours_per_claim: int = 200
    max_project_units_per_claim: int = 24

    def units_for_level(self, level: str) -> int:
        return dict(self.units_per_rating)[level]


@dataclass(frozen=True)
class LadderEntry:
    min_years: int
    pathway: str


@dataclass(frozen=True)
class Ladder:
    no_demotion: bool
    reset_run_on_move: bool
    pay_min_frl_percent: int
    entry: tuple[LadderEntry, ...]  # by min_years ascending
    source: str


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    supplement: int
    extra_days: int
    release_percent: int
    default_share_percent: int
    source: str


@dataclass(frozen=True)
class Roles:
    minimum_share_percent: int
    round_up: bool
    roles: tuple[Role, ...]
    source: str

    def role(self, key: str) -> Role | None:
        for role in self.roles:
            if role.key == key:
                return role
        return None


class Trigger(enum.Enum):
    DEGREE = "degree"
    COUNT = "count"
    FLAG = "flag"
    ACCOMPLISHMENT = "accomplishment"


@dataclass(frozen=True)
class Element:
    """A pay element: ``percent_bp`` of the index salary, or flat ``dollars``."""

    key: str
    name: str
    percent_bp: int
    dollars: int
    base_building: bool
    base_building_max_service_years: int | None
    trigger: Trigger
    degrees: tuple[Degree, ...]
    count: str
    count_min: int
    count_max: int | None
    flag: str
    kind: str
    per_year_max: int | None
    source: str


@dataclass(frozen=True)
class IndexSalary:
    school_year: int
    amount: int
    source: str


@dataclass(frozen=True)
class Elements:
    index: tuple[IndexSalary, ...]  # ascending school years
    elements: tuple[Element, ...]
    entry_base: int
    source: str

    def index_for(self, year: int) -> IndexSalary | None:
        found = None
        for row in self.index:
            if row.school_year <= year:
                found = row
        return found


@dataclass(frozen=True)
class Lane:
    key: str
    name: str
    degree: Degree
    graduate_credits: int


@dataclass(frozen=True)
class StepRow:
    step: int
    salaries: tuple[int, ...]  # one per lane
    published: bool


@dataclass(frozen=True)
class Steps:
    gate_at_least: str
    entry_step: int
    lanes: tuple[Lane, ...]  # lowest first
    rows: tuple[StepRow, ...]  # contiguous steps ascending
    source: str

    @property
    def first_step(self) -> int:
        return self.rows[0].step

    @property
    def top_step(self) -> int:
        return self.rows[-1].step

    def salary(self, step: int, lane_index: int) -> int:
        return self.rows[step - self.first_step].salaries[lane_index]


@dataclass(frozen=True)
class DesignationLevel:
    """A designation (Texas TIA: Acknowledged, Recognized, Exemplary, Master) and the state
    allotment it generates: ``base + multiplier × campus points``, at most ``cap``. The
    performance standards are the state's minimums for the level (observation average above
    ``observation_above``, at least ``growth_at_least`` % of students meeting growth); a level
    with ``route = "national_board"`` is earned by certification instead."""

    key: str
    name: str
    base: int
    multiplier: int
    cap: int
    observation_above: Decimal | None
    growth_at_least: Decimal | None
    national_board: bool
    source: str


@dataclass(frozen=True)
class LocalCut:
    """The district's cut score for a level in its local designation system."""

    level: str
    score: Decimal


@dataclass(frozen=True)
class Designation:
    levels: tuple[DesignationLevel, ...]  # lowest first: a later level replaces an earlier one
    validity_years: int
    dimensions: int  # appraisal dimensions averaged (T-TESS domains 2-3: 8)
    dimension_floor: Decimal  # every dimension at least this
    national_board_certificate: str  # the certificate kind that earns the national board level
    teacher_share_percent: int  # of the allotment, paid to the designated teacher
    campus_share_percent: int  # paid to other teachers on the designated teacher's campus
    point_values: tuple[Decimal, ...]  # by student tier, lowest need first
    rural_tiers_up: int
    observation_weight: int  # local system: percent of the score from the observation average
    growth_weight: int  # ... and from the share of students meeting growth
    cuts: tuple[LocalCut, ...]
    source: str
    local_source: str

    def level(self, key: str) -> DesignationLevel:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)

    def rank(self, key: str | None) -> int:
        """-1 for no designation; else the level's place, lowest first."""
        return -1 if key is None else [lv.key for lv in self.levels].index(key)

    @property
    def national_board_level(self) -> DesignationLevel | None:
        for level in self.levels:
            if level.national_board:
                return level
        return None

    @property
    def district_share_percent(self) -> int:
        return 100 - self.teacher_share_percent - self.campus_share_percent


@dataclass(frozen=True)
class Bonus:
    """A one-time payment for a school year when every condition given holds."""

    key: str
    name: str
    amount: int
    rating_at_least: str | None
    min_frl_percent: int | None
    flag: str | None
    certificate: str | None
    certificate_years: int | None
    source: str


@dataclass(frozen=True)
class Policy:
    key: str
    name: str
    version: str
    effective_from: date
    effective_to: date | None
    model: Model
    sources: tuple[tuple[str, str], ...]
    file: str
    ratings: Ratings
    pathways: tuple[Pathway, ...]
    transitions: tuple[Transition, ...]  # topological order (from earlier pathways first)
    ledger: Ledger | None
    ladder: Ladder | None
    roles: Roles | None
    elements: Elements | None
    steps: Steps | None
    bonuses: tuple[Bonus, ...]
    minimum_salary: int | None
    designation: Designation | None = None

    def pathway(self, key: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.key == key:
                return pathway
        raise KeyError(key)

    def pathway_index(self, key: str) -> int:
        return [p.key for p in self.pathways].index(key)

    def source_url(self, key: str) -> str | None:
        return dict(self.sources).get(key)

    def level_of(self, label: str, day: date) -> str | None:
        """The rating level ``label`` maps to under the vocabulary in force on ``day``."""
        for vocabulary in self.ratings.vocabularies:
            if vocabulary.covers(day):
                return dict(vocabulary.labels).get(label)
        return None
