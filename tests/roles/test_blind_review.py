"""Blind selection panels: a panel member sees only their own scores while selection runs,
even when they also run the posting (a principal seated on their own school's panel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from lattice.people import actions as people_actions
from lattice.people.models import Position
from lattice.roles import actions
from tests.cast import Cast
from tests.roles.world import World, today, world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(world)]


@pytest.fixture
def scored(cast: Cast) -> World:
    """Pat (Alder's principal, who runs Alder's posting) sits on its panel with Dee, an Alder
    teacher; both scored Ben (from Birch, so neither's own school)."""
    w = world(cast)
    dee, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N1009", given_name="Dee", family_name="Panel",
        email="dee@northfield.example.org", hire_date=dt.date(2018, 8, 15),
        prior_years_experience=Decimal("0"),
    )  # fmt: skip
    people_actions.add_assignment(
        None, dee, school=cast.alder, school_year=cast.year, position=Position.TEACHER,
        subject="Science", grades="3-5",
    )  # fmt: skip
    ben_app = actions.submit_application(
        None, w.alder_posting, cast.teacher_other_school_staff, statement="I mentor.", files=[],
        today=today(),
    )  # fmt: skip
    pat_seat = actions.seat_reviewer(None, w.alder_posting, cast.principal_staff)
    dee_seat = actions.seat_reviewer(None, w.alder_posting, dee)
    actions.record_scores(None, dee_seat, ben_app, {"practice": 2, "peers": 2, "plan": 2})
    actions.record_scores(None, pat_seat, ben_app, {"practice": 4, "peers": 4, "plan": 4})
    w.ben_alder_app = ben_app  # type: ignore[attr-defined]
    return w


def _pages(client: Any, w: World) -> str:
    posting = client.get(f"/roles/postings/{w.alder_posting.pk}/").content.decode()
    app = w.ben_alder_app  # type: ignore[attr-defined]
    application = client.get(f"/roles/applications/{app.pk}/").content.decode()
    return posting + application


def test_a_seated_principal_sees_no_mean_while_selection_runs(
    cast: Cast, scored: World, client_for: Any
) -> None:
    pages = _pages(client_for("principal"), scored)
    assert "9.00" not in pages  # the mean of 6 and 12, from which Dee's 6 follows
    assert "Mean total" not in pages
    assert "only your own scores" in pages


def test_an_officer_off_the_panel_sees_the_ranking(
    cast: Cast, scored: World, client_for: Any
) -> None:
    assert "9.00" in _pages(client_for("officer"), scored)


def test_once_selection_is_finished_the_seated_principal_sees_the_ranking(
    cast: Cast, scored: World, client_for: Any
) -> None:
    actions.close_posting(None, scored.alder_posting)
    assert "9.00" in _pages(client_for("principal"), scored)
