"""Every policy the forecast runs, compiled to its tables (one function, one type).

``forecast_tables(policy, shared, assumptions)`` picks the model's tables: unit ledgers and
step-and-lane schedules are *position* models (``lattice.forecast.tables``); rating ladders,
annual roles, pay elements and designations keep per-slot state (``PayTables`` subclasses).
``needs(policy)`` lists the assumptions a model reads, for the forecast report.
"""

from __future__ import annotations

from typing import TypeGuard

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.designation_model import designation_tables
from lattice.forecast.elements_model import elements_tables
from lattice.forecast.ladder_model import ladder_tables
from lattice.forecast.pay_model import PayTables
from lattice.forecast.roles_model import roles_tables
from lattice.forecast.tables import (
    PolicyTables,
    PositionTables,
    SharedTables,
    StepsPolicyTables,
    policy_tables,
    steps_policy_tables,
)
from lattice.rules.policy import Model, Policy

ForecastTables = PolicyTables | StepsPolicyTables | PayTables


def is_position_model(tables: ForecastTables) -> TypeGuard[PositionTables]:
    return isinstance(tables, PolicyTables | StepsPolicyTables)


def forecast_tables(policy: Policy, shared: SharedTables, a: Assumptions) -> ForecastTables:
    """Tables for any policy the forecast runs."""
    if policy.model is Model.STEPS:
        return steps_policy_tables(policy, a)
    if policy.model is Model.LADDER:
        return ladder_tables(policy, shared, a)
    if policy.model is Model.ROLES:
        return roles_tables(policy, shared, a)
    if policy.model is Model.ELEMENTS:
        return elements_tables(policy, shared, a)
    if policy.model is Model.DESIGNATION:
        return designation_tables(policy, shared, a)
    return policy_tables(policy, shared, a)
