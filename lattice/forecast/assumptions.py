"""What the forecast assumes about the future, as frozen values with documented defaults.

Each default says where it comes from. Keys such as ``[B7]`` or ``[D12]`` point to the public
sources listed in ``docs/forecast.md`` ("Sources of the assumptions"); a default marked
ASSUMPTION has no source and is ours, to be replaced by a district's own numbers
(``calibration`` estimates several of them from a district's history). Probabilities are used
at a resolution of 1/32768 by the fast engine (see ``tables``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

LEVELS = ("ineffective", "developing", "effective", "highly_effective")
# Per teacher per year; keeps banked units inside 16 bits over a 50-year forecast.
MAX_CREDITS = 60
MAX_PD_HOURS = 600


class AssumptionError(ValueError):
    """An assumption the forecast cannot use; the message names the field and the fix."""


Distribution = tuple[tuple[int, float], ...]  # (value, probability), probabilities sum to 1


@dataclass(frozen=True)
class LeaveBand:
    """Yearly probability of leaving for teachers with at least ``min_years`` of experience."""

    min_years: int
    probability: float


@dataclass(frozen=True)
class Assumptions:
    """Everything about the future that the forecast does not read from a policy.

    ``transition[i][j]`` is the probability that a teacher rated ``levels[i]`` last year is
    rated ``levels[j]`` this year; ``first_rating[j]`` is the same for a teacher with no rating
    yet (a new hire). ``leave_by_rating`` multiplies the experience band's probability.
    """

    levels: tuple[str, ...] = LEVELS
    # ASSUMPTION: persistent ratings, most teachers Effective, about a quarter Highly Effective.
    first_rating: tuple[float, ...] = (0.03, 0.12, 0.65, 0.20)
    transition: tuple[tuple[float, ...], ...] = (
        (0.25, 0.35, 0.35, 0.05),
        (0.05, 0.35, 0.55, 0.05),
        (0.01, 0.05, 0.79, 0.15),
        (0.00, 0.01, 0.34, 0.65),
    )
    # ASSUMPTION: most teachers take no course in a year; Baltimore has no annual cap [C, B22].
    credits: Distribution = ((0, 0.70), (3, 0.15), (6, 0.10), (9, 0.05))
    # ASSUMPTION: approved PD in 15-hour blocks (1 AU per 15 hours [C, B1]).
    pd_hours: Distribution = ((0, 0.50), (15, 0.25), (30, 0.15), (45, 0.10))
    # ASSUMPTION, scaled to the roughly 8% of US teachers who leave teaching each year (NCES
    # Teacher Follow-up Survey 2012-13, not in our domain notes): more in the first years and
    # near retirement.
    leave_bands: tuple[LeaveBand, ...] = (
        LeaveBand(0, 0.15),
        LeaveBand(2, 0.10),
        LeaveBand(5, 0.07),
        LeaveBand(10, 0.06),
        LeaveBand(25, 0.12),
    )
    # Low ratings raise leaving: the dismissal threat raised voluntary attrition of low
    # performers by 11 percentage points (>50%) [C, D12]; the exact multipliers are ASSUMPTION.
    leave_by_rating: tuple[float, ...] = (3.0, 1.8, 1.0, 0.7)
    # ASSUMPTION: every leaver is replaced (headcount stays level); 0.9 shrinks by attrition.
    replacement_rate: float = 1.0
    # ASSUMPTION: new hires' prior experience in years.
    hire_experience: Distribution = ((0, 0.60), (2, 0.20), (5, 0.15), (10, 0.05))
    # ASSUMPTION: half of new hires hold a professional certificate (SPC/APC); conditional and
    # resident certificates do not count [C, B2]. Others earn one with ``certificate_rate``.
    hire_certificate_share: float = 0.5
    certificate_rate: float = 0.25
    # Yearly probability that an eligible teacher's application or review succeeds, by the
    # decision the policy waits for. ASSUMPTION, kept small: 4% Model and 0% Lead at
    # conversion [R, B7]; only a "handful" of Leads by 2014-15 [R, B14].
    decision_rates: tuple[tuple[str, float], ...] = (
        ("accelerated_approved", 0.05),
        ("peer_review_passed", 0.03),
        ("selected_as_lead", 0.02),
    )
    # ASSUMPTION: yearly probability that a teacher earns their next degree (bachelor's ->
    # master's -> doctorate); step-and-lane schedules pay for it through their lanes.
    degree_rate: float = 0.03
    # Cost-of-living raise per year applied to every salary table: 1% as in Baltimore's 2014
    # successor contract [R, B13]; the 2024 contract gave 3% a year [C, B19].
    cola: float = 0.01
    # Pathways counted as leadership roles in the "share in leadership" summary.
    leadership_pathways: tuple[str, ...] = ("model", "lead", "mentor", "expert", "distinguished")
    # The school year the forecast's first year is (2026 = 2026-27); pages and CSVs name
    # years by it, and pay elements read the index salary in force that year.
    first_school_year: int = 2026
    # The district's own salary schedule by years of experience, for policies whose base pay
    # is "the district schedule" (rating ladders, annual roles, designations) and for the
    # starting base of pay-element policies when the workforce carries none. ASSUMPTION: a
    # start of $50,000 rising 2.5% a year for 30 years (PWCS's bachelor's lane rises about
    # 3% a year, S1); replace it with the district's schedule.
    district_start_salary: int = 50_000
    district_step_raise: float = 0.025
    district_top_years: int = 30
    # Annual roles (Iowa TLC): each year the district fills every role's default share of
    # teachers, at random among teachers with at least ``role_min_experience`` years whose
    # last rating is in the upper half of the levels. ASSUMPTION (the state's selection
    # rules are local, I11).
    role_min_experience: int = 3
    # Pay elements (Denver ProComp): Student Growth Objectives met each year (70-80% of
    # teachers got an SGO award 2006-10 [R, P12]; the split is ASSUMPTION); a PDU completed
    # with ``pdu_rate`` a year; shares of teachers in hard-to-staff assignments and in
    # top-performing schools (ASSUMPTION). Hard-to-serve schools are the high-poverty ones.
    sgos_met: Distribution = ((0, 0.22), (1, 0.13), (2, 0.65))
    pdu_rate: float = 0.4
    hard_to_staff_share: float = 0.15
    top_school_share: float = 0.10
    # Designations (Texas TIA): the year's observation average (T-TESS domains 2-3) and share
    # of students meeting growth, by the year's rating, and the share of teachers with every
    # dimension at 3 or more. ASSUMPTION, set so that each year about the top 5% / 20% / 33% /
    # 50% of teachers earn Master / Exemplary / Recognized / Acknowledged under the shipped
    # local systems
    # (TEA's statewide targets, docs/forecast.md). National Board certified teachers: 1%
    # (ASSUMPTION; Texas has about 1,000 of 370,000 teachers).
    observation_by_rating: tuple[Distribution, ...] = (
        ((250, 0.5), (300, 0.4), (350, 0.1)),
        ((300, 0.4), (340, 0.4), (370, 0.2)),
        ((340, 0.3), (360, 0.3), (380, 0.25), (400, 0.15)),
        ((390, 0.15), (420, 0.4), (470, 0.45)),
    )
    growth_by_rating: tuple[Distribution, ...] = (
        ((30, 0.5), (45, 0.4), (55, 0.1)),
        ((40, 0.4), (50, 0.4), (56, 0.2)),
        ((48, 0.3), (54, 0.3), (59, 0.25), (64, 0.15)),
        ((60, 0.15), (66, 0.4), (78, 0.45)),
    )
    dimensions_floor_share: float = 0.9
    nbct_share: float = 0.01
    # Campus average student point values (TEC §48.112(e)): ASSUMPTION 2.5 at high-poverty
    # campuses and 0.8 elsewhere, none rural, when the workforce carries no campus facts.
    campus_points_high_poverty: float = 2.5
    campus_points_other: float = 0.8
    sources: tuple[tuple[str, str], ...] = field(
        default=(
            ("first_rating", "ASSUMPTION"),
            ("transition", "ASSUMPTION"),
            ("credits", "ASSUMPTION (no annual cap: B22)"),
            ("pd_hours", "ASSUMPTION (1 AU per 15 hours: B1)"),
            ("leave_bands", "ASSUMPTION scaled to NCES TFS 2012-13 (~8% leave a year)"),
            ("leave_by_rating", "D12 direction; multipliers ASSUMPTION"),
            ("replacement_rate", "ASSUMPTION"),
            ("hire_experience", "ASSUMPTION"),
            ("hire_certificate_share", "ASSUMPTION (certificate gate: B2)"),
            ("certificate_rate", "ASSUMPTION"),
            ("decision_rates", "ASSUMPTION (B7, B14)"),
            ("degree_rate", "ASSUMPTION"),
            ("cola", "B13 (1%); B19 (3%)"),
            ("district_start_salary", "ASSUMPTION (district schedule)"),
            ("role_min_experience", "ASSUMPTION (I11: selection is local)"),
            ("sgos_met", "P12 (70-80% got an SGO award); split ASSUMPTION"),
            ("pdu_rate", "ASSUMPTION"),
            ("observation_by_rating", "ASSUMPTION centred on TEA's statewide targets"),
            ("nbct_share", "ASSUMPTION"),
        )
    )

    def __post_init__(self) -> None:
        check(self)

    def decision_rate(self, decision: str) -> float:
        return dict(self.decision_rates).get(decision, 0.0)

    def leave_probability(self, years: int, level: int) -> float:
        """Yearly probability of leaving at ``years`` of experience after rating ``level``."""
        base = 0.0
        for band in self.leave_bands:
            if years >= band.min_years:
                base = band.probability
        return min(1.0, base * self.leave_by_rating[level])

    def district_salary(self, years: int) -> int:
        """The district schedule's salary at ``years`` of experience (whole dollars)."""
        steps = min(max(years, 0), self.district_top_years)
        return round(self.district_start_salary * (1.0 + self.district_step_raise) ** steps)

    def with_changes(self, **changes: Any) -> Assumptions:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _problem(name: str, message: str, fix: str) -> AssumptionError:
    return AssumptionError(f"assumption '{name}': {message} — {fix}")


def _probability(name: str, value: float) -> None:
    if not (isinstance(value, int | float) and math.isfinite(value) and 0.0 <= value <= 1.0):
        raise _problem(name, f"{value!r} is not a probability", "use a number from 0 to 1")


def _sums_to_one(name: str, values: tuple[float, ...]) -> None:
    for value in values:
        _probability(name, value)
    if abs(sum(values) - 1.0) > 1e-6:
        raise _problem(
            name, f"the probabilities add up to {sum(values):.6f}", "make them add up to 1"
        )


def _distribution(name: str, dist: Distribution, top: int) -> None:
    if not dist:
        raise _problem(name, "no values given", "give at least one (value, probability) pair")
    for value, _ in dist:
        if not isinstance(value, int) or value < 0 or value > top:
            raise _problem(
                name, f"value {value!r} is not a whole number from 0 to {top}", "change it"
            )
    _sums_to_one(name, tuple(p for _, p in dist))


def check(a: Assumptions) -> None:
    """Raise ``AssumptionError`` for the first unusable assumption."""
    n = len(a.levels)
    if n < 2 or len(set(a.levels)) != n:
        raise _problem("levels", "need at least two distinct rating levels", "list them")
    if len(a.first_rating) != n:
        raise _problem("first_rating", f"needs {n} probabilities (one per level)", "fix its length")
    _sums_to_one("first_rating", a.first_rating)
    if len(a.transition) != n or any(len(row) != n for row in a.transition):
        raise _problem("transition", f"must be a {n}×{n} table", "give one row per level")
    for i, row in enumerate(a.transition):
        _sums_to_one(f"transition row {a.levels[i]}", row)
    _distribution("credits", a.credits, MAX_CREDITS)
    _distribution("pd_hours", a.pd_hours, MAX_PD_HOURS)
    _distribution("hire_experience", a.hire_experience, 60)
    _distribution("sgos_met", a.sgos_met, 10)
    for name in ("observation_by_rating", "growth_by_rating"):
        rows = getattr(a, name)
        if not rows:
            raise _problem(name, "needs a distribution per level", "give one row per level")
        for row in rows:
            _distribution(name, row, 500 if name.startswith("observation") else 100)
    for name in ("pdu_rate", "hard_to_staff_share", "top_school_share",
                 "dimensions_floor_share", "nbct_share", "district_step_raise"):  # fmt: skip
        _probability(name, getattr(a, name))
    if not 1000 <= a.district_start_salary <= 500_000 or not 0 <= a.district_top_years <= 60:
        raise _problem("district_start_salary", "is not a salary schedule", "e.g. 50000, 30")
    if not 2000 <= a.first_school_year <= 2200:
        raise _problem("first_school_year", f"{a.first_school_year} is not a school year",
                       "use the year it starts, e.g. 2026 for 2026-27")  # fmt: skip
    if not a.leave_bands or a.leave_bands[0].min_years != 0:
        raise _problem("leave_bands", "the first band must start at 0 years", "add a band at 0")
    years = [band.min_years for band in a.leave_bands]
    if years != sorted(set(years)):
        raise _problem("leave_bands", "bands must start at increasing years", "sort them")
    for band in a.leave_bands:
        _probability("leave_bands", band.probability)
    if len(a.leave_by_rating) != n or any(not math.isfinite(m) or m < 0 for m in a.leave_by_rating):
        raise _problem("leave_by_rating", f"needs {n} multipliers ≥ 0", "one per level")
    for name in ("replacement_rate", "hire_certificate_share", "certificate_rate", "degree_rate"):
        _probability(name, getattr(a, name))
    for decision, rate in a.decision_rates:
        _probability(f"decision_rates.{decision}", rate)
    if not (math.isfinite(a.cola) and -0.5 < a.cola < 0.5):
        raise _problem("cola", f"{a.cola!r} is not a yearly raise", "use e.g. 0.02 for 2%")


def _pairs(value: Any) -> Distribution:
    return tuple((int(v), float(p)) for v, p in value)


def from_dict(data: Mapping[str, Any]) -> Assumptions:
    """Rebuild assumptions from ``as_dict`` output (JSON); unknown keys are an error."""
    known = set(Assumptions.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise _problem(
            unknown[0], "is not an assumption", f"use one of: {', '.join(sorted(known))}"
        )
    changes: dict[str, Any] = {}
    try:
        for key, value in data.items():
            if key in ("credits", "pd_hours", "hire_experience", "sgos_met"):
                changes[key] = _pairs(value)
            elif key in ("observation_by_rating", "growth_by_rating"):
                changes[key] = tuple(_pairs(row) for row in value)
            elif key in ("first_school_year", "district_start_salary", "district_top_years",
                         "role_min_experience"):  # fmt: skip
                changes[key] = int(value)
            elif key == "leave_bands":
                changes[key] = tuple(
                    LeaveBand(int(b["min_years"]), float(b["probability"]))
                    if isinstance(b, Mapping)
                    else LeaveBand(int(b[0]), float(b[1]))
                    for b in value
                )
            elif key == "transition":
                changes[key] = tuple(tuple(float(p) for p in row) for row in value)
            elif key in ("first_rating", "leave_by_rating"):
                changes[key] = tuple(float(p) for p in value)
            elif key in ("levels", "leadership_pathways"):
                changes[key] = tuple(str(v) for v in value)
            elif key == "decision_rates":
                changes[key] = tuple((str(k), float(v)) for k, v in value)
            elif key == "sources":
                changes[key] = tuple((str(k), str(v)) for k, v in value)
            else:
                changes[key] = float(value)
    except (TypeError, ValueError, KeyError, IndexError) as error:
        raise _problem(str(key), f"cannot be read ({error})", "check its format") from error
    return Assumptions(**changes)
