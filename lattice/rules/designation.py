"""Teacher designations (Texas TIA): earned on a year's data, valid for years, paid from the
state allotment for the teacher's campus.

Each school year is a data-capture year: the local designation system scores the teacher's
appraisal and growth data (``local_score``: the observation average as a share of 5 and the
share of students meeting growth, weighted by the policy); the teacher earns the highest
level whose local cut score the score reaches *and* whose state minimums the data meet (the
observation average above the level's standard, every dimension at or above the floor, at
least the level's share of students meeting growth) — or the national board level while
holding that certificate on the year's evaluation day. A level earned on year ``y``'s data is
in force for the ``validity_years`` school years from ``y + 1`` (ASSUMPTION [P]: the state
designates in the spring after the data-capture year and funds the year after); a higher
level replaces a lower one in force, with a fresh validity; an equal or lower one does not.

Pay each year: the district schedule salary (``local_salary``, else the salary the district
carried into the policy with the teacher's placement: ``lattice.rules.pay.schedule_salary``),
plus the teacher's share of
the allotment of the designation in force at the campus of that year (``allotment``:
``base + multiplier × campus points``, rounded half up, at most ``cap``), plus the common
parts (minimum salary, bonuses).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from lattice.lib.formatting import money
from lattice.rules.context import Context, ModelYear
from lattice.rules.pay import finish_year, schedule_salary
from lattice.rules.policy import Designation, DesignationLevel
from lattice.rules.records import (
    DesignationData,
    TeacherRecord,
    campus_for,
    designation_data_for,
    school_year_label,
)
from lattice.rules.standing import PayKind, PayLine, Salary, Unit

HUNDRED = Decimal(100)
FIVE = Decimal(5)


def round_dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def allotment(level: DesignationLevel, points: Decimal) -> int:
    """The allotment one designated teacher generates at a campus with average student point
    value ``points``: ``base + multiplier × points`` in whole dollars (half up), at most
    ``cap`` (TEC §48.112(c)-(d))."""
    return min(level.cap, round_dollars(level.base + level.multiplier * Decimal(points)))


def average_points(
    designation: Designation, students_by_tier: Sequence[int], rural: bool
) -> Decimal:
    """A campus's average student point value from its students by tier (not disadvantaged,
    then tiers 1-5, lowest need first); at a rural campus every student counts
    ``rural_tiers_up`` tiers higher, never above the top tier (TEC §48.112(e)-(f))."""
    values = designation.point_values
    if len(students_by_tier) != len(values):
        raise ValueError(f"give {len(values)} student counts (not disadvantaged, tiers 1-5)")
    total = sum(students_by_tier)
    if total <= 0:
        return Decimal(0)
    shift = designation.rural_tiers_up if rural else 0
    top = len(values) - 1
    points = sum(
        (values[min(tier + shift, top)] * count for tier, count in enumerate(students_by_tier)),
        Decimal(0),
    )
    return points / total


def teacher_share(designation: Designation, amount: int) -> int:
    """The designated teacher's share of an allotment, in whole dollars (half up)."""
    return round_dollars(Decimal(amount) * designation.teacher_share_percent / HUNDRED)


def local_score(designation: Designation, data: DesignationData) -> Decimal:
    """The local system's score out of 100: the observation average as a share of 5 and the
    share of students meeting growth, weighted."""
    observation = data.observation_average / FIVE * HUNDRED
    return (
        designation.observation_weight * observation
        + designation.growth_weight * Decimal(data.growth_percent)
    ) / HUNDRED


def meets_standards(
    designation: Designation, level: DesignationLevel, data: DesignationData
) -> bool:
    """The state's minimum performance standards for ``level``."""
    if level.observation_above is None or level.growth_at_least is None:
        return False
    if len(data.observation) != designation.dimensions:
        return False
    if any(score < designation.dimension_floor for score in data.observation):
        return False
    return (
        data.observation_average > level.observation_above
        and Decimal(data.growth_percent) >= level.growth_at_least
    )


def earned_level(
    designation: Designation, data: DesignationData | None, national_board: bool
) -> DesignationLevel | None:
    """The highest level this year's data (or the certificate) earns, if any."""
    cuts = {cut.level: cut.score for cut in designation.cuts}
    best: DesignationLevel | None = None
    score = local_score(designation, data) if data is not None else None
    for level in designation.levels:
        if level.national_board:
            earned = national_board
        else:
            cut = cuts.get(level.key)
            earned = (
                data is not None
                and score is not None
                and cut is not None
                and score >= cut
                and meets_standards(designation, level, data)
            )
        if earned:
            best = level
    return best


def _holds_board(ctx: Context, designation: Designation, year: int) -> bool:
    day = ctx.eval_day(year)
    kind = designation.national_board_certificate
    return any(c.kind == kind and c.held_on(day) for c in ctx.record.certificates)


def run_designation(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    policy, record = ctx.policy, ctx.record
    designation = policy.designation
    assert designation is not None
    current: tuple[DesignationLevel, int] | None = None  # level, last school year in force
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    for year in ctx.years:
        label = school_year_label(year)
        if current is not None and current[1] < year:
            current = None
        lines = [schedule_salary(ctx, year)]
        if current is not None:
            lines.append(_allotment_line(designation, current[0], record, year))
        _, rating_level = ctx.rating(year)
        salaries.append(finish_year(ctx, year, lines, rating_level))
        years.append(ModelYear(year, pathway=current[0].key if current else None))
        data = designation_data_for(record, year)
        earned = earned_level(designation, data, _holds_board(ctx, designation, year))
        if earned is None:
            continue
        if (
            current is None
            or current[1] <= year
            or (designation.rank(earned.key) > designation.rank(current[0].key))
        ):
            until = year + designation.validity_years
            why = (
                "National Board Certification"
                if earned.national_board
                else _evidence(designation, data)
            )
            ctx.add(
                year,
                ctx.eval_day(year),
                why,
                f"designated {earned.name}, {school_year_label(year + 1)} to "
                f"{school_year_label(until)}",
                1,
                Unit.MOVE,
                "designation",
                earned.source,
                f"Your {label} {why} earned the {earned.name} designation, in force from "
                f"{school_year_label(year + 1)} to {school_year_label(until)}.",
            )
            current = (earned, until)
    return years, salaries


def _evidence(designation: Designation, data: DesignationData | None) -> str:
    assert data is not None
    average = data.observation_average.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    score = local_score(designation, data).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return (
        f"data (observation average {average}, {data.growth_percent}% of students meeting "
        f"growth, local score {score})"
    )


def _allotment_line(
    designation: Designation, level: DesignationLevel, record: TeacherRecord, year: int
) -> PayLine:
    campus = campus_for(record, year)
    amount = allotment(level, campus.points)
    share = teacher_share(designation, amount)
    rural = "rural " if campus.rural else ""
    return PayLine(
        PayKind.SUPPLEMENT,
        f"{level.name} designation: {designation.teacher_share_percent}% of the "
        f"{money(amount)} allotment at your {rural}campus (points {campus.points})",
        share,
        "designation allotment",
        level.source,
    )
