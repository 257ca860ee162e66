"""The district's own teachers become the forecast's starting workforce."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.forecast.tables import ForecastError
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.workforce_db import district_workforce
from lattice.pathways import actions
from lattice.people import actions as people_actions
from tests.forecasts.access_rows import BASE, FORM
from tests.pathways.world import START, adopt


def _place_ada(cast: Any) -> None:
    ada = cast.teacher_staff
    people_actions.add_certificate(
        None, ada, kind="Standard Professional Certificate", issued=dt.date(2020, 7, 1)
    )
    actions.record_starting_placement(
        cast.user("officer"),
        ada,
        on=START,
        pathway="professional",
        interval=3,
        reason="conversion",
    )
    adopt(cast)


def test_a_district_without_an_adopted_policy_is_refused_with_the_fix(cast: Any) -> None:
    with pytest.raises(ForecastError, match="has not adopted a career policy yet"):
        district_workforce(cast.district)


def test_each_teacher_is_placed_by_the_rules_engine(cast: Any) -> None:
    _place_ada(cast)
    workforce, skipped = district_workforce(cast.district)
    row = workforce.teacher_ids.index(cast.teacher_staff.employee_id)
    assert workforce.pathway_keys[workforce.pathway[row]] == "professional"
    assert workforce.interval[row] >= 3
    assert bool(workforce.certificate[row])
    assert "Northfield" in workforce.source
    assert all(": " in note for note in skipped)


def test_an_officer_forecasts_the_districts_own_teachers(cast: Any, client_for: Any) -> None:
    _place_ada(cast)
    client = client_for("officer")
    response = client.post(f"{BASE}/", FORM | {"workforce": "district", "policy": "adopted"})
    run = ForecastRun.objects.get(district=cast.district)
    assert run.status == ForecastRun.Status.DONE, run.message
    page = client.get(response["Location"]).content.decode()
    assert "Northfield Public Schools teachers on" in page


def test_the_command_line_forecasts_a_district_from_the_database(cast: Any, tmp_path: Any) -> None:
    from click.testing import CliRunner

    from lattice.cli.forecast import forecast

    _place_ada(cast)
    out = tmp_path / "r.csv"
    result = CliRunner().invoke(
        forecast,
        [
            "--policy",
            "baltimore-2010",
            "--district",
            "northfield",
            "--years",
            "2",
            "--runs",
            "5",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Northfield Public Schools teachers on" in out.read_text()


def test_the_command_line_names_an_unknown_district(cast: Any, tmp_path: Any) -> None:
    from click.testing import CliRunner

    from lattice.cli.forecast import forecast

    result = CliRunner().invoke(
        forecast,
        ["--policy", "baltimore-2010", "--district", "atlantis", "--out", str(tmp_path / "r.csv")],
    )
    assert result.exit_code == 1
    assert "no district with key 'atlantis'" in result.output


def test_the_history_has_a_row_per_teacher_per_year_taught(cast: Any) -> None:
    from lattice.forecasts.history_db import district_history
    from lattice.pathways.compute import adoption_in_force, policy_of

    _place_ada(cast)
    adoption = adoption_in_force(cast.district, dt.date.today())
    assert adoption is not None
    rows = district_history(cast.district, policy_of(adoption))
    ada = [r for r in rows if r.teacher_id == str(cast.teacher_staff.pk)]
    assert ada
    assert len({r.school_year for r in ada}) == len(ada)
    assert not ada[-1].left  # the latest year's leavers are not known yet


def test_calibrating_from_a_short_history_keeps_the_defaults_and_says_so(
    cast: Any, client_for: Any
) -> None:
    _place_ada(cast)
    client = client_for("officer")
    response = client.post(f"{BASE}/", FORM | {"calibrate": "on"})
    page = client.get(response["Location"]).content.decode()
    assert "Estimates from the district" in page
    assert "school year(s) of history (need 3)" in page
