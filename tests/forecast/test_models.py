"""Every shipped policy model runs in the forecast, equal to the rules engine teacher-year by
teacher-year, and any two policies compare on common random numbers."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compare import compare
from lattice.forecast.needs import needs
from lattice.forecast.pay_model import PayTables
from lattice.forecast.simulate import simulate, trace_one_run
from lattice.forecast.workforce import Start, Workforce, synthetic
from lattice.rules.engine import place
from lattice.rules.loader import load_policy, loads_policy
from lattice.rules.policy import Model, Policy
from lattice.rules.records import school_year_end

from .conftest import POLICIES
from .replay import FIRST_YEAR, replay

A = Assumptions(first_school_year=FIRST_YEAR)
PAY_MODELS = ("dc-lift-2012", "iowa-tlc-2013", "denver-procomp-2008", "tia-2019", "tia-2025")
SHIPPED = sorted(p.stem for p in POLICIES.glob("*.toml"))


def in_force(name: str) -> Policy:
    """The shipped policy kept in force for the test's years (its end date dropped)."""
    text = (POLICIES / f"{name}.toml").read_text()
    return loads_policy(re.sub(r"\neffective_to = [0-9-]+[^\n]*", "", text), f"{name}.toml")


def _category(policy: Policy, standing_year: object) -> str:
    from lattice.rules.standing import YearStanding

    assert isinstance(standing_year, YearStanding)
    if policy.model is Model.ROLES:
        return standing_year.roles[0] if standing_year.roles else "no-role"
    if policy.model is Model.DESIGNATION:
        return standing_year.pathway or "none"
    if policy.model is Model.ELEMENTS:
        return ""  # the degree held; checked through the degree element's pay
    return standing_year.pathway or ""


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(PAY_MODELS))
def test_every_simulated_teacher_year_is_paid_as_the_engine_pays_its_history(
    seed: int, name: str
) -> None:
    policy = in_force(name)
    workforce = synthetic(30, seed=seed % 1000, assumptions=A)
    (tables,), log = trace_one_run(workforce, [policy], A, years=6, seed=seed)
    assert isinstance(tables, PayTables)
    people = replay(workforce, policy, tables, A, log, tables.start(workforce))
    assert len(people) >= len(workforce)
    for seen in people:
        last = seen.years[-1][0]
        standing = place(policy, seen.record, school_year_end(last))
        engine = {y.school_year: y for y in standing.years}
        for year, pay, category in seen.years:
            assert engine[year].salary.total == pay, (seen.record.teacher_id, year)
            expected = _category(policy, engine[year])
            if expected:
                assert expected == category, (seen.record.teacher_id, year)


def _carrying(workforce: Workforce, policy: Policy, seed: int) -> Workforce:
    """The workforce with a salary carried into ``policy`` for about two teachers in three
    (the rest carry none), as a district's adoption crosswalk carries its current pay."""
    rng = np.random.default_rng(seed)
    salary = rng.integers(38_000, 95_000, len(workforce)) * (rng.random(len(workforce)) < 0.67)
    start = Start.from_rows(policy, [("", 0, 0, int(s)) for s in salary])
    return replace(workforce, starts=(start,))


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(PAY_MODELS), st.integers(2, 7))
def test_every_model_pays_each_year_as_the_engine_pays_a_teacher_who_carried_a_salary_in(
    seed: int, name: str, years: int
) -> None:
    """Over several years: the carried salary is the district schedule salary of year one
    only (the adoption preview's), the schedule for the teacher's experience after it."""
    policy = in_force(name)
    workforce = _carrying(synthetic(25, seed=seed % 997, assumptions=A), policy, seed)
    (tables,), log = trace_one_run(workforce, [policy], A, years=years, seed=seed)
    assert isinstance(tables, PayTables)
    people = replay(workforce, policy, tables, A, log, tables.start(workforce))
    checked = 0
    for seen in people:
        last = seen.years[-1][0]
        standing = place(policy, seen.record, school_year_end(last))
        engine = {y.school_year: y for y in standing.years}
        for year, pay, category in seen.years:
            assert engine[year].salary.total == pay, (seen.record.teacher_id, year)
            expected = _category(policy, engine[year])
            if expected:
                assert expected == category, (seen.record.teacher_id, year)
            checked += 1
    assert checked >= len(workforce) * 2


@pytest.mark.parametrize("name", ["dc-lift-2012", "iowa-tlc-2013", "tia-2019", "tia-2025"])
def test_a_carried_salary_is_paid_in_year_one_and_the_schedule_after_it(name: str) -> None:
    policy = in_force(name)
    workforce = synthetic(40, seed=4, assumptions=A)
    carried = _carrying(workforce, policy, seed=4)
    without = simulate(workforce, [policy], A, years=3, runs=3, seed=8)
    withit = simulate(carried, [policy], A, years=3, runs=3, seed=8)
    salary = carried.starts[0].base_salary
    scheduled = np.array([A.district_salary(int(y)) for y in workforce.experience])
    shift = int((salary[salary > 0] - scheduled[salary > 0]).sum())
    first, later = withit.policies[0].payroll, without.policies[0].payroll
    assert shift != 0
    assert (first[:, 0] - later[:, 0] == shift).all()
    assert (first[:, 1:] == later[:, 1:]).all()


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_policy_compared_with_itself_differs_by_exactly_zero(name: str) -> None:
    policy = load_policy(POLICIES / f"{name}.toml")
    sim = simulate(synthetic(300, seed=2), [policy, policy], Assumptions(), years=4, runs=30,
                   seed=5)  # fmt: skip
    (same,) = compare(sim)
    assert same.identical


def test_every_shipped_policy_forecasts_against_every_other_on_the_same_draws() -> None:
    policies = [load_policy(POLICIES / f"{name}.toml") for name in SHIPPED]
    workforce = synthetic(400, seed=3)
    together = simulate(workforce, policies, Assumptions(), years=3, runs=20, seed=9)
    for k, policy in enumerate(policies):
        alone = simulate(workforce, [policy], Assumptions(), years=3, runs=20, seed=9)
        assert (alone.policies[0].payroll == together.policies[k].payroll).all(), policy.key
    assert len(compare(together)) == len(policies) - 1


def test_the_forecast_says_which_assumptions_each_model_needs() -> None:
    by_key = {name: needs(load_policy(POLICIES / f"{name}.toml")) for name in SHIPPED}
    assert "district_start_salary" in by_key["dc-lift-2012"]
    assert "role_min_experience" in by_key["iowa-tlc-2013"]
    assert "sgos_met" in by_key["denver-procomp-2008"]
    assert "observation_by_rating" in by_key["tia-2025"]
    assert "degree_rate" in by_key["step-and-lane-pwcs-2020"]
    assert "decision_rates" in by_key["baltimore-2010"]
    assert "district_start_salary" not in by_key["baltimore-2010"]


def test_the_forecast_says_how_far_the_schedule_is_from_the_salaries_carried_in() -> None:
    from lattice.forecast.results import schedule_notes

    policy = in_force("dc-lift-2012")
    workforce = synthetic(50, seed=6, assumptions=A)
    carried = replace(
        workforce, starts=(Start.from_rows(policy, [("", 0, 0, 41_000)] * len(workforce)),)
    )
    (note,) = schedule_notes(carried, [policy], A)
    assert "the 50 teachers who carried a salary into the policy are paid it" in note
    assert "(on average $41,000)" in note
    assert f"from {A.first_school_year + 1}-" in note
    assert "more a teacher" in note
    assert schedule_notes(workforce, [policy], A) == []  # nothing carried: nothing to explain
    baltimore = load_policy(POLICIES / "baltimore-2010.toml")
    assert schedule_notes(carried, [baltimore], A) == []  # a salary table of its own
