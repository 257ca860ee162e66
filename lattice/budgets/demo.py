"""A budget scenario for the demo district whose grant-funded leadership role shows its cliff.

``populate_demo_budgets(district, seed)`` runs with the other apps' demo content. It creates,
through ``actions``: a general fund and a three-year teacher-leadership grant; two
multi-classroom leader supplements and their release time on the grant; an instructional
coach on the general fund; and two levers (turn a vacancy into reach associates, which needs
the multi-classroom leaders first; and the district's share of the TIA allotment). The check
then shows 2029-30 as the cliff year for the grant-funded role.
"""

from __future__ import annotations

from decimal import Decimal

from lattice.budgets import actions
from lattice.lib.actors import Actor
from lattice.people.models import District
from lattice.people.queries import today
from lattice.rules.records import school_year_of

SCENARIO = "Multi-classroom leaders on a three-year grant"


def populate_demo_budgets(district: District, seed: int, *, actor: Actor = None) -> dict[str, int]:
    first = school_year_of(today()) + 1
    scenario = actions.create_scenario(
        actor,
        district,
        name=SCENARIO,
        first_school_year=first,
        years=6,
        budget_line=75_900_000,
        line_growth_percent=Decimal("0.40"),
        policy="shipped:iowa-tlc-2013",
        workforce="synthetic",
        teachers=1000,
        runs=200,
        seed=seed % 1000,
        max_factor_percent=50,
    )
    general = actions.add_funding_source(
        actor,
        scenario,
        key="general-fund",
        name="General fund",
        annual_amount=400_000,
        recurring=True,
        first_year=first,
        last_year=None,
    )
    grant = actions.add_funding_source(
        actor,
        scenario,
        key="leadership-grant",
        name="Teacher leadership grant",
        annual_amount=150_000,
        recurring=False,
        first_year=first,
        last_year=first + 2,
    )
    actions.add_position(
        actor,
        scenario,
        title="Multi-classroom leader supplements",
        fte=Decimal(2),
        cost_per_fte=12_040,
        source=grant,
        first_year=first,
        last_year=None,
        role_supplement=True,
    )
    actions.add_position(
        actor,
        scenario,
        title="Release time for multi-classroom leaders (coverage)",
        fte=Decimal("1.00"),
        cost_per_fte=62_000,
        source=grant,
        first_year=first,
        last_year=None,
        role_supplement=False,
    )
    actions.add_position(
        actor,
        scenario,
        title="Instructional coach",
        fte=Decimal(1),
        cost_per_fte=78_000,
        source=general,
        first_year=first,
        last_year=None,
        role_supplement=False,
    )
    actions.add_lever(
        actor,
        scenario,
        key="add-mcl",
        kind="add_mcl",
        name="Add a multi-classroom leader",
        recurring_delta=12_040,
        one_time_cost=3_000,
        first_year=first + 1,
        source=general,
        requires=[],
    )
    actions.add_lever(
        actor,
        scenario,
        key="reach-associates",
        kind="vacancy_to_reach",
        name="Turn a teaching vacancy into two reach associates",
        recurring_delta=-24_000,
        one_time_cost=0,
        first_year=first + 1,
        source=general,
        requires=["add-mcl"],
    )
    return {"scenarios": 1, "sources": 2, "positions": 3, "levers": 2}
