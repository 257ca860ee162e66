"""A seat is open to whichever educators the district chooses (New Bedford): the positions
its holder must hold come from the seat and are read from the staff records, never a
hard-coded "teacher"; a seat that says nothing stays open to teachers and instructional
coaches, as seats always were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lattice.councils import actions
from lattice.councils.models import Body, Seat
from lattice.people import actions as people_actions
from lattice.people.models import Position, StaffMember
from tests.cast import Cast


def _educator(cast: Cast, suffix: str, given: str, position: str, title: str) -> StaffMember:
    """One of Alder's staff in a position beyond the classroom, as the demo adds them."""
    staff, _ = people_actions.save_staff_member(
        None, cast.district, employee_id=f"T-{suffix}", given_name=given, family_name="Staff",
        email=f"{given.lower()}@northfield.example.org", hire_date=dt.date(2019, 8, 20),
        prior_years_experience=Decimal(2),
    )  # fmt: skip
    people_actions.add_assignment(
        None, staff, school=cast.alder, school_year=cast.year, position=position, title=title
    )
    return staff


def _council(cast: Cast) -> Body:
    return actions.create_body(
        None, cast.district, name="Alder council", kind="school_council",
        purpose="Shares decisions.", scope="school", school=cast.alder,
    )  # fmt: skip


def _seat(body: Body, label: str, positions: list[str] | None = None) -> Seat:
    return actions.add_seat(
        None, body, label=label, position="member", selection="appointed",
        eligibility_rules=["teacher", "from_school"], eligible_positions=positions,
    )  # fmt: skip


def test_a_seat_open_to_librarians_seats_the_librarian(cast: Cast) -> None:
    librarian = _educator(cast, "L1", "Grace", Position.LIBRARIAN, "Library media specialist")
    seat = _seat(_council(cast), "Educator seat", [Position.TEACHER, Position.LIBRARIAN])
    actions.fill_seat(None, seat, librarian)
    seat.refresh_from_db()
    assert seat.holder == librarian
    assert seat.open_to() == "teachers, librarians"


def test_a_seat_open_to_librarians_refuses_a_nurse_naming_the_positions(cast: Cast) -> None:
    nurse = _educator(cast, "N1", "Rosa", Position.NURSE, "School nurse (RN)")
    seat = _seat(_council(cast), "Educator seat", [Position.TEACHER, Position.LIBRARIAN])
    with pytest.raises(actions.CouncilError) as refused:
        actions.fill_seat(None, seat, nurse)
    assert (
        "The seat is open to teachers, librarians; the staff record lists school nurse in "
        f"{cast.year}, none of these."
    ) in str(refused.value)
    assert Seat.objects.get(pk=seat.pk).holder is None


def test_a_seat_that_names_no_positions_still_refuses_anyone_but_teachers(cast: Cast) -> None:
    librarian = _educator(cast, "L1", "Grace", Position.LIBRARIAN, "Library media specialist")
    seat = _seat(_council(cast), "Teacher seat")
    assert seat.eligible_positions == [Position.TEACHER, Position.INSTRUCTIONAL_COACH]
    with pytest.raises(actions.CouncilError, match="open to teachers, instructional coaches"):
        actions.fill_seat(None, seat, librarian)
    actions.fill_seat(None, seat, cast.teacher_staff)
    assert Seat.objects.get(pk=seat.pk).holder == cast.teacher_staff


def test_an_election_refuses_a_candidate_outside_the_seats_positions(cast: Cast) -> None:
    nurse = _educator(cast, "N1", "Rosa", Position.NURSE, "School nurse (RN)")
    librarian = _educator(cast, "L1", "Grace", Position.LIBRARIAN, "Library media specialist")
    body = _council(cast)
    seat = actions.add_seat(
        None, body, label="Educator seat", position="member", selection="elected",
        eligibility_rules=["teacher"], eligible_positions=[Position.LIBRARIAN],
    )  # fmt: skip
    poll = actions.call_election(None, body, [seat])
    actions.nominate(None, poll, librarian, "")
    with pytest.raises(actions.CouncilError, match="open to librarians; the staff record"):
        actions.nominate(None, poll, nurse, "")


def test_a_seat_refuses_an_unknown_position(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="open to: unknown position"):
        _seat(_council(cast), "Seat", ["wizard"])


def test_the_seat_form_saves_the_positions_and_the_body_page_names_them(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    body = _council(cast)
    office = client_for("officer")
    data = {
        "label": "Educator seat",
        "position": "member",
        "selection": "appointed",
        "term_years": "2",
        "term_limit": "2",
        "eligibility_rules": ["teacher"],
        "eligible_positions": [Position.TEACHER, Position.LIBRARIAN],
    }
    office.post(f"/councils/{body.pk}/seats/", data)
    office.post(f"/councils/{body.pk}/seats/", data | {"label": "Plain seat"} | {
        "eligible_positions": []
    })  # fmt: skip
    assert body.seats.get(label="Educator seat").eligible_positions == ["teacher", "librarian"]
    assert body.seats.get(label="Plain seat").eligible_positions == [
        "teacher",
        "instructional_coach",
    ]
    page = office.get(f"/councils/{body.pk}/").content.decode()
    assert "Open to: teachers, librarians" in page
    assert "Open to: teachers, instructional coaches" in page
    assert 'name="eligible_positions" value="nurse"' in page


def _nurse_seat_election(cast: Cast) -> tuple[Body, Seat]:
    body = _council(cast)
    seat = actions.add_seat(
        None, body, label="Nurse seat", position="member", selection="elected",
        eligibility_rules=["teacher"], eligible_positions=[Position.NURSE],
    )  # fmt: skip
    return body, seat


def test_a_nurse_seat_is_elected_by_the_schools_nurses_not_its_teachers(cast: Cast) -> None:
    nurse = _educator(cast, "N1", "Rosa", Position.NURSE, "School nurse (RN)")
    second = _educator(cast, "N2", "Ines", Position.NURSE, "School nurse (LPN)")
    body, seat = _nurse_seat_election(cast)
    poll = actions.call_election(None, body, [seat])
    actions.nominate(None, poll, nurse, "")
    actions.open_voting(None, poll)
    electorate = set(poll.eligible.values_list("voter_id", flat=True))
    assert electorate == {nurse.pk, second.pk}
    assert cast.teacher_staff.pk not in electorate


def test_a_seat_that_names_no_positions_is_still_elected_by_the_teachers(cast: Cast) -> None:
    _educator(cast, "N1", "Rosa", Position.NURSE, "School nurse (RN)")
    body = _council(cast)
    seat = actions.add_seat(
        None, body, label="Teacher seat", position="member", selection="elected",
        eligibility_rules=["teacher"],
    )  # fmt: skip
    poll = actions.call_election(None, body, [seat])
    actions.nominate(None, poll, cast.teacher_staff, "")
    actions.open_voting(None, poll)
    assert set(poll.eligible.values_list("voter_id", flat=True)) == {cast.teacher_staff.pk}


def test_the_nominate_list_of_a_nurse_seat_offers_the_nurses_only(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    nurse = _educator(cast, "N1", "Rosa", Position.NURSE, "School nurse (RN)")
    librarian = _educator(cast, "L1", "Grace", Position.LIBRARIAN, "Library media specialist")
    body, seat = _nurse_seat_election(cast)
    poll = actions.call_election(None, body, [seat])
    page = client_for("officer").get(f"/councils/polls/{poll.pk}/").content.decode()
    assert f'<option value="{nurse.pk}">{nurse}</option>' in page
    assert f'<option value="{librarian.pk}">' not in page
    assert f'<option value="{cast.teacher_staff.pk}">' not in page
