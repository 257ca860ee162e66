"""Rating ladders (DC LIFT) in the forecast, step for step as ``lattice.rules.batch_ladder``.

State per slot: the stage and one run counter per rating level the policy's runs are
measured against. Each year, after the rating is drawn, a counter grows when the rating's
policy rank reaches its level and resets otherwise; the first transition from the slot's
stage whose run is long enough moves it (one move a year; with ``reset_run_on_move`` the
counters restart). A transition decided by people fires with the assumed decision rate.

Runs count from the forecast's first year (as for a teacher placed on the ladder that day).
The starting stage is where the workforce's start for the policy puts the teacher (the adoption
crosswalk's stage), else the workforce's pathway when it names a stage, else the entry stage
for the teacher's experience; new hires enter by their prior experience. Pay: the district
schedule salary (see ``first_year_salary``), plus the stage's base increase in a high-poverty
school (the workforce's high-poverty flag stands for the policy's FRL threshold), the minimum
salary, and the rating and high-poverty bonuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.pay_model import I32, U16, PayState, PayTables
from lattice.forecast.tables import (
    MAX_EXPERIENCE,
    MAX_LEVELS,
    ForecastError,
    SharedTables,
    policy_ranks,
    threshold,
)
from lattice.rules.batch import BatchUnsupported
from lattice.rules.batch_ladder import CompiledLadder, compile_ladder
from lattice.rules.policy import Policy

if TYPE_CHECKING:
    from lattice.forecast.kernel import Block
    from lattice.forecast.workforce import Workforce

I64 = npt.NDArray[np.int64]


def first_year_salary(policy: Policy, workforce: Workforce) -> npt.NDArray[np.int32]:
    """What each teacher's district schedule salary is in the forecast's first year under a
    model without its own salary table (ladder, roles, designation): the salary the adoption
    crosswalk carries into ``policy`` (the workforce's start for it), else the workforce's
    base salary; 0 where there is none (the district schedule for the teacher's experience).

    As the rules engine pays it (``lattice.rules.pay.schedule_salary``), the carried salary is
    the district's schedule salary on the day of the placement — the adoption preview's year
    one. It is not a salary table: from the second year on, every slot is paid the district
    schedule for its experience (the year's ``local_salary``), as are new hires."""
    start = workforce.start_for(policy)
    if start is not None:
        return start.base_salary.astype(np.int32)
    if workforce.base_salary is not None:
        return workforce.base_salary.astype(np.int32)
    return np.zeros(len(workforce), dtype=np.int32)


def year_one_schedule(
    carried: npt.NDArray[np.int32] | None, schedule: npt.NDArray[Any]
) -> npt.NDArray[Any]:
    """The district schedule salary per slot in the first year: the carried salary where
    there is one, else ``schedule`` (the schedule for each slot's experience)."""
    if carried is None:
        return schedule
    return np.where(carried > 0, carried, schedule).astype(schedule.dtype)


def district_schedule(a: Assumptions) -> I64:
    """The district schedule's salary by years of experience (0..MAX_EXPERIENCE)."""
    return np.array([a.district_salary(y) for y in range(MAX_EXPERIENCE + 1)], dtype=np.int64)


def schedule_by_code(schedule: I64, codes: int) -> npt.NDArray[np.int32]:
    """The schedule indexed by the block's experience code (years × rating codes + rating),
    so a slot's schedule salary is one lookup with no division."""
    return np.repeat(schedule, codes).astype(np.int32)


def rank_by_code(policy: Policy, a: Assumptions) -> I64:
    """The policy rating rank of each forecast rating code (0 = no rating: -1)."""
    ranks = np.full(MAX_LEVELS + 1, -1, dtype=np.int64)
    ranks[1 : len(a.levels) + 1] = policy_ranks(policy, a)
    return ranks


@dataclass(frozen=True, eq=False)
class LadderPayTables(PayTables):
    compiled: CompiledLadder
    rank: I64  # by rating code
    schedule: I64  # district salary by years of experience
    entry_years: I64  # (min years, stage) rows, ascending
    decision_threshold: tuple[int, ...]  # per transition: 15-bit threshold (0: never)
    max_run: int
    # Without decided moves the whole year is two lookups: ``step_lut[state << 3 | rating]``
    # is the next state (stage and capped run counters, moves and resets applied), and
    # ``extra_lut[(stage << 1 | high poverty) << 3 | rating]`` the stage increase + bonuses.
    step_lut: npt.NDArray[np.uint16] | None
    stage_of_state: npt.NDArray[np.uint16] | None
    base_lut: npt.NDArray[np.int32]  # (stage << 1 | high poverty): the stage's base increase
    bonus_lut: npt.NDArray[np.int32]  # (high poverty << 3 | rating): the year's bonuses

    def start(self, workforce: Workforce) -> Any:
        """(stage, first-year salary) per teacher (see ``first_year_salary``)."""
        carried = first_year_salary(self.policy, workforce)
        stage = self.entry_stage(workforce.experience)
        start = workforce.start_for(self.policy)
        if start is not None:  # the adoption crosswalk's stage, else the entry rule
            placed = start.codes(self.compiled.stage_keys, "stage")
            stage = np.where(placed >= 0, placed, stage)
            return stage.astype(np.uint16), carried
        for index, key in enumerate(workforce.pathway_keys):
            if key in self.compiled.stage_keys:
                stage[workforce.pathway == index] = self.compiled.stage_keys.index(key)
        return stage.astype(np.uint16), carried

    def entry_stage(self, experience: U16) -> I64:
        stage = np.zeros(experience.shape, dtype=np.int64)
        for years, target in self.entry_years:
            stage[experience >= years] = target
        return stage

    def state(self, block: Block, start: Any) -> PayState:
        return LadderState(self, block, start)


def ladder_tables(policy: Policy, shared: SharedTables, a: Assumptions) -> LadderPayTables:
    try:
        compiled = compile_ladder(policy)
    except BatchUnsupported as error:
        raise ForecastError(
            f"{policy.key}: the forecast cannot run this ladder ({error})"
        ) from error
    ladder = policy.ladder
    assert ladder is not None
    stages = compiled.stage_keys
    leader = np.zeros(len(stages) + 1, dtype=np.bool_)
    for index, key in enumerate(stages):
        leader[index] = key in a.leadership_pathways
    rates = dict(shared.decision_rates)
    thresholds = tuple(
        threshold(rates.get(compiled.decision_codes[code].value, 0.0)) if code >= 0 else 0
        for _, _, code, _ in compiled.transitions
    )
    max_run = max([max(needed) for *_, needed in compiled.transitions] or [1])
    ranks = rank_by_code(policy, a)
    step_lut, stage_of_state = _year_lut(compiled, ranks, max_run)
    qualifies = (0, 1) if compiled.pay_min_frl_percent > 0 else (1, 1)
    base_lut = np.array(
        [int(compiled.base_increase[s]) * qualifies[hp] for s in range(len(stages))
         for hp in (0, 1)], dtype=np.int32,
    )  # fmt: skip
    bonus_lut = np.zeros(2 * (MAX_LEVELS + 1), dtype=np.int32)
    for hp in (0, 1):
        for code in range(MAX_LEVELS + 1):
            for min_rank, min_frl, amount in compiled.bonuses:
                if ranks[code] >= min_rank and (min_frl <= 0 or hp):
                    bonus_lut[(hp << 3) | code] += amount
    return LadderPayTables(
        policy=policy,
        category_keys=stages,
        category_names=tuple(f"{p.name} stage" for p in policy.pathways),
        leader=leader,
        extra_names=(),
        compiled=compiled,
        rank=rank_by_code(policy, a),
        schedule=district_schedule(a),
        entry_years=np.array(
            [(e.min_years, stages.index(e.pathway)) for e in ladder.entry], dtype=np.int64
        ),
        decision_threshold=thresholds,
        max_run=max_run,
        step_lut=step_lut if not any(thresholds) else None,
        stage_of_state=stage_of_state,
        base_lut=base_lut,
        bonus_lut=bonus_lut,
    )


def _year_lut(
    compiled: CompiledLadder, ranks: I64, max_run: int
) -> tuple[npt.NDArray[np.uint16] | None, npt.NDArray[np.uint16] | None]:
    """The year step as one table over (state, rating code); None when it would be too big.

    A state is ``stage × R^L + Σ run_j × R^j`` with ``R = max_run + 1`` run values per level."""
    levels = len(compiled.run_levels)
    r = max_run + 1
    per_stage = r**levels
    states = len(compiled.stage_keys) * per_stage
    if states * (MAX_LEVELS + 1) > 65535:
        return None, None
    table = np.zeros(states * (MAX_LEVELS + 1), dtype=np.uint16)
    for state in range(states):
        stage, rest = divmod(state, per_stage)
        runs = [(rest // r**j) % r for j in range(levels)]
        for code in range(MAX_LEVELS + 1):
            rank = int(ranks[code])
            grown = [min(run + 1, max_run) if rank >= int(level) else 0
                     for run, level in zip(runs, compiled.run_levels, strict=True)]  # fmt: skip
            target, moved = stage, False
            for source, to, decision, needed in compiled.transitions:
                if source != stage or decision >= 0:
                    continue
                if any(years and grown[j] >= years for j, years in enumerate(needed)):
                    target, moved = to, True
                    break
            if moved and compiled.reset_run_on_move:
                grown = [0] * levels
            table[(state << 3) | code] = target * per_stage + sum(
                run * r**j for j, run in enumerate(grown)
            )
    stage_of_state = (np.arange(states) // per_stage).astype(np.uint16)
    return table, stage_of_state


class LadderState(PayState):
    def __init__(self, tables: LadderPayTables, block: Block, start: Any) -> None:
        self.t = tables
        n = block.n
        stage, carried = start
        self.stage = np.tile(stage, block.runs)
        # the first year's schedule salary where one was carried (None once it is paid)
        self.carried = np.tile(carried, block.runs) if carried.any() else None
        self.schedule = schedule_by_code(tables.schedule, block.codes)
        self.lut = tables.step_lut is not None
        if self.lut:
            per_stage = (tables.max_run + 1) ** len(tables.compiled.run_levels)
            self.state_code = (self.stage * np.uint16(per_stage)).astype(np.uint16)
            self.index = np.empty(n, dtype=np.uint16)
        self.runs = np.zeros((len(tables.compiled.run_levels), n), dtype=np.uint8)
        self.pay: I32 = np.zeros(n, dtype=np.int32)
        self.category: U16 = self.stage.copy()
        self.rng = block.stream(5) if any(tables.decision_threshold) else None

    def after_rating(self, block: Block, ua13: U16) -> None:
        if self.lut:
            self._by_lookup(block)
            return
        t, c = self.t, self.t.compiled
        rank = t.rank[block.rating]
        for slot, level in enumerate(c.run_levels):
            reached = rank >= level
            np.add(self.runs[slot], 1, out=self.runs[slot], where=reached)
            np.minimum(self.runs[slot], t.max_run, out=self.runs[slot])
            self.runs[slot][~reached] = 0
        before = self.stage.copy()
        moved = np.zeros(block.n, dtype=np.bool_)
        draws = None
        if self.rng is not None:
            raw = self.rng.bit_generator.random_raw(-(-block.n // 4))
            draws = raw.view(np.uint16)[: block.n] >> 1
        for (source, target, code, needed), limit in zip(
            c.transitions, t.decision_threshold, strict=True
        ):
            fire = (before == source) & ~moved
            if code >= 0:
                assert draws is not None
                fire &= (draws < limit) & block.active
            else:
                ok = np.zeros(block.n, dtype=np.bool_)
                for slot, years in enumerate(needed):
                    if years:
                        ok |= self.runs[slot] >= years
                fire &= ok
            self.stage[fire] = target
            moved |= fire
        if c.reset_run_on_move:
            self.runs[:, moved] = 0
        self._pay(block, rank)

    def _by_lookup(self, block: Block) -> None:
        t = self.t
        assert t.step_lut is not None
        assert t.stage_of_state is not None
        index = self.index
        np.left_shift(self.state_code, 3, out=index)
        np.bitwise_or(index, block.rating, out=index)
        np.take(t.step_lut, index, out=self.state_code)
        np.take(t.stage_of_state, self.state_code, out=self.stage)
        np.left_shift(self.stage, 1, out=index)
        np.bitwise_or(index, block.high_poverty, out=index)
        base = year_one_schedule(self.carried, self.schedule.take(block.experience))
        self.carried = None
        base += t.base_lut.take(index)
        if t.compiled.minimum_salary:
            np.maximum(base, t.compiled.minimum_salary, out=base)
        np.left_shift(block.high_poverty.view(np.uint8), 3, out=index, dtype=np.uint16)
        np.bitwise_or(index, block.rating, out=index)
        base += t.bonus_lut.take(index)
        self.pay = base
        self.category = self.stage.copy()
        if block.any_vacant:
            self.pay[~block.active] = 0
            self.category[~block.active] = t.empty

    def _pay(self, block: Block, rank: I64) -> None:
        t, c = self.t, self.t.compiled
        years = block.experience // np.uint16(block.codes)
        base = year_one_schedule(self.carried, t.schedule[years])
        self.carried = None
        qualifies = block.high_poverty if c.pay_min_frl_percent > 0 else True
        base = base + np.where(qualifies, c.base_increase[self.stage], 0)
        pay = np.maximum(base, c.minimum_salary)
        for min_rank, min_frl, amount in c.bonuses:
            ok = rank >= min_rank
            if min_frl > 0:
                ok &= block.high_poverty
            pay = pay + np.where(ok, amount, 0)
        pay[~block.active] = 0
        self.pay = pay.astype(np.int32)
        self.category = np.where(block.active, self.stage, t.empty).astype(np.uint16)

    def leave(self, block: Block, rows: npt.NDArray[np.intp], new: npt.NDArray[np.intp],
              gone: npt.NDArray[np.intp], hire_experience: U16) -> None:  # fmt: skip
        self.stage[new] = self.t.entry_stage(hire_experience).astype(np.uint16)
        self.runs[:, rows] = 0
        if self.lut:
            per_stage = (self.t.max_run + 1) ** len(self.t.compiled.run_levels)
            self.state_code[rows] = self.stage[rows] * np.uint16(per_stage)

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        return {"pay": self.pay.copy(), "category": self.category.copy(),
                "stage": self.stage.copy()}  # fmt: skip
