"""The vectorised path for step-and-lane policies, equal to ``steps.run_steps``.

``compile_steps(policy) -> CompiledSteps`` turns the schedule into numbers: the salary table
``salary[step - first_step, lane]`` (minimum salary applied), the entry rule (``entry_step``,
``first_step``, ``top_step``), the rating rank the step gate needs (``gate_rank``) and, per
lane, the degree rank and graduate credits it needs (``lane_degree``, ``lane_credits``).
``lane_for(compiled, degree, credits)`` is each teacher's lane: the highest lane whose degree
rank is exceeded, or met with enough graduate credits after that degree (degree 0 = none
held: the lowest lane). ``advance_steps_year(compiled, state, inputs)`` moves every teacher one
school year: one step when last year's rating rank reaches the gate (-1 = no rating, no
step), never past the top step; the lane from the degree and credits held on the year's first
day. ``run_steps_batch`` runs whole histories (the first year places, later years advance)
and pays the last year. Roles and bonuses are not vectorised (``BatchUnsupported``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from lattice.rules.batch import NEVER, BatchUnsupported, IntArray, school_years_of
from lattice.rules.context import RecordError
from lattice.rules.policy import Model, Policy
from lattice.rules.records import (
    TeacherRecord,
    school_year_label,
    school_year_of,
    school_year_start,
)
from lattice.rules.steps import entry_step

UNREADABLE = -9  # a rating label the policy's vocabulary for that year does not know


@dataclass(frozen=True)
class CompiledSteps:
    key: str
    level_keys: tuple[str, ...]
    lane_keys: tuple[str, ...]
    first_step: int
    top_step: int
    entry_step: int
    gate_rank: int
    lane_degree: IntArray  # degree rank each lane needs (1 bachelor's, 2 master's, 3 doctorate)
    lane_credits: IntArray  # graduate credits after that degree each lane needs
    salary: IntArray  # [step - first_step, lane], minimum salary applied
    effective_from: int
    effective_to: int

    @property
    def steps(self) -> int:
        return self.top_step - self.first_step + 1


def compile_steps(policy: Policy) -> CompiledSteps:
    steps = policy.steps
    if policy.model is not Model.STEPS or steps is None:
        raise BatchUnsupported(f"{policy.key}: compile_steps needs a steps policy")
    if policy.roles is not None:
        raise BatchUnsupported(f"{policy.key}: roles are not vectorised")
    if policy.bonuses:
        raise BatchUnsupported(f"{policy.key}: bonuses are not vectorised for steps policies")
    table = np.array([row.salaries for row in steps.rows], dtype=np.int64)
    return CompiledSteps(
        key=policy.key,
        level_keys=policy.ratings.levels,
        lane_keys=tuple(lane.key for lane in steps.lanes),
        first_step=steps.first_step,
        top_step=steps.top_step,
        entry_step=steps.entry_step,
        gate_rank=policy.ratings.rank(steps.gate_at_least),
        lane_degree=np.array([lane.degree.rank for lane in steps.lanes], dtype=np.int64),
        lane_credits=np.array([lane.graduate_credits for lane in steps.lanes], dtype=np.int64),
        salary=np.maximum(table, policy.minimum_salary or 0),
        effective_from=policy.effective_from.toordinal(),
        effective_to=policy.effective_to.toordinal() if policy.effective_to else NEVER,
    )


def lane_for(compiled: CompiledSteps, degree: IntArray, credits: IntArray) -> IntArray:
    """The highest lane met by each (highest degree rank, graduate credits after it)."""
    lane = np.zeros(degree.shape, dtype=np.int64)
    for index in range(len(compiled.lane_keys)):
        need = compiled.lane_degree[index]
        met = (degree > need) | ((degree == need) & (credits >= compiled.lane_credits[index]))
        lane[met] = index
    return lane


@dataclass(frozen=True)
class StepsState:
    step: IntArray
    lane: IntArray


@dataclass(frozen=True)
class StepsYearInputs:
    prior_rank: IntArray  # last school year's rating rank; -1 = none
    degree: IntArray  # highest degree rank held on the year's first day; 0 = none
    credits: IntArray  # graduate credits finished after that degree, by the same day


def advance_steps_year(
    compiled: CompiledSteps, state: StepsState, inputs: StepsYearInputs
) -> StepsState:
    """One school year for every teacher; returns a new state (inputs are not changed)."""
    moves = (inputs.prior_rank >= compiled.gate_rank) & (state.step < compiled.top_step)
    return StepsState(
        state.step + moves.astype(np.int64), lane_for(compiled, inputs.degree, inputs.credits)
    )


@dataclass(frozen=True)
class StepsTables:
    """Teachers and their facts as columns: entry steps, ratings, degrees and credits."""

    ids: tuple[str, ...]
    start_day: IntArray
    entry_step: IntArray
    rating_teacher: IntArray  # one row per (teacher, school year) rating
    rating_year: IntArray
    rating_day: IntArray
    rating_rank: IntArray  # UNREADABLE: an error only if the rating counts
    degree_teacher: IntArray  # one row per degree, in record order
    degree_rank: IntArray
    degree_day: IntArray
    credit_teacher: IntArray  # one row per graduate course
    credit_credits: IntArray
    credit_end: IntArray


def _column(values: list[int]) -> IntArray:
    return np.array(values, dtype=np.int64)


def records_to_steps_tables(
    compiled: CompiledSteps, policy: Policy, records: Sequence[TeacherRecord]
) -> StepsTables:
    """Turn records into columns (Python speed: for apps and tests, not the hot path)."""
    entry: list[int] = []
    rating_rows: list[tuple[int, int, int, int]] = []
    degree_rows: list[tuple[int, int, int]] = []
    credit_rows: list[tuple[int, int, int]] = []
    for n, record in enumerate(records):
        assert policy.steps is not None
        begin = max(record.start, policy.effective_from)
        entry.append(entry_step(policy.steps, record, begin))
        for year in sorted({r.school_year for r in record.ratings}):
            rating = record.rating_for(year)
            assert rating is not None
            level = policy.level_of(rating.label, school_year_start(year))
            rank = UNREADABLE if level is None else compiled.level_keys.index(level)
            rating_rows.append((n, year, rating.on.toordinal(), rank))
        for earned in record.degrees:
            degree_rows.append((n, earned.degree.rank, earned.conferred.toordinal()))
        for c in record.credits:
            if c.graduate:
                credit_rows.append((n, c.credits, c.course_end.toordinal()))
    ratings = np.array(rating_rows, dtype=np.int64).reshape(-1, 4).T
    degrees = np.array(degree_rows, dtype=np.int64).reshape(-1, 3).T
    credits = np.array(credit_rows, dtype=np.int64).reshape(-1, 3).T
    return StepsTables(
        ids=tuple(r.teacher_id for r in records),
        start_day=_column([r.start.toordinal() for r in records]),
        entry_step=_column(entry),
        rating_teacher=np.ascontiguousarray(ratings[0]),
        rating_year=np.ascontiguousarray(ratings[1]),
        rating_day=np.ascontiguousarray(ratings[2]),
        rating_rank=np.ascontiguousarray(ratings[3]),
        degree_teacher=np.ascontiguousarray(degrees[0]),
        degree_rank=np.ascontiguousarray(degrees[1]),
        degree_day=np.ascontiguousarray(degrees[2]),
        credit_teacher=np.ascontiguousarray(credits[0]),
        credit_credits=np.ascontiguousarray(credits[1]),
        credit_end=np.ascontiguousarray(credits[2]),
    )


def degrees_on(tables: StepsTables, days: IntArray) -> tuple[IntArray, IntArray]:
    """Each teacher's highest degree rank held on ``days[teacher]`` (0 = none) and the graduate
    credits finished after it was conferred, up to that day. Of two degrees of the same rank
    the first on record counts (as ``TeacherRecord.highest_degree_on``)."""
    n = days.shape[0]
    rows = tables.degree_teacher.shape[0]
    held = tables.degree_day <= days[tables.degree_teacher]
    order = np.arange(rows, dtype=np.int64)
    key = np.where(held, tables.degree_rank * (rows + 1) + (rows - order), 0)
    best = np.zeros(n, dtype=np.int64)
    np.maximum.at(best, tables.degree_teacher, key)
    degree = best // (rows + 1)
    chosen = np.where(degree > 0, rows - best % (rows + 1), 0)
    conferred = np.where(degree > 0, tables.degree_day[np.minimum(chosen, max(rows - 1, 0))], 0)
    t = tables.credit_teacher
    after = (tables.credit_end > conferred[t]) & (tables.credit_end <= days[t]) & (degree[t] > 0)
    credits = np.bincount(t[after], weights=tables.credit_credits[after], minlength=n)
    return degree, credits.astype(np.int64)


@dataclass(frozen=True)
class StepsResult:
    ids: tuple[str, ...]
    step: IntArray
    lane: IntArray
    salary: IntArray


def run_steps_batch(compiled: CompiledSteps, tables: StepsTables, as_of: date) -> StepsResult:
    """Standing on ``as_of`` for every teacher (each must start on or before ``as_of``)."""
    end = min(as_of.toordinal(), compiled.effective_to)
    begin = np.maximum(tables.start_day, compiled.effective_from)
    if np.any(tables.start_day > as_of.toordinal()):
        raise ValueError("every teacher must start on or before as_of")
    first_year = school_years_of(begin)
    last_year = school_year_of(date.fromordinal(end))
    low = int(first_year.min())
    span = last_year - low + 1
    n = len(tables.ids)
    t = tables.rating_teacher
    counted = (tables.rating_day >= begin[t]) & (tables.rating_day <= end)
    counted &= (tables.rating_year >= low) & (tables.rating_year <= last_year)
    bad = counted & (tables.rating_rank == UNREADABLE) & (tables.rating_year >= first_year[t])
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise RecordError(
            f"{tables.ids[t[row]]}: the {school_year_label(int(tables.rating_year[row]))} rating "
            f"is not in the {compiled.key} vocabulary for that year"
        )
    ranks = np.full((n, span), -1, dtype=np.int64)
    ranks[t[counted], tables.rating_year[counted] - low] = tables.rating_rank[counted]
    state = StepsState(tables.entry_step.copy(), np.zeros(n, dtype=np.int64))
    for offset in range(span):
        year = low + offset
        day = np.maximum(school_year_start(year).toordinal(), begin)
        degree, credits = degrees_on(tables, day)
        started = first_year == year
        running = first_year < year
        prior = np.where(running, ranks[:, offset - 1] if offset else -1, -1)
        moved = advance_steps_year(compiled, state, StepsYearInputs(prior, degree, credits))
        live = started | running
        state = StepsState(moved.step, np.where(live, moved.lane, state.lane))
    salary = compiled.salary[state.step - compiled.first_step, state.lane]
    return StepsResult(tables.ids, state.step, state.lane, salary)
