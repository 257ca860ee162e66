"""Nurses, librarians and specialists have their own positions (New Bedford) and are never
counted as teachers: the district overview's counts and words stay true."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lattice.people import actions
from lattice.people.models import Position
from lattice.people.queries import teacher_count
from tests.cast import Cast

pytestmark = pytest.mark.django_db


def test_nurses_librarians_and_specialists_are_not_counted_as_teachers_on_the_overview(
    cast: Cast, client_for: Callable[[str], Client]
) -> None:
    office = client_for("officer")
    before = office.get("/district/").context["totals"]["teachers"]
    assert before == teacher_count(cast.district, cast.year) > 0
    for n, position in enumerate((Position.NURSE, Position.LIBRARIAN, Position.SPECIALIST)):
        person, _ = actions.save_staff_member(
            None, cast.district, employee_id=f"B{n}", given_name="Sam", family_name=position
        )
        actions.add_assignment(
            None, person, school=cast.alder, school_year=cast.year, position=position
        )
    response = office.get("/district/")
    assert response.context["totals"]["teachers"] == before
    assert teacher_count(cast.district, cast.year) == before
    text = response.content.decode()
    assert "school nurses, librarians, specialists, counselors and aides are in the staff" in text


def test_the_staff_directory_can_be_filtered_to_the_new_positions(
    cast: Cast, client_for: Callable[[str], Client]
) -> None:
    person, _ = actions.save_staff_member(
        None, cast.district, employee_id="B9", given_name="Rosa", family_name="Almeida"
    )
    actions.add_assignment(
        None, person, school=cast.alder, school_year=cast.year, position=Position.NURSE
    )
    text = client_for("officer").get("/staff/?position=nurse").content.decode()
    assert "Almeida" in text
    assert "School nurse" in text
