"""Bodies and seats: members come from the district's staff, eligibility from their records,
terms and term limits are kept, and an election fills seats by secret ballot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Seat
from tests.cast import Cast


def _body(cast: Cast, **kw):  # type: ignore[no-untyped-def]
    return actions.create_body(
        None,
        cast.district,
        name="Alder council",
        kind="school_council",
        purpose="Shares decisions.",
        scope="school",
        school=cast.alder,
        **kw,
    )


def test_a_body_holds_its_decision_rights_per_topic(cast: Cast) -> None:
    body = _body(cast, rights=[("PLC time", "decides"), ("Budget", "consulted")])
    assert {(r.topic, r.level) for r in body.rights.all()} == {
        ("PLC time", "decides"),
        ("Budget", "consulted"),
    }


def test_a_school_body_needs_its_school(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="school"):
        actions.create_body(
            None, cast.district, name="X", kind="school_council", purpose="p", scope="school"
        )


def test_a_seat_refuses_someone_its_rules_exclude_and_says_why(cast: Cast) -> None:
    seat = actions.add_seat(
        None,
        _body(cast),
        label="Teacher seat",
        position="member",
        selection="elected",
        eligibility_rules=["from_school"],
    )
    with pytest.raises(actions.CouncilError, match="Does not work at Alder Elementary"):
        actions.fill_seat(None, seat, cast.teacher_other_school_staff)


def test_the_effective_rule_reads_last_years_rating(cast: Cast) -> None:
    # Ada was rated Developing in 2024-25, so a seat for the Effective-or-better refuses her.
    seat = actions.add_seat(
        None,
        _body(cast),
        label="Seat",
        position="member",
        selection="elected",
        eligibility_rules=["effective_last_year"],
    )
    with pytest.raises(actions.CouncilError, match="Rated Developing in 2024-25"):
        actions.fill_seat(None, seat, cast.teacher_staff)


def test_filling_a_seat_sets_its_term_and_is_audited(cast: Cast) -> None:
    seat = actions.add_seat(
        None, _body(cast), label="Seat", position="chair", selection="appointed", term_years=2
    )
    start = dt.date(2025, 9, 1)
    actions.fill_seat(None, seat, cast.teacher_staff, start=start)
    seat.refresh_from_db()
    assert (seat.term_start, seat.term_end) == (start, dt.date(2027, 8, 31))
    assert AuditEntry.objects.filter(
        action="councils.seat.fill", staff_member=cast.teacher_staff
    ).exists()


def test_a_term_limit_stops_another_consecutive_term(cast: Cast) -> None:
    seat = actions.add_seat(
        None, _body(cast), label="Seat", position="member", selection="appointed", term_limit=1
    )
    actions.fill_seat(None, seat, cast.teacher_staff)
    with pytest.raises(actions.CouncilError, match="limit is 1"):
        actions.fill_seat(None, seat, cast.teacher_staff)


def test_a_person_holds_one_seat_on_a_body(cast: Cast) -> None:
    body = _body(cast)
    one, two = (
        actions.add_seat(None, body, label=f"Seat {i}", position="member", selection="appointed")
        for i in (1, 2)
    )
    actions.fill_seat(None, one, cast.teacher_staff)
    with pytest.raises(actions.CouncilError, match="already holds Seat 1"):
        actions.fill_seat(None, two, cast.teacher_staff)


def test_staff_of_another_district_never_sit(cast: Cast) -> None:
    seat = actions.add_seat(
        None, _body(cast), label="Seat", position="member", selection="appointed"
    )
    with pytest.raises(actions.CouncilError, match="not active staff"):
        actions.fill_seat(None, seat, cast.other_district_teacher_staff)


def test_an_election_fills_two_seats_with_the_two_most_voted(cast: Cast) -> None:
    body = actions.create_body(
        None, cast.district, name="Curriculum council", kind="curriculum_council", purpose="p"
    )
    seats = [
        actions.add_seat(
            None,
            body,
            label=f"Teacher seat {i}",
            position="member",
            selection="elected",
            eligibility_rules=["teacher"],
        )
        for i in (1, 2)
    ]
    poll = actions.call_election(None, body, seats)
    options = {
        p: actions.nominate(None, poll, p, "I will listen.")
        for p in (cast.teacher_staff, cast.teacher_other_school_staff, cast.reviewer_staff)
    }
    actions.open_voting(None, poll)
    assert poll.eligible.count() == 3  # the district's teachers this year: the snapshot
    ada, ben, rae = (
        options[p].pk
        for p in (cast.teacher_staff, cast.teacher_other_school_staff, cast.reviewer_staff)
    )
    actions.cast_ballot(None, poll, cast.teacher_staff, {ada: 1, ben: 1})
    actions.cast_ballot(None, poll, cast.teacher_other_school_staff, {ben: 1, rae: 1})
    actions.cast_ballot(None, poll, cast.reviewer_staff, {ben: 1, ada: 1})
    actions.close_poll(None, poll)
    today = timezone.localdate()
    held = {s.holder for s in Seat.objects.filter(body=body) if s.held_on(today)}
    assert held == {cast.teacher_staff, cast.teacher_other_school_staff}


def test_a_candidate_must_meet_the_seats_rules(cast: Cast) -> None:
    body = _body(cast)
    seat = actions.add_seat(
        None,
        body,
        label="Seat",
        position="member",
        selection="elected",
        eligibility_rules=["from_school"],
    )
    poll = actions.call_election(None, body, [seat])
    with pytest.raises(actions.CouncilError, match="not eligible"):
        actions.nominate(None, poll, cast.reviewer_staff, "")


def test_my_profile_lists_the_seats_i_hold(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    seat = actions.add_seat(
        None, _body(cast), label="Teacher seat", position="chair", selection="elected"
    )
    actions.fill_seat(None, seat, cast.teacher_staff)
    page = client_for("teacher").get("/me/").content.decode()
    assert "Alder council: Teacher seat, chair, term until" in page
