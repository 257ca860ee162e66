"""Percent-of-index pay elements (Denver ProComp) in the forecast, as ``rules.elements`` pays.

State per slot: the base salary. Each year, after the rating (and the year's degrees), each
element that fires pays its percent of the index salary in force that school year (rounded
half up) or its flat dollars: base-building elements add to base for good (while the slot's
years of service are within the element's limit, else they are paid once), the others are
paid that year. What fires, per element trigger:

- ``degree``: the slot earned a listed degree this year (the block's degree draws, shared
  with step-and-lane policies);
- ``count`` ``sgos_met``: the Student Growth Objectives met this year (``sgos_met``
  assumption); other counts are 0;
- ``flag``: ``hard_to_serve`` is the high-poverty school flag; ``hard_to_staff`` and
  ``top_performing_school`` are fixed per slot (the assignment and school stay with the slot)
  with the assumed shares; other flags never hold;
- ``accomplishment``: one completed with ``pdu_rate`` a year (so none is ever banked).

Existing teachers start on the salary the adoption crosswalk carries (the workforce's start for
the policy), else the workforce's base salary when it has one, else on the district schedule
for their experience (ASSUMPTION); new hires on ``entry_base``. Pay is the base
raised to the minimum salary, plus the year's one-time elements (reported as ``bonuses``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.ladder_model import district_schedule
from lattice.forecast.pay_model import I32, U16, PayState, PayTables
from lattice.forecast.tables import (
    ForecastError,
    SharedTables,
    categorical_lut,
    threshold,
)
from lattice.rules.elements import element_amount
from lattice.rules.policy import Element, Policy, Trigger

if TYPE_CHECKING:
    from lattice.forecast.kernel import Block
    from lattice.forecast.workforce import Workforce

I64 = npt.NDArray[np.int64]
FLAGS = ("hard_to_serve", "hard_to_staff", "top_performing_school")
DEGREE_NAMES = ("Bachelor's degree", "Master's degree", "Doctorate")


@dataclass(frozen=True, eq=False)
class ElementsPayTables(PayTables):
    elements: tuple[Element, ...]
    amounts: tuple[tuple[int, ...], ...]  # per forecast year, per element: dollars
    schedule: I64
    entry_base: int
    minimum_salary: int
    sgo_lut: npt.NDArray[np.int8]
    sgo_values: I64
    pdu_threshold: int
    staff_threshold: int
    top_threshold: int
    degree_ranks: tuple[tuple[int, ...], ...]  # per element: degree ranks that fire it

    @property
    def reads_degrees(self) -> bool:
        return any(e.trigger is Trigger.DEGREE for e in self.elements)

    def start(self, workforce: Workforce) -> Any:
        by_schedule = self.schedule[workforce.experience]
        start = workforce.start_for(self.policy)
        if start is not None:  # the salary the adoption crosswalk carries
            return np.where(start.base_salary > 0, start.base_salary, by_schedule)
        if workforce.base_salary is not None:
            return np.where(workforce.base_salary > 0, workforce.base_salary, by_schedule)
        return by_schedule

    def state(self, block: Block, start: Any) -> PayState:
        return ElementsState(self, block, start)


def elements_tables(
    policy: Policy, shared: SharedTables, a: Assumptions, years: int = 50
) -> ElementsPayTables:
    elements = policy.elements
    if elements is None:
        raise ForecastError(f"{policy.key}: an elements policy needs an [elements] table")
    if policy.bonuses or policy.roles is not None:
        raise ForecastError(f"{policy.key}: bonuses or roles beside pay elements are not forecast")
    amounts = []
    for y in range(years):
        index = elements.index_for(a.first_school_year + y)
        if index is None:
            raise ForecastError(
                f"{policy.key} has no index salary for the forecast's first school year "
                f"{a.first_school_year} — add an [[elements.index]] row"
            )
        amounts.append(tuple(element_amount(e, index.amount) for e in elements.elements))
    reads = any(e.trigger is Trigger.DEGREE for e in elements.elements)
    keys = ("bachelors", "masters", "doctorate") if reads else ("all",)
    names = DEGREE_NAMES if reads else ("All teachers",)
    return ElementsPayTables(
        policy=policy,
        category_keys=keys,
        category_names=names,
        leader=np.zeros(len(keys) + 1, dtype=np.bool_),
        extra_names=("bonuses", "base_building"),
        elements=elements.elements,
        amounts=tuple(amounts),
        schedule=district_schedule(a),
        entry_base=elements.entry_base,
        minimum_salary=policy.minimum_salary or 0,
        sgo_lut=categorical_lut(tuple(p for _, p in a.sgos_met)),
        sgo_values=np.array([v for v, _ in a.sgos_met], dtype=np.int64),
        pdu_threshold=threshold(a.pdu_rate),
        staff_threshold=threshold(a.hard_to_staff_share),
        top_threshold=threshold(a.top_school_share),
        degree_ranks=tuple(tuple(d.rank for d in e.degrees) for e in elements.elements),
    )


class ElementsState(PayState):
    def __init__(self, tables: ElementsPayTables, block: Block, start: Any) -> None:
        self.t = tables
        n = block.n
        self.rng = block.stream(3)
        self.base = np.tile(np.asarray(start, dtype=np.int64), block.runs)
        u = self.rng.bit_generator.random_raw(-(-n // 2)).view(np.uint16)[: 2 * n] >> 1
        self.flags = {
            "hard_to_serve": block.high_poverty,
            "hard_to_staff": u[:n] < tables.staff_threshold,
            "top_performing_school": u[n : 2 * n] < tables.top_threshold,
        }
        self.flag_code = sum(
            (self.flags[name].astype(np.uint8) << i for i, name in enumerate(FLAGS)),
            np.zeros(n, dtype=np.uint8),
        )
        self.degree = block.degree.copy() if tables.reads_degrees else None
        # what _paid reads: SGOs met by draw, each slot's flags as bits, the service limits
        self.sgo_by_draw = tables.sgo_values.astype(np.uint8)[tables.sgo_lut]
        self.sgo_size = int(tables.sgo_values.max(initial=0)) + 1
        self.limits = sorted(
            {e.base_building_max_service_years for e in tables.elements
             if e.base_building_max_service_years is not None and e.trigger is not Trigger.DEGREE}
        )  # fmt: skip
        if self.sgo_size << (4 + len(self.limits)) > 65536:
            raise ForecastError(f"{tables.key}: too many pay-element service limits to forecast")
        self.flag_bits = self.flag_code.astype(np.uint16) << np.uint16(len(self.limits) + 1)
        self.code_tables: dict[int, tuple[I32, I32]] = {}
        self.year = 0
        self.pay: I32 = np.zeros(n, dtype=np.int32)
        self.category: U16 = np.zeros(n, dtype=np.uint16)
        self.bonuses: I32 = np.zeros(n, dtype=np.int32)
        self.built: I32 = np.zeros(n, dtype=np.int32)
        self.sgos = np.zeros(n, dtype=np.int64)
        self.pdu = np.zeros(n, dtype=np.bool_)

    def after_rating(self, block: Block, ua13: U16) -> None:
        t, n = self.t, block.n
        u = self.rng.bit_generator.random_raw(-(-n // 2)).view(np.uint16)[: 2 * n] >> 1
        self.sgos = self.sgo_by_draw[u[:n] >> 2]
        self.pdu = u[n : 2 * n] < t.pdu_threshold
        earned = None
        if self.degree is not None:
            earned = np.where(block.degree > self.degree, block.degree, 0)
            self.degree = block.degree.copy()
        year = min(self.year, len(t.amounts) - 1)
        built, bonuses = self._paid(block, year, earned)
        if block.any_vacant:
            built[~block.active] = 0
            bonuses[~block.active] = 0
        self.base += built
        pay = np.maximum(self.base, t.minimum_salary).astype(np.int32)
        pay += bonuses
        self.pay = pay
        self.bonuses = bonuses
        self.built = built
        if self.degree is not None:
            self.category = block.degree - np.uint16(1)  # the degree held
        else:
            self.category = np.zeros(n, dtype=np.uint16)
        if block.any_vacant:
            self.category[~block.active] = t.empty
        self.year += 1

    def _code_tables(self, year: int) -> tuple[I32, I32]:
        """This year's base-building and one-time dollars by slot code (see ``_paid``)."""
        if year in self.code_tables:
            return self.code_tables[year]
        t = self.t
        size = self.sgo_size << (4 + len(self.limits))
        code = np.arange(size)
        within = code & ((1 << len(self.limits)) - 1)
        pdu = (code >> len(self.limits)) & 1
        flags = (code >> (len(self.limits) + 1)) & 7
        sgos = code >> (len(self.limits) + 4)
        built = np.zeros(size, dtype=np.int32)
        bonus = np.zeros(size, dtype=np.int32)
        for element, amount in zip(t.elements, t.amounts[year], strict=True):
            if element.trigger is Trigger.DEGREE:
                continue
            if element.trigger is Trigger.COUNT:
                value = sgos if element.count == "sgos_met" else np.zeros_like(sgos)
                top = element.count_max if element.count_max is not None else size
                fires = (value >= element.count_min) & (value <= top)
            elif element.trigger is Trigger.FLAG:
                if element.flag not in FLAGS:
                    continue
                fires = (flags >> FLAGS.index(element.flag)) & 1 > 0
            else:  # an accomplishment: the year's PDU
                fires = pdu > 0
            limit = element.base_building_max_service_years
            if not element.base_building:
                bonus[fires] += amount
            elif limit is None:
                built[fires] += amount
            else:
                kept = (within >> self.limits.index(limit)) & 1 > 0
                built[fires & kept] += amount
                bonus[fires & ~kept] += amount
        self.code_tables[year] = (built, bonus)
        return built, bonus

    def _paid(self, block: Block, year: int, earned: npt.NDArray[Any] | None) -> tuple[I32, I32]:
        """This year's base-building and one-time amounts per slot.

        Every element but the degree ones reads a slot's SGOs met, its three flags, its PDU
        and, per service limit, whether its years of service are within it: one small code
        per slot, so the whole year is two lookups in tables of what each code is paid. Degree
        elements fire for the few slots that earned a degree this year."""
        t = self.t
        code = self.sgos.astype(np.uint16) << np.uint16(4 + len(self.limits))
        code |= self.flag_bits
        code |= self.pdu.astype(np.uint16) << np.uint16(len(self.limits))
        for j, limit in enumerate(self.limits):
            code |= (block.experience < np.uint16(limit * block.codes)).astype(np.uint16) << j
        built_by_code, bonus_by_code = self._code_tables(year)
        built = built_by_code.take(code)
        bonuses = bonus_by_code.take(code)
        if earned is not None:
            rows = np.flatnonzero(earned)
            if rows.size:
                rank = earned[rows]
                years = block.experience[rows] // np.uint16(block.codes)
                for element, amount, ranks in zip(
                    t.elements, t.amounts[year], t.degree_ranks, strict=True
                ):
                    if element.trigger is not Trigger.DEGREE:
                        continue
                    fires = np.zeros(8, dtype=np.bool_)
                    fires[list(ranks)] = True
                    hit = rows[fires[rank]]
                    max_years = element.base_building_max_service_years
                    if not element.base_building:
                        bonuses[hit] += amount
                    elif max_years is None:
                        built[hit] += amount
                    else:
                        kept = years[fires[rank]] + 1 <= max_years
                        built[hit[kept]] += amount
                        bonuses[hit[~kept]] += amount
        return built, bonuses

    def leave(self, block: Block, rows: npt.NDArray[np.intp], new: npt.NDArray[np.intp],
              gone: npt.NDArray[np.intp], hire_experience: U16) -> None:  # fmt: skip
        self.base[new] = self.t.entry_base
        if self.degree is not None:
            self.degree[new] = 1

    def extras(self) -> dict[str, I32]:
        return {"bonuses": self.bonuses, "base_building": self.built}

    def snapshot(self) -> dict[str, npt.NDArray[Any]]:
        return {"pay": self.pay.copy(), "category": self.category.copy(),
                "base": self.base.copy(), "sgos": self.sgos.copy(), "pdu": self.pdu.copy(),
                **{f"flag_{k}": v.copy() for k, v in self.flags.items()}}  # fmt: skip
