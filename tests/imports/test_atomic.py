"""Applying is all or nothing: one error, or one failure while writing, leaves no trace."""

from __future__ import annotations

import pytest

from lattice.imports import actions
from lattice.imports.actions import ImportRefused, roster
from lattice.people.models import Assignment
from tests.imports.files import ROLES, STAFF, write_package_12
from tests.imports.helpers import plan_for, row_counts


def test_an_error_in_the_last_row_leaves_every_table_unchanged(cast, tmp_path):
    roles = ROLES[:4] + ROLES[5:] + [{**ROLES[4], "orgSourcedId": "sch-99"}]
    folder = write_package_12(tmp_path / "or", roles=roles)
    before = row_counts()
    plan = plan_for(folder, cast.district)
    assert [str(p) for p in plan.errors] == [
        f'roles.csv line {len(roles) + 1}: orgSourcedId "sch-99" is not in orgs.csv — add the '
        "school or correct the id"
    ]
    with pytest.raises(ImportRefused):
        actions.apply_plan(None, plan)
    assert row_counts() == before


def test_a_failure_while_writing_rolls_everything_back(cast, tmp_path, monkeypatch):
    folder = write_package_12(tmp_path / "or", staff=STAFF)
    before = row_counts()
    plan = plan_for(folder, cast.district)
    assert not plan.errors

    real_insert = roster.insert_rows

    def insert_failing_on_assignments(model, columns, rows):
        if model is Assignment:
            raise RuntimeError("disk full")
        return real_insert(model, columns, rows)

    # staff are written first; the failure comes after them
    monkeypatch.setattr(roster, "insert_rows", insert_failing_on_assignments)
    with pytest.raises(RuntimeError):
        actions.apply_plan(None, plan)
    assert row_counts() == before
