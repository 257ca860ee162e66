"""The vectorised path for rating-ladder policies (DC LIFT), equal to ``ladder.run_ladder``.

``compile_ladder(policy) -> CompiledLadder`` turns the stage rules into thresholds: the rating
levels runs are measured against (``run_levels``, as level ranks) and, per transition, the
from/to stage, the consecutive years needed at each run level, or the decision code.
``advance_ladder_year(compiled, state, ratings, decisions)`` moves every teacher one school
year: each run counter grows when the year's rating rank reaches its level and resets
otherwise (no rating = -1); the first transition from a teacher's stage that fires moves them
(one move a year); with ``reset_run_on_move`` their counters restart. ``run_ladder_batch``
runs whole histories and pays the last year (district schedule + stage increase where FRL
qualifies, minimum salary, rating/FRL bonuses).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from lattice.rules.batch import (
    DECISION,
    NEVER,
    RATING,
    BatchUnsupported,
    EventTable,
    IntArray,
    school_years_of,
)
from lattice.rules.ladder import entry_stage
from lattice.rules.policy import Model, Policy, Route
from lattice.rules.records import DecisionKind, TeacherRecord, school_year_of, school_year_start


@dataclass(frozen=True)
class CompiledLadder:
    key: str
    stage_keys: tuple[str, ...]
    level_keys: tuple[str, ...]
    decision_codes: tuple[DecisionKind, ...]
    run_levels: IntArray  # level rank per run counter
    # per transition: (from stage, to stage, decision code or -1, needed years per run counter;
    # 0 = that counter cannot fire it)
    transitions: tuple[tuple[int, int, int, tuple[int, ...]], ...]
    reset_run_on_move: bool
    pay_min_frl_percent: int
    base_increase: IntArray  # by stage
    minimum_salary: int
    bonuses: tuple[tuple[int, int, int], ...]  # (min rating rank or -2, min FRL or -1, amount)
    effective_from: int
    effective_to: int


def compile_ladder(policy: Policy) -> CompiledLadder:
    ladder = policy.ladder
    if policy.model is not Model.LADDER or ladder is None:
        raise BatchUnsupported(f"{policy.key}: compile_ladder needs a ladder policy")
    if policy.roles is not None:
        raise BatchUnsupported(f"{policy.key}: roles are not vectorised")
    if any(b.flag is not None or b.certificate is not None for b in policy.bonuses):
        raise BatchUnsupported(f"{policy.key}: only rating and FRL bonuses are vectorised")
    ratings = policy.ratings
    levels = sorted({ratings.rank(r.at_least) for t in policy.transitions for r in t.any_of})
    stages = tuple(p.key for p in policy.pathways)
    decisions = tuple(DecisionKind)
    compiled = []
    for t in policy.transitions:
        needed = [0] * len(levels)
        for run in t.any_of if t.route is Route.RATINGS else ():
            slot = levels.index(ratings.rank(run.at_least))
            needed[slot] = min(needed[slot] or run.consecutive, run.consecutive)
        code = decisions.index(t.decision) if t.route is Route.DECISION and t.decision else -1
        compiled.append(
            (stages.index(t.from_pathway), stages.index(t.to_pathway), code, tuple(needed))
        )
    return CompiledLadder(
        key=policy.key,
        stage_keys=stages,
        level_keys=ratings.levels,
        decision_codes=decisions,
        run_levels=np.array(levels, dtype=np.int64),
        transitions=tuple(compiled),
        reset_run_on_move=ladder.reset_run_on_move,
        pay_min_frl_percent=ladder.pay_min_frl_percent,
        base_increase=np.array([p.base_increase for p in policy.pathways], dtype=np.int64),
        minimum_salary=policy.minimum_salary or 0,
        bonuses=tuple(
            (
                ratings.rank(b.rating_at_least) if b.rating_at_least else -2,
                b.min_frl_percent if b.min_frl_percent is not None else -1,
                b.amount,
            )
            for b in policy.bonuses
        ),
        effective_from=policy.effective_from.toordinal(),
        effective_to=policy.effective_to.toordinal() if policy.effective_to else NEVER,
    )


@dataclass(frozen=True)
class LadderState:
    stage: IntArray
    runs: IntArray  # [teachers, run counters]


@dataclass(frozen=True)
class LadderTables:
    """Teachers, their rating/decision events and per-year school facts from ``first_year``."""

    ids: tuple[str, ...]
    start_day: IntArray
    entry_stage: IntArray
    events: EventTable
    first_year: int
    local_salary: IntArray  # [teachers, years]
    frl_percent: IntArray  # [teachers, years]


def records_to_ladder_tables(
    compiled: CompiledLadder, policy: Policy, records: Sequence[TeacherRecord]
) -> LadderTables:
    rows: list[tuple[int, int, int, int, int, int]] = []
    years = [f.school_year for r in records for f in r.years] or [2000]
    first, last = min(years), max(years)
    salary = np.zeros((len(records), last - first + 1), dtype=np.int64)
    frl = np.zeros_like(salary)
    for n, record in enumerate(records):
        for year in sorted({r.school_year for r in record.ratings}):
            rating = record.rating_for(year)
            assert rating is not None
            level = policy.level_of(rating.label, school_year_start(year))
            if level is None:
                raise ValueError(f"rating '{rating.label}' is not in the {policy.key} vocabulary")
            rows.append(
                (n, RATING, year, rating.on.toordinal(), compiled.level_keys.index(level), 0)
            )
        for d in record.decisions:
            code = compiled.decision_codes.index(d.kind)
            rows.append((n, DECISION, school_year_of(d.decided), d.decided.toordinal(), code, 0))
        for facts in record.years:
            salary[n, facts.school_year - first] = facts.local_salary or 0
            frl[n, facts.school_year - first] = facts.frl_percent
    columns = np.array(rows, dtype=np.int64).reshape(-1, 6).T
    return LadderTables(
        ids=tuple(r.teacher_id for r in records),
        start_day=np.array([r.start.toordinal() for r in records], dtype=np.int64),
        entry_stage=np.array(
            [compiled.stage_keys.index(entry_stage(policy, r)) for r in records], dtype=np.int64
        ),
        events=EventTable(*(np.ascontiguousarray(c) for c in columns)),
        first_year=first,
        local_salary=salary,
        frl_percent=frl,
    )


def advance_ladder_year(
    compiled: CompiledLadder, state: LadderState, ranks: IntArray, decisions: IntArray
) -> LadderState:
    """One school year: ``ranks`` is each teacher's rating rank (-1 = none), ``decisions`` a
    bit per ``decision_codes`` recorded that year."""
    reached = ranks[:, None] >= compiled.run_levels[None, :]
    runs = np.where(reached, state.runs + 1, 0)
    stage = state.stage.copy()
    moved = np.zeros(stage.shape[0], dtype=bool)
    for source, target, code, needed in compiled.transitions:
        fire = (state.stage == source) & ~moved
        if code >= 0:
            fire &= (decisions >> code) & 1 == 1
        else:
            ok = np.zeros_like(fire)
            for slot, years in enumerate(needed):
                if years:
                    ok |= runs[:, slot] >= years
            fire &= ok
        stage[fire] = target
        moved |= fire
    if compiled.reset_run_on_move:
        runs[moved] = 0
    return LadderState(stage, runs)


@dataclass(frozen=True)
class LadderResult:
    ids: tuple[str, ...]
    stage: IntArray
    salary: IntArray


def run_ladder_batch(compiled: CompiledLadder, tables: LadderTables, as_of: date) -> LadderResult:
    end = min(as_of.toordinal(), compiled.effective_to)
    begin = np.maximum(tables.start_day, compiled.effective_from)
    if np.any(tables.start_day > as_of.toordinal()):
        raise ValueError("every teacher must start on or before as_of")
    year_of_begin = school_years_of(begin)
    last_year = school_year_of(date.fromordinal(end))
    low = int(year_of_begin.min())
    span = last_year - low + 1
    n = len(tables.ids)
    ev = tables.events
    t = ev.teacher
    counted = (ev.day >= begin[t]) & (ev.day <= end)
    counted &= (ev.year >= year_of_begin[t]) & (ev.year <= last_year)
    ranks = np.full((n, span), -1, dtype=np.int64)
    rated = counted & (ev.kind == RATING)
    ranks[t[rated], ev.year[rated] - low] = ev.value[rated]
    decided = np.zeros(n * span, dtype=np.int64)
    chosen = counted & (ev.kind == DECISION)
    np.bitwise_or.at(
        decided, t[chosen] * span + ev.year[chosen] - low, np.left_shift(1, ev.value[chosen])
    )
    state = LadderState(
        tables.entry_stage.copy(), np.zeros((n, len(compiled.run_levels)), dtype=np.int64)
    )
    by_year = decided.reshape(n, span)
    for offset in range(span):
        state = advance_ladder_year(compiled, state, ranks[:, offset], by_year[:, offset])
    column = last_year - tables.first_year
    inside = 0 <= column < tables.local_salary.shape[1]
    salary = tables.local_salary[:, column] if inside else np.zeros(n, dtype=np.int64)
    frl = tables.frl_percent[:, column] if inside else np.zeros(n, dtype=np.int64)
    base = salary + np.where(
        frl >= compiled.pay_min_frl_percent, compiled.base_increase[state.stage], 0
    )
    pay = np.maximum(base, compiled.minimum_salary)
    for rank, min_frl, amount in compiled.bonuses:
        pay = pay + np.where((ranks[:, -1] >= rank) & (frl >= min_frl), amount, 0)
    return LadderResult(tables.ids, state.stage, pay)
