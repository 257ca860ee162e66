"""Shared steps for import tests: plan, apply, and count every table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection

from lattice.imports import actions, safety
from lattice.imports.plan import Plan
from lattice.imports.service import prepare_oneroster

TODAY = dt.date(2025, 10, 1)  # inside school year 2025-26 of the test files


def plan_for(path: Path, district: Any, **kwargs: Any) -> Plan:
    return prepare_oneroster(path, district, today=TODAY, **kwargs)


def import_roster(path: Path, district: Any, **kwargs: Any) -> Plan:
    """Plan and apply, confirming the removals as an officer would (the test packages are a
    few people against a five-person district, so most bulk imports trip the safety check;
    tests of the check itself are in test_safety.py)."""
    plan = plan_for(path, district, **kwargs)
    assert not plan.errors, [str(e) for e in plan.errors]
    run = actions.create_run(
        None, kind="oneroster", district=district, origin="cli", file_names=["test"]
    )
    actions.apply_plan(None, plan, run, confirmed=safety.check(plan).confirm_count)
    return plan


def row_counts() -> dict[str, int]:
    """Rows in every table of the project, by table name."""
    existing = set(connection.introspection.table_names())
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and model._meta.db_table in existing
    }


def messages(plan: Plan) -> list[str]:
    return [str(problem) for problem in plan.errors]
