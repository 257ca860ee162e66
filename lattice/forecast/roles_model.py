"""Annual leadership roles (Iowa TLC) in the forecast: who holds which role, and its pay.

Each year, before the rating, the district fills every role's default share of its active
teachers, at random among the eligible (``role_min_experience`` years or more, last rating in
the upper half of the levels; ASSUMPTION), from the block's roles stream. A slot holds at most
one role a year. Pay is as ``lattice.rules.roles.run_roles`` pays it: the district schedule
salary (in the first year the salary carried into the policy where there is one,
``ladder_model.first_year_salary``; then the schedule for the slot's experience), raised to the
minimum salary, plus the role's supplement; the
supplements are also reported on their own (``extras``: ``supplements``), since a budget must
cover them from recurring funds. The "pathways" are the roles (and "no role").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.ladder_model import (
    district_schedule,
    first_year_salary,
    rank_by_code,
    year_one_schedule,
)
from lattice.forecast.pay_model import I32, U16, PayState, PayTables
from lattice.forecast.tables import ForecastError, SharedTables
from lattice.rules.policy import Policy

if TYPE_CHECKING:
    from lattice.forecast.kernel import Block
    from lattice.forecast.workforce import Workforce

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class RolesPayTables(PayTables):
    rank: I64
    schedule: I64
    supplement: I64  # by category (0 = no role), then 0 for an empty slot
    share: F64  # by role: share of active teachers holding it
    min_rank: int
    min_experience: int
    minimum_salary: int

    def start(self, workforce: Workforce) -> Any:
        return first_year_salary(self.policy, workforce)

    def state(self, block: Block, start: Any) -> PayState:
        return RolesState(self, block, start)


def roles_tables(policy: Policy, shared: SharedTables, a: Assumptions) -> RolesPayTables:
    roles = policy.roles
    if roles is None:
        raise ForecastError(f"{policy.key}: a roles policy needs a [roles] table")
    if policy.bonuses:
        raise ForecastError(f"{policy.key}: bonuses beside annual roles are not forecast yet")
    keys = ("no-role", *(r.key for r in roles.roles))
    levels = len(policy.ratings.levels)
    shares = np.array([r.default_share_percent / 100 for r in roles.roles], dtype=np.float64)
    if shares.sum() > 1:
        raise ForecastError(f"{policy.key}: the roles' default shares add up to more than 100%")
    leader = np.ones(len(keys) + 1, dtype=np.bool_)
    leader[0] = leader[-1] = False
    return RolesPayTables(
        policy=policy,
        category_keys=keys,
        category_names=("No leadership role", *(r.name for r in roles.roles)),
        leader=leader,
        extra_names=("supplements",),
        rank=rank_by_code(policy, a),
        schedule=district_schedule(a),
        supplement=np.array([0, *(r.supplement for r in roles.roles), 0], dtype=np.int64),
        share=shares,
        min_rank=levels // 2,
        min_experience=a.role_min_experience,
        minimum_salary=policy.minimum_salary or 0,
    )


class RolesState(PayState):
    def __init__(self, tables: RolesPayTables, block: Block, carried: Any) -> None:
        self.t = tables
        self.rng = block.stream(2)
        self.carried = np.tile(carried, block.runs) if carried.any() else None
        self.role = np.zeros(block.n, dtype=np.uint16)
        self.pay: I32 = np.zeros(block.n, dtype=np.int32)
        self.category: U16 = self.role.copy()
        self.supplements: I32 = np.zeros(block.n, dtype=np.int32)

    def before_rating(self, block: Block) -> None:
        t = self.t
        years = block.experience // np.uint16(block.codes)
        eligible = block.active & (t.rank[block.rating] >= t.min_rank)
        eligible &= years >= t.min_experience
        shape = (block.runs, block.teachers)
        active = block.active.reshape(shape).sum(axis=1).astype(np.float64)
        pool = eligible.reshape(shape).sum(axis=1).astype(np.float64)
        # per run: the chance an eligible teacher holds each role, cumulated over roles
        wanted = np.minimum(np.outer(active, t.share), pool[:, None])
        chance = np.divide(
            wanted, pool[:, None], out=np.zeros_like(wanted), where=pool[:, None] > 0
        )
        edges = np.round(np.cumsum(chance, axis=1) * 32768).astype(np.int64)
        raw = self.rng.bit_generator.random_raw(-(-block.n // 4))
        u = (raw.view(np.uint16)[: block.n] >> 1).astype(np.int64).reshape(shape)
        role = np.zeros(shape, dtype=np.int64)
        for r in range(edges.shape[1]):
            role += u >= edges[:, r : r + 1]
        held = (role < edges.shape[1]) & eligible.reshape(shape)
        self.role = np.where(held, role + 1, 0).ravel().astype(np.uint16)

    def after_rating(self, block: Block, ua13: U16) -> None:
        t = self.t
        years = block.experience // np.uint16(block.codes)
        base = np.maximum(year_one_schedule(self.carried, t.schedule[years]), t.minimum_salary)
        self.carried = None
        supplements = t.supplement[self.role]
        pay = np.where(block.active, base + supplements, 0)
        self.pay = pay.astype(np.int32)
        self.supplements = np.where(block.active, supplements, 0).astype(np.int32)
        self.category = np.where(block.active, self.role, t.empty).astype(np.uint16)

    def extras(self) -> dict[str, I32]:
        return {"supplements": self.supplements}

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        return {"pay": self.pay.copy(), "category": self.category.copy(),
                "role": self.role.copy()}  # fmt: skip
