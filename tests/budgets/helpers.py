"""A budget scenario with a grant-funded role for the cast's district, made through actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lattice.budgets import actions
from lattice.budgets.models import BudgetScenario


def scenario(cast: Any) -> BudgetScenario:
    found = BudgetScenario.objects.filter(district=cast.district).first()
    if found is not None:
        return found
    made = actions.create_scenario(
        None,
        cast.district,
        name="Grant-funded leaders",
        first_school_year=2027,
        years=5,
        budget_line=20_000_000,
        line_growth_percent=Decimal("1.00"),
        policy="shipped:iowa-tlc-2013",
        workforce="synthetic",
        teachers=200,
        runs=20,
        seed=1,
        max_factor_percent=50,
    )
    general = actions.add_funding_source(
        None,
        made,
        key="general",
        name="General fund",
        annual_amount=200_000,
        recurring=True,
        first_year=2027,
        last_year=None,
    )
    grant = actions.add_funding_source(
        None,
        made,
        key="grant",
        name="Leadership grant",
        annual_amount=60_000,
        recurring=False,
        first_year=2027,
        last_year=2028,
    )
    actions.add_position(
        None,
        made,
        title="Multi-classroom leader supplements",
        fte=Decimal(2),
        cost_per_fte=12_000,
        source=grant,
        first_year=2027,
        last_year=None,
        role_supplement=True,
    )
    actions.add_lever(
        None,
        made,
        key="reach",
        kind="vacancy_to_reach",
        name="Reach associates",
        recurring_delta=-20_000,
        one_time_cost=0,
        first_year=2028,
        source=general,
        requires=[],
    )
    return made
