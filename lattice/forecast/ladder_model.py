"""Rating ladders (DC LIFT) in the forecast, step for step as ``lattice.rules.batch_ladder``.

State per slot: the stage and one run counter per rating level the policy's runs are
measured against. Each year, after the rating is drawn, a counter grows when the rating's
policy rank reaches its level and resets otherwise; the first transition from the slot's
stage whose run is long enough moves it (one move a year; with ``reset_run_on_move`` the
counters restart). A transition decided by people fires with the assumed decision rate.

Runs count from the forecast's first year (as for a teacher placed on the ladder that day).
The starting stage is the workforce's pathway when it names a stage, else the entry stage
for the teacher's experience; new hires enter by their prior experience. Pay: the district
schedule for the slot's experience, plus the stage's base increase in a high-poverty school
(the workforce's high-poverty flag stands for the policy's FRL threshold), the minimum
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


def district_schedule(a: Assumptions) -> I64:
    """The district schedule's salary by years of experience (0..MAX_EXPERIENCE)."""
    return np.array([a.district_salary(y) for y in range(MAX_EXPERIENCE + 1)], dtype=np.int64)


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

    def start(self, workforce: Workforce) -> Any:
        stage = self.entry_stage(workforce.experience)
        for index, key in enumerate(workforce.pathway_keys):
            if key in self.compiled.stage_keys:
                stage[workforce.pathway == index] = self.compiled.stage_keys.index(key)
        return stage.astype(np.uint16)

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
        max_run=max([max(needed) for *_, needed in compiled.transitions] or [1]),
    )


class LadderState(PayState):
    def __init__(self, tables: LadderPayTables, block: Block, start: Any) -> None:
        self.t = tables
        n = block.n
        self.stage = np.tile(start, block.runs)
        self.runs = np.zeros((len(tables.compiled.run_levels), n), dtype=np.uint8)
        self.pay: I32 = np.zeros(n, dtype=np.int32)
        self.category: U16 = self.stage.copy()
        self.rng = block.stream(5) if any(tables.decision_threshold) else None

    def after_rating(self, block: Block, ua13: U16) -> None:
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

    def _pay(self, block: Block, rank: I64) -> None:
        t, c = self.t, self.t.compiled
        years = block.experience // np.uint16(block.codes)
        base = t.schedule[years]
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

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        return {"pay": self.pay.copy(), "category": self.category.copy(),
                "stage": self.stage.copy()}  # fmt: skip
