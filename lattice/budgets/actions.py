"""The only writers of budgets: create a scenario, add or remove its sources, positions and
levers. Each is one transaction with one audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lattice.audit.log import record
from lattice.budgets.audited import NOUNS
from lattice.budgets.models import BudgetLever, BudgetPosition, BudgetScenario, FundingSource
from lattice.lib.actors import Actor, signed_in
from lattice.lib.formatting import money
from lattice.people.models import District


def _audit(
    actor: Actor, action: str, obj: Any, district: District, after: dict[str, Any], summary: str
) -> None:
    record(actor=actor, action=action, obj=obj, district=district, after=after, summary=summary)


@transaction.atomic
def create_scenario(actor: Actor, district: District, **fields: Any) -> BudgetScenario:
    scenario = BudgetScenario.objects.create(
        district=district, created_by=signed_in(actor), **fields
    )
    _audit(
        actor,
        "budgets.scenario.create",
        scenario,
        district,
        {k: str(v) for k, v in fields.items()},
        f"Created budget scenario {scenario.name}",
    )
    return scenario


@transaction.atomic
def add_funding_source(actor: Actor, scenario: BudgetScenario, **fields: Any) -> FundingSource:
    source = FundingSource.objects.create(scenario=scenario, **fields)
    kind = "recurring" if source.recurring else f"one-time to {source.last_year}"
    _audit(
        actor,
        "budgets.funding_source.add",
        source,
        scenario.district,
        {k: str(v) for k, v in fields.items()},
        f"{scenario.name}: added funding {source.name} "
        f"({money(source.annual_amount)} a year, {kind})",
    )
    return source


@transaction.atomic
def add_position(actor: Actor, scenario: BudgetScenario, **fields: Any) -> BudgetPosition:
    position = BudgetPosition.objects.create(scenario=scenario, **fields)
    _audit(
        actor,
        "budgets.position.add",
        position,
        scenario.district,
        {k: str(v) for k, v in fields.items()},
        f"{scenario.name}: added position {position.title}",
    )
    return position


@transaction.atomic
def add_lever(actor: Actor, scenario: BudgetScenario, **fields: Any) -> BudgetLever:
    lever = BudgetLever.objects.create(scenario=scenario, **fields)
    _audit(
        actor,
        "budgets.lever.add",
        lever,
        scenario.district,
        {k: str(v) for k, v in fields.items()},
        f"{scenario.name}: added lever {lever.name}",
    )
    return lever


class StillUsed(ValueError):
    """A funding source that positions or levers still draw on."""


@transaction.atomic
def remove_item(actor: Actor, scenario: BudgetScenario, kind: str, pk: int) -> str:
    """Remove a source, position or lever; a source still paying for items is refused."""
    models: dict[str, type[FundingSource | BudgetPosition | BudgetLever]] = {
        "source": FundingSource,
        "position": BudgetPosition,
        "lever": BudgetLever,
    }
    model = models[kind]
    item = model.objects.select_for_update().get(scenario=scenario, pk=pk)
    if isinstance(item, FundingSource) and (item.positions.exists() or item.levers.exists()):
        raise StillUsed(
            f"{item.name} still pays for positions or levers — move or remove them first"
        )
    label = str(item)
    _audit(
        actor,
        f"budgets.{NOUNS[kind]}.remove",
        item,
        scenario.district,
        {},
        f"{scenario.name}: removed {kind} {label}",
    )
    item.delete()
    return label
