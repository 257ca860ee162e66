"""Replay a traced forecast run of a ladder, roles, elements or designation policy as teacher
records, so the rules engine can pay each simulated teacher-year its own way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.kernel import YearLog
from lattice.forecast.pay_model import PayTables
from lattice.forecast.tables import policy_ranks
from lattice.forecast.workforce import Workforce
from lattice.rules.policy import Model, Policy
from lattice.rules.records import (
    Accomplishment,
    CampusFacts,
    Certificate,
    Degree,
    DegreeEarned,
    DesignationData,
    Placement,
    Rating,
    RoleServed,
    SchoolYearFacts,
    TeacherRecord,
)

FIRST_YEAR = 2030  # the forecast's first school year; test policies are kept in force


@dataclass
class Seen:
    """One teacher's stay in one slot: the record, and per year the forecast's pay and
    category."""

    record: TeacherRecord
    years: list[tuple[int, int, str]] = field(default_factory=list)


def _label(policy: Policy, rank: int) -> str:
    level = policy.ratings.levels[rank]
    for label, mapped in policy.ratings.vocabularies[-1].labels:
        if mapped == level:
            return label
    raise KeyError(level)


def _carried(policy: Policy, start: Any, slot: int) -> int | None:
    """The salary carried into a ladder, roles or designation policy for this slot, if any."""
    if policy.model is Model.LADDER:
        salary = int(start[1][slot])
    elif policy.model is Model.ROLES:
        salary = int(start[slot])
    elif policy.model is Model.DESIGNATION:
        salary = int(start[3][slot])
    else:
        return None
    return salary or None


def replay(
    workforce: Workforce, policy: Policy, tables: PayTables, a: Assumptions, log: list[YearLog],
    start: Any,
) -> list[Seen]:  # fmt: skip
    out: list[Seen] = []
    ranks = policy_ranks(policy, a)
    for slot in range(len(workforce)):
        experience = int(workforce.experience[slot])
        first = 0
        hire_experience = experience
        existing = True
        while first < len(log):
            seen = _tenure(workforce, policy, tables, a, log, start, slot, first,
                           hire_experience, existing, ranks)  # fmt: skip
            out.append(seen)
            last = first + len(seen.years) - 1
            if last >= len(log) - 1 or not log[last].hired[slot]:
                break
            hire_experience = int(log[last].hire_experience[slot])
            first, existing = last + 1, False
    return out


def _tenure(
    workforce: Workforce, policy: Policy, tables: PayTables, a: Assumptions,
    log: list[YearLog], start: Any, slot: int, first: int, hire_experience: int,
    existing: bool, ranks: list[int],
) -> Seen:  # fmt: skip
    year0 = FIRST_YEAR + first
    hired = date(year0, 7, 1)
    high = bool(workforce.high_poverty[slot])
    ratings, facts, roles, degrees, done, data, campuses = [], [], [], [], [], [], []
    certificates: list[Certificate] = []
    placement = None
    years: list[tuple[int, int, str]] = []
    degree = 1
    carried = _carried(policy, start, slot) if existing else None
    if policy.model is Model.LADDER and existing:
        stage = tables.category_keys[int(start[0][slot])]
        placement = Placement(hired, pathway=stage, base_salary=carried)
    elif carried is not None:  # roles, designation: the salary carried into the policy
        placement = Placement(hired, base_salary=carried)
    if policy.model is Model.ELEMENTS:
        degrees.append(DegreeEarned(Degree.BACHELORS, date(year0 - 5, 6, 1)))
        if existing:
            placement = Placement(hired, base_salary=int(start[slot]))
    for y in range(first, len(log)):
        entry = log[y]
        if not entry.active[slot]:
            break
        year = FIRST_YEAR + y
        state = entry.states[0]
        assert state is not None
        code = int(entry.rating[slot])
        ratings.append(Rating(year, _label(policy, ranks[code - 1])))
        years_now = hire_experience + (y - first)
        flags = frozenset(
            name.removeprefix("flag_")
            for name, values in state.items()
            if name.startswith("flag_") and bool(values[slot])
        )
        counts = (("sgos_met", int(state["sgos"][slot])),) if "sgos" in state else ()
        # the district schedule salary: carried into the policy in year one, then the schedule
        local = None if carried is not None and y == first else a.district_salary(years_now)
        facts.append(SchoolYearFacts(year, 60 if high else 0, local, flags, counts))
        if "role" in state and int(state["role"][slot]):
            roles.append(RoleServed(tables.category_keys[int(state["role"][slot])], year))
        if entry.degree is not None and int(entry.degree[slot]) > degree:
            degree = int(entry.degree[slot])
            kind = Degree.MASTERS if degree == 2 else Degree.DOCTORATE
            degrees.append(DegreeEarned(kind, date(year, 12, 1)))
        if "pdu" in state and bool(state["pdu"][slot]):
            done.append(Accomplishment("pdu", date(year, 11, 1)))
        if "observation" in state:
            observation = int(state["observation"][slot])
            dims = [Decimal(observation) / 100] * 8
            if not bool(state["floor"][slot]):
                dims[0] = Decimal("2.90")
                dims[1] = Decimal(observation) / 50 - Decimal("2.90")
            data.append(DesignationData(year, tuple(dims), Decimal(int(state["growth"][slot]))))
            points = Decimal(int(np.asarray(start[0])[slot])) / 10_000
            campuses.append(CampusFacts(year, points, bool(np.asarray(start[1])[slot])))
            if bool(state["board"][slot]) and not certificates:
                certificates.append(Certificate("NBCT", date(year0 - 1, 1, 1)))
        category = tables.category_keys[int(state["category"][slot])]
        years.append((year, int(state["pay"][slot]), category))
        if entry.left[slot]:
            break
    record = TeacherRecord(
        teacher_id=f"S{slot}-{first}",
        hire_date=hired,
        prior_experience_years=hire_experience,
        placement=placement,
        degrees=tuple(degrees),
        certificates=tuple(certificates),
        ratings=tuple(ratings),
        accomplishments=tuple(done),
        roles=tuple(roles),
        years=tuple(facts),
        designation_data=tuple(data),
        campuses=tuple(campuses),
    )
    return Seen(record, years)
