"""Seniority steps gated by a rating, with credential lanes (step-and-lane schedules).

First year: the recorded placement's ``interval`` as the step, else ``entry_step`` plus the
teacher's years of experience on the day the policy starts counting for them (capped at the
top step; ``lattice.rules.experience``). Each later year the teacher moves one step when the
previous school year's rating was at least ``gate_at_least`` (no rating, no step). The lane is
the highest lane whose degree is held, with at least ``graduate_credits`` graduate credits
finished after that degree, on the first day of the school year; a higher degree qualifies for
every lower lane.
"""

from __future__ import annotations

from datetime import date

from lattice.lib.formatting import day
from lattice.rules.context import Context, ModelYear
from lattice.rules.experience import experience_of
from lattice.rules.pay import finish_year
from lattice.rules.policy import Lane, Steps
from lattice.rules.records import TeacherRecord, school_year_label, school_year_start
from lattice.rules.standing import PayKind, PayLine, Salary, Unit


def credits_after(record: TeacherRecord, since: date, until: date) -> int:
    return sum(c.credits for c in record.credits if c.graduate and since < c.course_end <= until)


def lane_met(record: TeacherRecord, lane: Lane, day: date) -> tuple[bool, int]:
    """Whether ``lane`` is met on ``day`` and the graduate credits that count toward it."""
    held = record.highest_degree_on(day)
    if held is None or held.degree.rank < lane.degree.rank:
        return False, 0
    if held.degree.rank > lane.degree.rank:
        return True, lane.graduate_credits
    credits = credits_after(record, held.conferred, day)
    return credits >= lane.graduate_credits, credits


def lane_index(steps: Steps, record: TeacherRecord, day: date) -> int:
    best = 0
    for index, lane in enumerate(steps.lanes):
        if lane_met(record, lane, day)[0]:
            best = index
    return best


def step_for_experience(steps: Steps, years: int) -> int:
    """The entry step plus one step a year of experience, capped at the top step."""
    return min(steps.entry_step + years, steps.top_step)


def entry_step(steps: Steps, record: TeacherRecord, begin: date) -> int:
    """The recorded placement's step, else the step for the experience on ``begin``."""
    start = record.placement
    if start is not None and start.interval is not None:
        return min(max(start.interval, steps.first_step), steps.top_step)
    return step_for_experience(steps, experience_of(record, begin))


def run_steps(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    policy, record = ctx.policy, ctx.record
    steps = policy.steps
    assert steps is not None
    start = record.placement
    step = entry_step(steps, record, ctx.begin)
    years_then = experience_of(record, ctx.begin)
    if start is not None and start.interval is not None:
        fact = "recorded placement"
        plain = f"You were placed on step {step} on {day(start.on)}" + (
            f" ({start.note})." if start.note else "."
        )
    else:
        fact = f"{years_then} year(s) of experience"
        top = " (the top step)" if step == steps.top_step else ""
        plain = (
            f"With {years_then} year(s) of experience on {day(ctx.begin)} you started on "
            f"step {step}{top}: the entry step {steps.entry_step} plus one step a year."
        )
    ctx.add(
        ctx.first_year,
        ctx.begin,
        fact,
        f"enters at step {step}",
        0,
        Unit.MOVE,
        "entry step",
        steps.source,
        plain,
    )
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    gate_rank = policy.ratings.rank(steps.gate_at_least)
    for year in ctx.years:
        label = school_year_label(year)
        if year > ctx.first_year:
            prior, level = ctx.rating(year - 1)
            prior_label = school_year_label(year - 1)
            if step >= steps.top_step:
                ctx.add(
                    year,
                    None,
                    "top step",
                    "no further step",
                    0,
                    Unit.NOTE,
                    "steps table",
                    steps.source,
                    f"In {label} you stayed on the top step, {step}.",
                )
            elif prior is not None and ctx.rank(level) >= gate_rank:
                step += 1
                ctx.add(
                    year,
                    school_year_start(year),
                    f"{prior_label} rating {prior.label}",
                    f"step {step}",
                    1,
                    Unit.MOVE,
                    "step gate",
                    steps.source,
                    f"Your {prior_label} rating of {prior.label} moved you to step {step} in "
                    f"{label}.",
                )
            else:
                why = f"rating {prior.label}" if prior is not None else "no rating recorded"
                ctx.add(
                    year,
                    school_year_start(year),
                    f"{prior_label} {why}",
                    f"no step (needs at least {steps.gate_at_least})",
                    0,
                    Unit.NOTE,
                    "step gate",
                    steps.source,
                    f"You did not move a step in {label}: the {prior_label} "
                    f"{'rating was ' + prior.label if prior else 'rating is missing'}, and a "
                    f"step needs at least {steps.gate_at_least}.",
                )
        lane = steps.lanes[lane_index(steps, record, max(school_year_start(year), ctx.begin))]
        lines = [
            PayLine(
                PayKind.BASE,
                f"step {step}, {lane.name} lane",
                steps.salary(step, steps.lanes.index(lane)),
                "salary table",
                steps.source,
            )
        ]
        _, level = ctx.rating(year)
        salaries.append(finish_year(ctx, year, lines, level))
        years.append(ModelYear(year, step=step, lane=lane.key))
    return years, salaries
