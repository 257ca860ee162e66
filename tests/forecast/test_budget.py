"""Budgets that must be sustainable: the cliff year of a grant-funded role, supplements on
one-time money, the first year over the line, prerequisites and the 50% pay-factor rule."""

from __future__ import annotations

import numpy as np
import pytest

from lattice.forecast.budget import (
    Budget,
    BudgetError,
    FundingSource,
    Lever,
    Position,
    check,
)
from lattice.forecast.budget_charts import funding, plan_cost

GENERAL = FundingSource("general", "General fund", 500_000, True, 2026)
GRANT = FundingSource("grant", "Teacher leadership grant", 120_000, False, 2026, 2028)
MCL = Position("mcl", "Multi-classroom leader supplements", 4, 12_000, "grant", 2026,
               role_supplement=True)  # fmt: skip
COACH = Position("coach", "Instructional coach", 1, 80_000, "general", 2026)


def _payroll(runs: int = 200, years: int = 6, start: float = 10e6, growth: float = 0.02):
    rng = np.random.default_rng(1)
    base = start * (1 + growth) ** np.arange(years)
    return base[None, :] * (1 + rng.normal(0, 0.01, size=(runs, years)))


def _budget(**changes: object) -> Budget:
    values: dict[str, object] = dict(
        district="northfield", name="Plan", first_year=2026, budget_line=10_800_000,
        line_growth=0.015, sources=(GENERAL, GRANT), positions=(MCL, COACH),
    )  # fmt: skip
    values.update(changes)
    return Budget(**values)  # type: ignore[arg-type]


def test_a_grant_funded_role_shows_its_cliff_year() -> None:
    report = check(_budget(), _payroll())
    assert report.cliff_years == (("Multi-classroom leader supplements", 2029),)
    texts = [f.text for f in report.findings]
    assert any("2029-30 is the cliff year for Multi-classroom leader supplements" in t
               for t in texts)  # fmt: skip
    assert any("ends after 2028-29 — find recurring funds for 2029-30" in t for t in texts)
    assert not report.sustainable


def test_a_role_supplement_paid_from_one_time_money_is_a_problem_every_year() -> None:
    report = check(_budget(), _payroll())
    years = [f.year for f in report.findings if "one-time money" in f.text]
    assert years == [2026, 2027, 2028]
    assert [y.supplements_one_time for y in report.years[:4]] == [48_000, 48_000, 48_000, 0]


def test_a_role_past_its_cliff_still_counts_in_the_plan_cost() -> None:
    report = check(_budget(), _payroll())
    ((_title, cliff),) = report.cliff_years
    before = next(y for y in report.years if y.year == cliff - 1)
    after = next(y for y in report.years if y.year == cliff)
    assert after.positions == before.positions  # unfunded is not free
    assert after.one_time_funds == 0


def test_moving_the_supplements_to_recurring_funds_clears_the_cliff() -> None:
    moved = Position(MCL.key, MCL.title, MCL.fte, MCL.cost_per_fte, "general", 2026,
                     role_supplement=True)  # fmt: skip
    report = check(_budget(positions=(moved, COACH), budget_line=12_000_000), _payroll())
    assert report.cliff_years == ()
    assert report.sustainable, report.findings


def test_the_first_year_over_the_line_is_named_with_the_share_of_runs() -> None:
    report = check(_budget(budget_line=10_300_000, line_growth=0.0), _payroll())
    assert report.first_over_year == 2027
    year = report.years[1]
    assert year.total[1] > year.line
    assert 0.5 < year.over_share <= 1.0


def test_the_bands_are_the_payroll_runs_plus_the_plans_own_costs() -> None:
    payroll = _payroll()
    report = check(_budget(), payroll)
    first = report.years[0]
    assert first.positions == 48_000 + 80_000
    assert first.total[1] == pytest.approx(np.quantile(payroll[:, 0], 0.5) + 128_000)


def test_a_lever_without_its_prerequisite_is_named() -> None:
    reach = Lever("reach", "vacancy_to_reach", "Reach associates", -30_000, 0, 2027, "general",
                  requires=("mcl-lever",))  # fmt: skip
    report = check(_budget(levers=(reach,)), _payroll())
    assert any("Reach associates needs mcl-lever in the plan first" in f.text
               for f in report.findings)  # fmt: skip
    assert report.years[1].levers == -30_000


def test_a_source_that_pays_more_than_it_has_is_short() -> None:
    small = FundingSource("general", "General fund", 50_000, True, 2026)
    report = check(_budget(sources=(small, GRANT)), _payroll())
    assert any("General fund pays $80,000 but has $50,000 — $30,000 short" in f.text
               for f in report.findings)  # fmt: skip


def test_no_single_pay_factor_may_pass_half_of_pay_above_the_starting_salary() -> None:
    payroll = np.full((10, 2), 6_000_000.0)
    teachers = np.full((10, 2), 100.0)
    extras = {"designation_pay": np.full((10, 2), 700_000.0)}
    report = check(_budget(), payroll, extras, entry_salary=50_000, teachers=teachers)
    shares = dict(report.factor_shares)
    assert shares["designation_pay"] == pytest.approx(0.7)
    assert any("Designation pay make up 70%" in f.text for f in report.findings)


def test_an_item_paid_from_an_unknown_source_is_refused_with_the_choices() -> None:
    stray = Position("x", "Stray", 1, 1000, "bond", 2026)
    with pytest.raises(BudgetError, match="funding source 'bond' is not in the budget"):
        check(_budget(positions=(stray,)), _payroll())


def test_the_charts_describe_the_band_the_line_and_the_cliff() -> None:
    report = check(_budget(), _payroll())
    svg = plan_cost(report)
    assert 'role="img"' in svg
    assert "cliff year for Multi-classroom leader supplements: 2029-30" in svg
    assert "2026-27" in svg
    assert "one-time" in funding(report)
