"""Designations (Texas TIA) in the forecast, year for year as ``rules.designation``.

Each year every slot is paid the district schedule salary (in the first year the salary
carried into the policy where there is one, ``ladder_model.first_year_salary``; then the
schedule for the slot's experience) plus the designated
teacher's share of the allotment of the designation in force (its campus's points and the
level's base, multiplier and cap, in whole dollars half up). Then the year's data are drawn
from the block's designation stream, by the year's rating (``observation_by_rating``,
``growth_by_rating``, ``dimensions_floor_share``; an average below 3 always has a dimension
below 3), and the local score and the state minimums give the level earned, or the national
board level for a certified teacher. A level earned is in force for the next
``validity_years`` years; a higher one replaces the one in force, a lower one does not.

Campus facts stay with the slot: the workforce's campus points and rural flag, else the
assumed points for high-poverty and other campuses (not rural). National Board certification:
the workforce's flag, else drawn with ``nbct_share`` (again for each new hire). The forecast
starts with no designation in force. Reported extras: the state ``allotment`` generated, the
``designation_pay`` paid to designated teachers and the ``campus_pool`` for other teachers on
their campuses (the district keeps the rest).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.ladder_model import (
    district_schedule,
    first_year_salary,
    schedule_by_code,
    year_one_schedule,
)
from lattice.forecast.pay_model import I32, U16, PayState, PayTables
from lattice.forecast.tables import (
    MAX_LEVELS,
    ForecastError,
    SharedTables,
    categorical_lut,
    threshold,
)
from lattice.rules.policy import Designation, Policy

if TYPE_CHECKING:
    from lattice.forecast.kernel import Block
    from lattice.forecast.workforce import Workforce

I64 = npt.NDArray[np.int64]
NO_CUT = 10**9


def _whole(value: Decimal, scale: int, what: str) -> int:
    scaled = value * scale
    if scaled != scaled.to_integral_value():
        raise ForecastError(f"{what} {value} has more decimals than the forecast resolves")
    return int(scaled)


@dataclass(frozen=True, eq=False)
class DesignationPayTables(PayTables):
    designation: Designation
    schedule: I64
    base: I64  # by level code (0 = none): dollars
    multiplier: I64
    cap: I64
    cut500: I64  # by level code: 500 × the local cut score (NO_CUT: not reachable by data)
    observation_above: I64  # hundredths
    growth_at_least: I64  # percent
    board_code: int  # level code of the national board level (0: none)
    observation_by_draw: U16  # (rating code << 13) | (u >> 2) -> observation average, hundredths
    growth_by_draw: U16  # the same -> % of students meeting growth
    level_by_observation: npt.NDArray[np.int8]  # highest performance level the average meets
    level_by_growth: npt.NDArray[np.int8]
    level_by_score: npt.NDArray[np.int8]  # by 500 × the local score
    observation_weight: int
    growth_weight: int
    floor_threshold: int
    board_threshold: int
    points_high: int  # ten-thousandths
    points_other: int

    def start(self, workforce: Workforce) -> Any:
        points = workforce.campus_points
        if points is None:
            points = np.where(workforce.high_poverty, self.points_high, self.points_other)
        rural = workforce.rural if workforce.rural is not None else np.zeros(len(workforce), bool)
        carried = first_year_salary(self.policy, workforce)
        return (points.astype(np.int64), rural, workforce.national_board, carried)

    def state(self, block: Block, start: Any) -> PayState:
        return DesignationState(self, block, start)


def _rating_tables(rows: tuple[tuple[tuple[int, float], ...], ...], levels: int) -> tuple[Any, I64]:
    """Lookup tables by rating code; with fewer or more rows than levels, level ``i`` of
    ``levels`` reads row ``i × rows // levels`` (by rank, as the step gate does)."""
    width = max(len(row) for row in rows)
    luts = np.zeros((MAX_LEVELS + 1, 8192), dtype=np.int8)
    values = np.zeros((MAX_LEVELS + 1, width), dtype=np.int64)
    by_level = [rows[i * len(rows) // levels] for i in range(levels)]
    first = by_level[len(by_level) // 2]  # code 0 never draws: every slot is rated first
    for code, row in enumerate([first, *by_level]):
        luts[code] = categorical_lut(tuple(p for _, p in row))
        values[code, : len(row)] = [v for v, _ in row]
    return luts, values


def designation_tables(
    policy: Policy, shared: SharedTables, a: Assumptions
) -> DesignationPayTables:
    d = policy.designation
    if d is None:
        raise ForecastError(f"{policy.key}: a designation policy needs a [designation] table")
    if policy.bonuses or policy.roles is not None:
        raise ForecastError(f"{policy.key}: bonuses or roles beside designations are not forecast")
    levels = d.levels
    cuts = {c.level: c.score for c in d.cuts}
    board = [i + 1 for i, lv in enumerate(levels) if lv.national_board]
    observation_lut, observation_values = _rating_tables(a.observation_by_rating, len(a.levels))
    growth_lut, growth_values = _rating_tables(a.growth_by_rating, len(a.levels))
    codes = np.arange(MAX_LEVELS + 1)[:, None]
    observation_by_draw = observation_values[codes, observation_lut].ravel().astype(np.uint16)
    growth_by_draw = growth_values[codes, growth_lut].ravel().astype(np.uint16)
    keys = ("none", *(lv.key for lv in levels))

    def column(values: list[int]) -> I64:
        return np.array([0, *values], dtype=np.int64)

    def highest(size: int, meets: Any) -> npt.NDArray[np.int8]:
        """By value: the highest performance level code whose standard the value meets."""
        out = np.zeros(size, dtype=np.int8)
        value = np.arange(size)
        for code, level in enumerate(levels, start=1):
            if not level.national_board:
                out[meets(code, value)] = code
        return out

    cut500 = column(
        [
            _whole(cuts[lv.key], 500, "cut score")
            if lv.key in cuts and not lv.national_board
            else NO_CUT
            for lv in levels
        ]
    )
    above = column(
        [
            _whole(lv.observation_above, 100, "observation standard")
            if lv.observation_above is not None
            else NO_CUT
            for lv in levels
        ]
    )
    growth = column(
        [
            _whole(lv.growth_at_least, 1, "growth standard")
            if lv.growth_at_least is not None
            else NO_CUT
            for lv in levels
        ]
    )
    top_score = 100 * 500 + 5 * 100 * 100
    return DesignationPayTables(
        policy=policy,
        category_keys=keys,
        category_names=("No designation", *(lv.name for lv in levels)),
        leader=np.zeros(len(keys) + 1, dtype=np.bool_),
        extra_names=("allotment", "designation_pay", "campus_pool"),
        designation=d,
        schedule=district_schedule(a),
        base=column([lv.base for lv in levels]),
        multiplier=column([lv.multiplier for lv in levels]),
        cap=column([lv.cap for lv in levels]),
        cut500=cut500,
        observation_above=above,
        growth_at_least=growth,
        board_code=board[0] if board else 0,
        observation_by_draw=observation_by_draw,
        growth_by_draw=growth_by_draw,
        level_by_observation=highest(501, lambda c, v: v > above[c]),
        level_by_growth=highest(101, lambda c, v: v >= growth[c]),
        level_by_score=highest(top_score + 1, lambda c, v: v >= cut500[c]),
        observation_weight=d.observation_weight,
        growth_weight=d.growth_weight,
        floor_threshold=threshold(a.dimensions_floor_share),
        board_threshold=threshold(a.nbct_share),
        points_high=round(a.campus_points_high_poverty * 10_000),
        points_other=round(a.campus_points_other * 10_000),
    )


class DesignationState(PayState):
    """Per slot: the level in force (0: none) and its remaining years, and the dollars it
    brings, kept up to date only where the level changes (a few slots a year)."""

    def __init__(self, tables: DesignationPayTables, block: Block, start: Any) -> None:
        self.t = tables
        d = tables.designation
        n = block.n
        points, rural, board, carried = start
        self.carried = np.tile(carried, block.runs) if carried.any() else None
        self.rng = block.stream(4)
        self.points = np.tile(points, block.runs)
        self.rural = np.tile(rural, block.runs)
        if board is not None:
            self.board = np.tile(board, block.runs)
        else:
            raw = self.rng.bit_generator.random_raw(-(-n // 4)).view(np.uint16)[:n] >> 1
            self.board = raw < tables.board_threshold
        self.level = np.zeros(n, dtype=np.int8)
        self.remaining = np.zeros(n, dtype=np.int8)
        self.schedule = schedule_by_code(tables.schedule, block.codes)
        self.allotment: I32 = np.zeros(n, dtype=np.int32)
        self.teacher: I32 = np.zeros(n, dtype=np.int32)
        self.pool: I32 = np.zeros(n, dtype=np.int32)
        self.pay: I32 = np.zeros(n, dtype=np.int32)
        self.category: U16 = np.zeros(n, dtype=np.uint16)
        self.observation = np.zeros(n, dtype=np.uint16)
        self.growth = np.zeros(n, dtype=np.uint16)
        self.floor = np.zeros(n, dtype=np.bool_)
        self.teacher_share, self.campus_share = d.teacher_share_percent, d.campus_share_percent
        self.score = np.empty(n, dtype=np.int32)
        self.shown: dict[str, I32] = {}
        self.index = np.empty(n, dtype=np.uint16)

    def allotments(self, level: npt.NDArray[Any], rows: npt.NDArray[np.intp]) -> I64:
        """Whole-dollar allotment of ``level`` at the campus of each slot in ``rows``."""
        t = self.t
        points = self.points[rows]
        raw = (t.base[level] * 10_000 + t.multiplier[level] * points + 5_000) // 10_000
        out: I64 = np.minimum(raw, t.cap[level])
        return out

    def after_rating(self, block: Block, ua13: U16) -> None:
        t, n = self.t, block.n
        # pay: the designation in force this year (the dollars are kept per slot)
        np.take(self.schedule, block.experience, out=self.pay)
        if self.carried is not None:
            self.pay = year_one_schedule(self.carried, self.pay)
            self.carried = None
        np.add(self.pay, self.teacher, out=self.pay)
        self.category = self.level.astype(np.uint16)
        self.shown = {"allotment": self.allotment.copy(), "designation_pay": self.teacher.copy(),
                      "campus_pool": self.pool.copy()}  # fmt: skip
        if block.any_vacant:
            self.pay[~block.active] = 0
            self.category[~block.active] = t.empty
        # this year's data, each read in one lookup by (rating code, draw)
        u = self.rng.bit_generator.random_raw(-(-3 * n // 4)).view(np.uint16)[: 3 * n] >> 1
        index = self.index
        np.left_shift(block.rating, 13, out=index)
        np.bitwise_or(index, u[:n] >> 2, out=index)
        np.take(t.observation_by_draw, index, out=self.observation)
        np.left_shift(block.rating, 13, out=index)
        np.bitwise_or(index, u[n : 2 * n] >> 2, out=index)
        np.take(t.growth_by_draw, index, out=self.growth)
        np.less(u[2 * n :], t.floor_threshold, out=self.floor)
        self.floor &= self.observation >= 300
        np.multiply(self.observation, t.observation_weight, out=self.score, dtype=np.int32)
        self.score += self.growth.astype(np.int32) * np.int32(5 * t.growth_weight)
        earned = np.minimum(
            t.level_by_observation[self.observation], t.level_by_growth[self.growth]
        )
        np.minimum(earned, t.level_by_score[self.score], out=earned)
        earned *= self.floor
        if t.board_code:
            np.maximum(earned, self.board * np.int8(t.board_code), out=earned)
        # year end: the designation in force for the coming years
        self.remaining -= self.remaining > 0
        replace = (earned > 0) & ((self.remaining == 0) | (earned > self.level))
        expired = (self.remaining == 0) & (self.level > 0) & ~replace
        if block.any_vacant:
            replace &= block.active
        rows = np.flatnonzero(replace)
        self.level[rows] = earned[rows]
        self.remaining[rows] = t.designation.validity_years
        gone = np.flatnonzero(expired)
        self.level[gone] = 0
        self._dollars(np.concatenate([rows, gone]))

    def _dollars(self, rows: npt.NDArray[np.intp]) -> None:
        amount = self.allotments(self.level[rows].astype(np.int64), rows)
        self.allotment[rows] = amount
        self.teacher[rows] = (amount * self.teacher_share + 50) // 100
        self.pool[rows] = (amount * self.campus_share + 50) // 100

    def leave(self, block: Block, rows: npt.NDArray[np.intp], new: npt.NDArray[np.intp],
              gone: npt.NDArray[np.intp], hire_experience: U16) -> None:  # fmt: skip
        self.level[rows] = 0
        self.remaining[rows] = 0
        self.allotment[rows] = self.teacher[rows] = self.pool[rows] = 0
        raw = self.rng.bit_generator.random_raw(-(-new.size // 4)).view(np.uint16)[: new.size]
        self.board[new] = (raw >> 1) < self.t.board_threshold

    def extras(self) -> dict[str, I32]:
        return self.shown

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        return {
            "pay": self.pay.copy(), "category": self.category.copy(),
            "observation": self.observation.astype(np.int64),
            "growth": self.growth.astype(np.int64),
            "floor": self.floor.copy(), "board": self.board.copy(),
            "level": self.level.copy(), "remaining": self.remaining.copy(),
        }  # fmt: skip
