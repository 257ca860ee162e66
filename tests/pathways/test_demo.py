"""The demo district's pathways: every page has real data, the stories work, pay adds up,
and every shipped policy adopts onto it cleanly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from lattice.pathways import actions
from lattice.pathways.actions.payroll import payroll
from lattice.pathways.demo import populate_demo_pathways
from lattice.pathways.models import (
    Application,
    Claim,
    ClaimStatus,
    PolicyAdoption,
    Standing,
    StandingStatus,
)
from lattice.pathways.policies import district_copy, shipped_policies, shipped_text
from lattice.pathways.queries import pay_statement, standing_for, teaching_staff
from lattice.pathways.reconcile import reconcile
from lattice.people.models import District, StaffMember
from lattice.people.queries import today
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


@pytest.fixture
def rolled_back(demo: District) -> Iterator[District]:
    """The demo, with whatever the test changes undone afterwards."""
    with transaction.atomic():
        yield demo
        transaction.set_rollback(True)


def _persona(username: str) -> StaffMember:
    return StaffMember.objects.get(user__username=username)


def test_the_demo_district_adopts_baltimore_from_the_start_of_its_history(demo: Any) -> None:
    adoption = PolicyAdoption.objects.get(district=demo)
    assert adoption.policy_key == "baltimore-2010"
    assert adoption.effective_from == demo.school_years.order_by("start").first().start


def test_every_teacher_of_the_demo_district_has_a_fresh_placed_standing(demo: Any) -> None:
    teachers = set(teaching_staff(demo).values_list("pk", flat=True))
    standings = Standing.objects.filter(district=demo)
    assert set(standings.values_list("staff_member_id", flat=True)) == teachers
    assert not standings.exclude(status=StandingStatus.PLACED).exists()
    assert not standings.filter(stale_since__isnull=False).exists()
    assert not standings.filter(base_salary__lte=0).exists()


def test_the_demo_has_a_verified_ledger_and_claims_waiting(demo: Any) -> None:
    claims = Claim.objects.filter(district=demo)
    assert claims.filter(status=ClaimStatus.VERIFIED, kind="credits").count() > 20
    assert claims.filter(status=ClaimStatus.VERIFIED, kind="pd_hours").count() > 20
    assert claims.filter(status=ClaimStatus.SUBMITTED).count() >= 8


def test_the_demo_model_cohort_has_an_application_scored_by_two_reviewers(demo: Any) -> None:
    scored = Application.objects.filter(cohort__district=demo, status="scored").get()
    assert scored.reviews.filter(submitted_at__isnull=False).count() == 2
    assert Application.objects.filter(cohort__district=demo, status="reconcile").exists()


def test_the_demo_cannot_be_populated_twice(demo: Any) -> None:
    with pytest.raises(ValidationError):
        populate_demo_pathways(demo, seed=7)


@pytest.mark.parametrize("username", ["teacher", "teacher2"])
def test_the_demo_teachers_are_not_at_the_top_of_their_pathway(demo: Any, username: str) -> None:
    standing = standing_for(_persona(username)).standing
    assert standing is not None
    assert "top" not in standing.snapshot
    assert standing.snapshot["banked"].startswith("Every 12 units")


@pytest.mark.parametrize("username", ["teacher", "teacher2"])
def test_approving_a_demo_teachers_waiting_claim_raises_their_pay(
    rolled_back: Any, username: str
) -> None:
    person = _persona(username)
    before = pay_statement(person).total
    claim = person.claims.get(status=ClaimStatus.SUBMITTED)
    actions.verify_claim(None, claim)
    after = pay_statement(person)
    assert after.total > before
    assert standing_for(person).fresh


def test_payroll_for_today_has_nobody_blocking_it(demo: Any) -> None:
    plan = payroll(demo, today())
    assert plan.blockers == []
    assert plan.people >= teaching_staff(demo).count()


def test_reconcile_finds_zero_differences_on_the_demo_district(demo: Any) -> None:
    assert reconcile(demo) == []


def test_every_shipped_policy_adopts_onto_the_demo_district_in_turn(rolled_back: Any) -> None:
    district = rolled_back
    teachers = teaching_staff(district).count()
    files = [p.file for p in shipped_policies()]
    assert len(files) >= 5  # the five first shipped, Texas TIA and any later
    first = today() - dt.timedelta(days=len(files))
    for offset, file in enumerate(files):
        day = first + dt.timedelta(days=offset + 1)
        text = district_copy(shipped_text(file), day, district.name)
        adoption, _, problems = actions.adopt_policy(
            None, district, toml_text=text, effective_from=day, origin=f"{file} (district copy)"
        )
        standings = Standing.objects.filter(district=district, adoption=adoption)
        placed = standings.filter(status=StandingStatus.PLACED)
        assert problems == [], file
        assert placed.count() == teachers, file
        assert not [s for s in placed if s.total_salary <= 0], file
        assert payroll(district, today()).blockers == [], file
        assert reconcile(district) == [], file


def test_the_reconcile_command_prints_zero_differences_for_the_demo(demo: Any) -> None:
    from click.testing import CliRunner

    from lattice.cli.pay import pay_group

    result = CliRunner().invoke(pay_group, ["reconcile", "--district", "maplewood"])
    assert result.output.strip().splitlines()[-1] == "0 differences", result.output
    assert result.exit_code == 0


def test_the_reconcile_command_exits_1_and_names_each_difference(rolled_back: Any) -> None:
    from click.testing import CliRunner

    from lattice.cli.pay import pay_group
    from lattice.people.models import RatingRecord

    person = _persona("teacher2")
    # A write that bypasses the actions (and so announces nothing) is what reconcile catches.
    RatingRecord.objects.filter(staff_member=person).update(label="Ineffective")
    result = CliRunner().invoke(pay_group, ["reconcile", "--district", "maplewood"])
    assert result.exit_code == 1
    assert person.employee_id in result.output
    assert "a change was not announced" in result.output
    assert result.output.strip().splitlines()[-1] == "1 difference"


def test_the_preview_and_the_forecast_agree_on_year_one(demo: Any) -> None:
    """baltimore-2010 (adopted) against step-and-lane-pwcs-2020, both from today."""
    from lattice.forecasts import actions as forecast_actions
    from lattice.forecasts.models import ForecastRun
    from lattice.forecasts.tasks import run_forecast
    from lattice.pathways.policies import parse_policy
    from lattice.pathways.preview import plan_adoption

    text = district_copy(shipped_text("step-and-lane-pwcs-2020.toml"), today(), demo.name)
    summary = plan_adoption(demo, parse_policy(text), today()).summary()
    inputs = {
        "policy": "adopted", "vs": "shipped:step-and-lane-pwcs-2020", "workforce": "district",
        "teachers": 0, "years": 2, "runs": 20, "seed": 1, "calibrate": False,
        "assumptions": {},
    }  # fmt: skip
    run = forecast_actions.request_forecast(None, demo, "agreement", inputs)
    run_forecast.enqueue(run.pk)
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.DONE, run.message
    first = run.result["year_one"]
    assert first["cost"] == summary["cost"]
    assert (first["gainers"], first["losers"]) == (summary["gain"], summary["lose"])
    assert first["teachers"] == summary["placed"]


def test_the_forecast_starts_each_teacher_on_the_step_the_preview_gives(demo: Any) -> None:
    """Degrees, credits and years of experience reach the forecast through the same record
    builder: a veteran with a master's starts high on the Master's lane, not in the BA lane."""
    from lattice.forecast.assumptions import Assumptions
    from lattice.forecast.compile import forecast_tables
    from lattice.forecast.tables import shared_tables
    from lattice.forecasts.workforce_db import district_workforce
    from lattice.pathways.policies import parse_policy
    from lattice.pathways.preview import plan_adoption

    text = district_copy(shipped_text("step-and-lane-pwcs-2020.toml"), today(), demo.name)
    policy = parse_policy(text)
    plan = plan_adoption(demo, policy, today())
    workforce, _ = district_workforce(demo)
    a = Assumptions()
    tables = forecast_tables(policy, shared_tables(a), a)
    starts = workforce.positions(tables)  # type: ignore[arg-type]
    assert policy.steps is not None
    steps = len(policy.steps.rows)
    by_id = {row.employee_id: row for row in plan.rows}
    lanes = {lane.name: i for i, lane in enumerate(policy.steps.lanes)}
    checked = 0
    for index, employee in enumerate(workforce.teacher_ids):
        row = by_id[employee]
        step_text, lane_text = row.after.removeprefix("step ").split(", ")
        lane = lanes[lane_text.removesuffix(" lane")]
        expected = lane * steps + int(step_text) - policy.steps.first_step
        assert int(starts[index]) == expected, (employee, row.after)
        checked += 1
    assert checked == len(workforce.teacher_ids)
    assert any(", Master's" in row.after for row in plan.rows)
