"""Every shipped policy forecasts against every other on the demo district, each teacher
starting where the adoption preview places them: whatever policy the district runs, the
forecast's first day under another policy is the adoption crosswalk's placement."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from django.db import transaction

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compile import forecast_tables
from lattice.forecast.kernel import start_of
from lattice.forecast.simulate import simulate
from lattice.forecast.tables import PolicyTables, StepsPolicyTables, shared_tables
from lattice.forecasts.workforce_db import district_start
from lattice.pathways import actions
from lattice.pathways.compute import policy_of
from lattice.pathways.policies import district_copy, parse_policy, shipped_policies, shipped_text
from lattice.pathways.projection import where_label
from lattice.people.models import District, SchoolYearProfile
from lattice.people.queries import today
from lattice.rules.policy import Model, Policy
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db
FILES = [p.file for p in shipped_policies()]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


@pytest.fixture
def rolled_back(demo: District) -> Iterator[District]:
    with transaction.atomic():
        yield demo
        transaction.set_rollback(True)


def _shipped(file: str) -> Policy:
    return parse_policy(shipped_text(file), file)


def _adopt(district: District, file: str) -> Policy:
    text = district_copy(shipped_text(file), today(), district.name)
    adoption, _, problems = actions.adopt_policy(
        None, district, toml_text=text, effective_from=today(), origin=file
    )
    assert problems == []
    return policy_of(adoption)


def _label(tables: Any, position: int) -> str:
    """A forecast position as the adoption preview writes a standing."""
    policy = tables.policy
    if isinstance(tables, StepsPolicyTables):
        steps = tables.steps
        lane, step = divmod(position, steps)
        key = tables.compiled.lane_keys[lane]
        return where_label(policy, None, None, step + tables.compiled.first_step, key)
    compiled = tables.compiled
    pathway = int(compiled.position_pathway[position])
    first = int(compiled.first_position[pathway])
    return where_label(policy, compiled.pathway_keys[pathway], position - first + 1, None, None)


@pytest.mark.parametrize("adopted", FILES)
def test_each_policy_starts_where_the_adoption_preview_places_each_teacher(
    rolled_back: District, adopted: str
) -> None:
    district = rolled_back
    in_force = _adopt(district, adopted)
    a = Assumptions()
    shared = shared_tables(a)
    for file in FILES:
        other = _shipped(file)
        built = district_start(district, [in_force, other])
        workforce = built.workforce
        [plan] = built.plans
        rows = {row.employee_id: row for row in plan.rows}
        placements = {row.employee_id: plan.placements[row.staff_id] for row in plan.rows}
        tables = forecast_tables(other, shared, a)
        start = start_of(tables, workforce)
        for index, employee in enumerate(workforce.teacher_ids):
            row, placement = rows[employee], placements[employee]
            where = (adopted, file, employee)
            if isinstance(tables, PolicyTables | StepsPolicyTables):
                assert _label(tables, int(start[index])) == row.after, where
            elif other.model is Model.LADDER:
                assert placement is not None
                stage, carried = start
                assert tables.compiled.stage_keys[int(stage[index])] == placement.pathway, where
                assert int(carried[index]) == (placement.base_salary or 0), where
            elif other.model is Model.ELEMENTS:
                assert placement is not None
                assert placement.base_salary
                assert int(start[index]) == placement.base_salary, where
        sim = simulate(workforce, [in_force, other], a, years=2, runs=2, seed=1)
        assert sim.policies[1].payroll.min() > 0, (adopted, file)


def test_a_designation_policy_reads_each_campus_and_national_board_teachers(
    rolled_back: District,
) -> None:
    district = rolled_back
    in_force = _adopt(district, "baltimore-2010.toml")
    tia = _shipped("tia-2025.toml")
    built = district_start(district, [in_force, tia])
    workforce = built.workforce
    assert workforce.campus_points is not None
    assert workforce.national_board is not None
    points = set(
        SchoolYearProfile.objects.filter(school__district=district).values_list(
            "campus_points", flat=True
        )
    )
    carried = {Decimal(int(p)) / 10_000 for p in np.unique(workforce.campus_points)}
    assert carried <= {Decimal(p) for p in points}
    assert len(carried) > 1


@pytest.mark.parametrize("adopted", ["step-and-lane-pwcs-2020.toml", "dc-lift-2012.toml"])
def test_the_forecast_page_runs_every_shipped_policy_and_its_first_year_is_the_preview(
    rolled_back: District, adopted: str
) -> None:
    from lattice.forecasts import actions as forecast_actions
    from lattice.forecasts.models import ForecastRun
    from lattice.forecasts.tasks import run_forecast
    from lattice.pathways.preview import plan_adoption

    district = rolled_back
    _adopt(district, adopted)
    for file in FILES:
        summary = plan_adoption(district, _shipped(file), today()).summary()
        inputs = {
            "policy": "adopted", "vs": f"shipped:{file.removesuffix('.toml')}",
            "workforce": "district", "teachers": 0, "years": 2, "runs": 4, "seed": 1,
            "calibrate": False, "assumptions": {},
        }  # fmt: skip
        run = forecast_actions.request_forecast(None, district, file, inputs)
        run_forecast.enqueue(run.pk)
        run.refresh_from_db()
        assert run.status == ForecastRun.Status.DONE, (file, run.message)
        first = run.result["year_one"]
        assert (first["cost"], first["gainers"], first["losers"]) == (
            summary["cost"], summary["gain"], summary["lose"]
        ), file  # fmt: skip
        assert first["teachers"] == summary["placed"]
