"""Convenings: registration up to a session's capacity, check-in by the registrant, materials
once the convening has begun; other districts and the network office see counts, not names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from lattice.network import actions
from lattice.network.models import Registration
from lattice.people import actions as people_actions
from tests.cast import _person, _school
from tests.network.world import world


def test_registration_closes_when_the_seats_are_taken(cast: Any) -> None:
    w = world(cast)
    today = timezone.localdate()
    actions.register(None, w.session, cast.teacher_other_school_staff, on=today)
    actions.register(None, w.session, cast.reviewer_staff, on=today)
    with pytest.raises(actions.NetworkError, match="all 3 seats are taken"):
        actions.register(None, w.session, cast.other_district_teacher_staff, on=today)
    assert Registration.objects.filter(session=w.session).count() == 3


def test_nobody_takes_two_seats_at_one_session(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(actions.NetworkError, match="already have a seat"):
        actions.register(None, w.session, cast.teacher_staff, on=timezone.localdate())


def test_registration_is_closed_after_the_convening(cast: Any) -> None:
    w = world(cast)
    later = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(actions.NetworkError, match="registration is closed"):
        actions.register(None, w.session, cast.reviewer_staff, on=later)


def test_staff_of_a_district_outside_the_network_cannot_register(cast: Any) -> None:
    w = world(cast)
    outsider = people_actions.create_district(None, key="elsewhere", name="Elsewhere Schools")
    school = _school(outsider, "x", "X School", [], "0.3", "high")
    staff, _ = _person(outsider, "E1", "Eve", "Out", school, [])
    with pytest.raises(actions.NetworkError, match="not a member"):
        actions.register(None, w.session, staff, on=timezone.localdate())


def test_a_session_outside_the_convenings_dates_is_refused(cast: Any) -> None:
    w = world(cast)
    too_late = w.session.starts_at + dt.timedelta(days=3)
    with pytest.raises(actions.NetworkError, match="choose a time inside it"):
        actions.add_session(None, w.convening, title="Late", starts_at=too_late, capacity=5)


def test_materials_wait_for_the_convening_to_begin(cast: Any) -> None:
    w = world(cast)
    before = w.convening.starts_on - dt.timedelta(days=1)
    with pytest.raises(actions.NetworkError, match="once the convening has begun"):
        actions.add_material(None, w.convening, title="Slides", url="https://e.org", on=before)
    made = actions.add_material(
        None, w.convening, title="Case", resource=w.case_study, on=w.convening.starts_on
    )
    assert made.resource == w.case_study


def test_a_registrant_checks_in_from_the_page_and_the_count_shows(
    cast: Any, client_for: Any
) -> None:
    w = world(cast)
    client = client_for("teacher")
    client.post(f"/network/river-valley/sessions/{w.session.pk}/check-in/")
    assert Registration.objects.get(session=w.session, staff_member=cast.teacher_staff).attended
    page = (
        client_for("network_officer")
        .get(f"/network/river-valley/convenings/{w.convening.pk}/")
        .content.decode()
    )
    assert "1 of 3" in page
    assert "Ada" not in page
