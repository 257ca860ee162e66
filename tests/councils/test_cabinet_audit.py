"""A network cabinet is kept by one member district, but seats, nominates and elects the
staff of every member district: each entry about a member district's own person is in that
district's audit log too (the one entry, read by both offices), while its office still sees
nothing else of the keeping district's log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from lattice.councils import actions
from lattice.councils.models import Seat
from lattice.people import actions as people
from lattice.people.models import Position, StaffMember
from tests.cast import Cast
from tests.councils.cabinet_world import world

pytestmark = pytest.mark.django_db


def _southport_teacher(cast: Cast) -> StaffMember:
    """Dee, a second Southport teacher, at Harbor High this year."""
    staff, _ = people.save_staff_member(
        None, cast.other_district, employee_id="S1002", given_name="Dee", family_name="Harbor",
        email="dee@southport.example.org", hire_date=dt.date(2017, 8, 20),
        prior_years_experience=Decimal(1),
    )  # fmt: skip
    people.add_assignment(
        None, staff, school=cast.harbor, school_year=cast.other_year, position=Position.TEACHER
    )
    return staff


def _logged(client_for, who: str, action: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    page = client_for(who).get("/audit/", {"action": action}).context["page"]
    return list(page.object_list)


def test_the_member_districts_office_sees_its_teachers_seating_in_its_audit_log(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    w = world(cast)
    assert w.body.district == cast.district  # kept by Northfield
    (entry,) = [
        e
        for e in _logged(client_for, "other_officer", "councils.seat.fill")
        if e.object_id == str(w.southport_seat.pk)
    ]
    assert entry.staff_member == cast.other_district_teacher_staff
    page = client_for("other_officer").get("/audit/").content.decode()
    assert "Cy Faraway" in page
    keeper = _logged(client_for, "officer", "councils.seat.fill")
    assert entry in keeper  # one entry, in both districts' logs


def test_the_member_districts_office_sees_no_seating_of_the_keeping_districts_staff(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    w = world(cast)
    seen = _logged(client_for, "other_officer", "councils.seat.fill")
    assert str(w.northfield_seat.pk) not in {e.object_id for e in seen}
    assert all(
        e.district_id == cast.other_district.pk
        or e.staff_member.district_id == cast.other_district.pk
        for e in _logged(client_for, "other_officer", "")
    )


def test_the_unseating_of_a_member_districts_teacher_is_in_its_audit_log(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    w = world(cast)
    actions.vacate_seat(None, w.southport_seat, on=timezone.localdate())
    (entry,) = _logged(client_for, "other_officer", "councils.seat.vacate")
    assert entry.staff_member == cast.other_district_teacher_staff
    assert entry.district == cast.district


def test_a_member_districts_nomination_and_election_are_in_its_audit_log(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    w = world(cast)
    dee = _southport_teacher(cast)
    seat: Seat = actions.add_seat(
        None, w.body, label="Second Southport seat", position="member", selection="elected",
        constituency_district=cast.other_district,
    )  # fmt: skip
    poll = actions.call_election(None, w.body, [seat])
    option = actions.nominate(None, poll, dee, "I teach at Harbor.")
    actions.open_voting(None, poll)
    actions.cast_ballot(None, poll, dee, {option.pk: 1})
    actions.close_poll(None, poll)
    (nominated,) = _logged(client_for, "other_officer", "councils.candidacy.submit")
    assert nominated.staff_member == dee
    (seated,) = [
        e
        for e in _logged(client_for, "other_officer", "councils.seat.fill")
        if e.object_id == str(seat.pk)
    ]
    assert seated.staff_member == dee
