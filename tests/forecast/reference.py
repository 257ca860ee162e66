"""A slow, obviously-correct forecast: one teacher at a time, straight from the policy.

No lookup tables, no arrays: it reads the ``Policy`` and ``Assumptions`` objects directly and
draws with Python's ``random.Random`` at full precision. The fast engine must agree with it in
distribution (and exactly when nothing is random).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lattice.forecast.assumptions import Assumptions, Distribution
from lattice.forecast.workforce import Workforce
from lattice.rules.ledger import units_transition
from lattice.rules.policy import Policy, Route, Transition


@dataclass
class Teacher:
    active: bool
    pathway: str
    interval: int
    bank: int
    rating: int | None  # index into assumptions.levels
    previous: int | None
    experience: int
    certificate: bool
    high_poverty: bool


@dataclass
class RunResult:
    payroll: list[float] = field(default_factory=list)  # per year, with the COLA factor
    teachers: list[int] = field(default_factory=list)
    headcount: list[dict[str, int]] = field(default_factory=list)
    positions: list[list[tuple[str, int, int] | None]] = field(default_factory=list)


def _pick(rng: random.Random, probabilities: tuple[float, ...]) -> int:
    u, total = rng.random(), 0.0
    for index, p in enumerate(probabilities):
        total += p
        if u < total:
            return index
    return len(probabilities) - 1


def _value(rng: random.Random, dist: Distribution) -> int:
    return dist[_pick(rng, tuple(p for _, p in dist))][0]


def _decision_transition(policy: Policy, pathway: str) -> Transition | None:
    for t in policy.transitions:
        if t.route is Route.DECISION and t.from_pathway == pathway and t.decision is not None:
            return t
    return None


def _eligible(policy: Policy, a: Assumptions, t: Transition, teacher: Teacher) -> bool:
    need = t.requires
    if need.certificate_any and not teacher.certificate:
        return False
    if need.rating_at_least is None:
        return True
    seen = [teacher.rating] if need.rating_years <= 1 else [teacher.rating, teacher.previous]
    rank = policy.ratings.rank(need.rating_at_least)
    return all(r is not None and policy.ratings.rank(a.levels[r]) >= rank for r in seen)


def start_teachers(workforce: Workforce, policy: Policy) -> list[Teacher]:
    teachers = []
    for i in range(len(workforce)):
        key = workforce.pathway_keys[int(workforce.pathway[i])]
        top = policy.pathway(key).top_interval
        last, prev = int(workforce.last_rating[i]), int(workforce.previous_rating[i])
        teachers.append(
            Teacher(
                active=True,
                pathway=key,
                interval=min(max(int(workforce.interval[i]), 1), top),
                bank=int(workforce.units[i]),
                rating=last - 1 if last else None,
                previous=prev - 1 if prev else None,
                experience=int(workforce.experience[i]),
                certificate=bool(workforce.certificate[i]),
                high_poverty=bool(workforce.high_poverty[i]),
            )
        )
    return teachers


def run_once(
    workforce: Workforce, policy: Policy, a: Assumptions, years: int, rng: random.Random
) -> RunResult:
    ledger = policy.ledger
    assert ledger is not None
    per = ledger.units_per_interval
    first = policy.pathways[0].key
    teachers = start_teachers(workforce, policy)
    result = RunResult()
    for year in range(years):
        payroll = 0
        counts = {p.key: 0 for p in policy.pathways}
        for t in teachers:
            if not t.active:
                continue
            move = _decision_transition(policy, t.pathway)
            if move is not None and move.decision is not None:
                rate = a.decision_rate(move.decision.value)
                if rng.random() < rate and _eligible(policy, a, move, t):
                    t.pathway, t.interval = move.to_pathway, move.to_interval
            if not t.certificate and rng.random() < a.certificate_rate:
                t.certificate = True
            row = a.first_rating if t.rating is None else a.transition[t.rating]
            t.previous, t.rating = t.rating, _pick(rng, row)
            credits = _value(rng, a.credits)
            hours = _value(rng, a.pd_hours)
            t.bank += ledger.units_for_level(a.levels[t.rating])
            t.bank += credits * ledger.units_per_credit
            if ledger.pd_hours_per_unit > 0:
                t.bank += hours // ledger.pd_hours_per_unit
            while t.bank >= per:
                if t.interval < policy.pathway(t.pathway).top_interval:
                    t.interval += 1
                else:
                    up = units_transition(policy, t.pathway)
                    if up is None or (up.certificate_any and not t.certificate):
                        break
                    t.pathway, t.interval = up.to_pathway, up.to_interval
                t.bank -= per
            if not ledger.bank_remainder:
                t.bank = 0
            salary = policy.pathway(t.pathway).salary[t.interval - 1]
            payroll += max(salary, policy.minimum_salary or 0)
            counts[t.pathway] += 1
        result.payroll.append(payroll * (1.0 + a.cola) ** year)
        result.teachers.append(sum(counts.values()))
        result.headcount.append(counts)
        result.positions.append(
            [(t.pathway, t.interval, t.bank) if t.active else None for t in teachers]
        )
        for t in teachers:
            if not t.active:
                continue
            assert t.rating is not None
            leaving = rng.random() < a.leave_probability(t.experience, t.rating)
            t.experience += 1
            if not leaving:
                continue
            if rng.random() < a.replacement_rate:
                t.pathway, t.interval, t.bank = first, 1, 0
                t.rating = t.previous = None
                t.experience = _value(rng, a.hire_experience)
                t.certificate = rng.random() < a.hire_certificate_share
            else:
                t.active = False
    return result


def reference_runs(
    workforce: Workforce, policy: Policy, a: Assumptions, years: int, runs: int, seed: int
) -> list[RunResult]:
    rng = random.Random(seed)
    return [run_once(workforce, policy, a, years, rng) for _ in range(runs)]
