"""Every shipped policy model runs in the forecast, equal to the rules engine teacher-year by
teacher-year, and any two policies compare on common random numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compare import compare
from lattice.forecast.needs import needs
from lattice.forecast.pay_model import PayTables
from lattice.forecast.simulate import simulate, trace_one_run
from lattice.forecast.workforce import synthetic
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
