"""The forecast run page names what it counts: the people placed on the pay policy (everyone
active who has held a teaching assignment, whom the policy pays), set beside the district
page's teacher count for the same day (those with a teaching assignment that school year),
so two different numbers are never both called "teachers"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lattice.forecasts import actions as forecast_actions
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.tasks import run_forecast
from lattice.people import actions as people_actions
from lattice.people.models import Assignment, Position
from lattice.people.queries import teacher_count
from tests.cast import Cast
from tests.pathways.world import adopt

pytestmark = pytest.mark.django_db

INPUTS = {
    "policy": "adopted", "vs": "shipped:baltimore-2010", "workforce": "district",
    "teachers": 0, "years": 2, "runs": 4, "seed": 1, "calibrate": False, "assumptions": {},
}  # fmt: skip


def _forecast(cast: Cast) -> ForecastRun:
    adopt(cast)
    run = forecast_actions.request_forecast(
        cast.user("officer"), cast.district, "Adopted vs Baltimore", INPUTS
    )
    run_forecast.enqueue(run.pk)
    run.refresh_from_db()
    assert run.status == ForecastRun.Status.DONE, run.message
    return run


def _district_page_teachers(client: Any) -> int:
    html = client.get("/district/").content.decode()
    found = re.search(r'stat-value">([\d,]+)</span> <span class="stat-label">teachers<', html)
    assert found is not None
    return int(found.group(1).replace(",", ""))


def test_the_run_page_sets_the_district_pages_teacher_count_beside_the_people_placed(
    cast: Cast, client_for: Any
) -> None:
    run = _forecast(cast)
    first = run.result["year_one"]
    office = client_for("officer")
    html = office.get(f"/forecasts/{cast.district.key}/runs/{run.pk}/").content.decode()
    assert "teachers placed" not in html
    assert f'{first["teachers"]}</span> <span class="stat-label">placed on the pay policy' in html
    counted = _district_page_teachers(office)
    assert counted == teacher_count(cast.district, cast.year)
    assert f"The district page counts {counted} teachers in {cast.year.label}" in html


def test_someone_who_taught_before_is_on_the_pay_policy_but_not_in_the_teacher_count(
    cast: Cast, client_for: Any
) -> None:
    """Rae taught last year and is the librarian this year: the policy still pays her, the
    district page no longer counts her as a teacher, and the page explains the gap."""
    Assignment.objects.filter(staff_member=cast.reviewer_staff, school_year=cast.year).delete()
    people_actions.add_assignment(
        None, cast.reviewer_staff, school=cast.birch, school_year=cast.year,
        position=Position.LIBRARIAN,
    )  # fmt: skip
    run = _forecast(cast)
    first = run.result["year_one"]
    office = client_for("officer")
    counted = _district_page_teachers(office)
    assert first["teachers"] + first["unplaced"] > counted
    html = office.get(f"/forecasts/{cast.district.key}/runs/{run.pk}/").content.decode()
    assert f"The district page counts {counted} teachers in {cast.year.label}" in html
    assert "someone who taught before holds another position this year" in html
