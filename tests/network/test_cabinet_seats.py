"""A network cabinet seats staff of every member district of its network: each member
district's seat goes to that district's staff, appointed by its own talent office or elected
by its teachers; a district outside the network is refused, and a district that leaves stops
being eligible (its members' seats end the day it leaves). Its members, from any member
district, see its drafts; member districts and the network office read its public side; a
district outside the network sees nothing of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import Ballot, Body, EligibleVoter, Seat
from lattice.councils.spans import districts_spanned
from lattice.network import actions as network
from lattice.people import actions as people
from lattice.people.models import (
    AccessGrant,
    District,
    Position,
    School,
    SchoolYear,
    StaffMember,
)
from tests.cast import PASSWORD, Cast, enrol_totp, sign_in
from tests.councils.cabinet_world import CabinetWorld, world


@dataclass
class Outside:
    """Eastmoor, a district outside the River Valley Network, with a teacher and an office
    that both sign in."""

    district: District
    teacher: StaffMember
    teacher_user: Any
    officer_user: Any


@pytest.fixture
def outside(cast: Cast) -> Outside:
    district = people.create_district(
        None, key="eastmoor", name="Eastmoor Schools", network=None,
        rating_labels=["Ineffective", "Developing", "Effective", "Highly Effective"],
    )  # fmt: skip
    year = SchoolYear.objects.create(
        district=district, label="2025-26", start=dt.date(2025, 7, 1), end=dt.date(2026, 6, 30)
    )
    school = School.objects.create(district=district, key="elm", name="Elm Elementary")
    teacher, _ = people.save_staff_member(
        None, district, employee_id="E1001", given_name="Eve", family_name="Eastmoor",
        email="eve@eastmoor.example.org", hire_date=dt.date(2018, 8, 15),
    )  # fmt: skip
    people.add_assignment(
        None, teacher, school=school, school_year=year, position=Position.TEACHER,
        subject="Mathematics", grades="3-5",
    )  # fmt: skip
    teacher_user = people.create_login(None, username="eve", password=PASSWORD, staff=teacher)
    officer_user = people.create_login(None, username="eastmoor-office", password=PASSWORD)
    people.grant_access(None, officer_user, role=AccessGrant.Role.TALENT_OFFICER, district=district)
    enrol_totp(officer_user)
    return Outside(district, teacher, teacher_user, officer_user)


def client_of(user: Any) -> Client:
    client = Client(HTTP_HOST="testserver")
    sign_in(client, user)
    return client


def cy_signs_in(cast: Cast) -> Client:
    """Cy Faraway, Southport's member of the cabinet, with a login of his own."""
    user = people.create_login(
        None, username="cy", password=PASSWORD, staff=cast.other_district_teacher_staff
    )
    return client_of(user)


def open_seat(body: Body, label: str = "Open seat") -> Seat:
    return actions.add_seat(None, body, label=label, position="member", selection="appointed")


# --- who may sit --------------------------------------------------------------------------


def test_the_cabinet_spans_the_networks_member_districts(cast: Cast) -> None:
    w = world(cast)
    assert districts_spanned(w.body) == {cast.district.pk, cast.other_district.pk}


def test_a_member_districts_teacher_is_seated_and_the_seating_is_audited(cast: Cast) -> None:
    w = world(cast)
    assert w.southport_seat.holder == cast.other_district_teacher_staff
    entry = AuditEntry.objects.get(action="councils.seat.fill", object_id=str(w.southport_seat.pk))
    assert entry.staff_member == cast.other_district_teacher_staff
    assert entry.after["district"] == "Southport City Schools"


def test_a_seat_that_represents_one_member_district_takes_only_its_staff(cast: Cast) -> None:
    w = world(cast)
    actions.vacate_seat(None, w.southport_seat, on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(
        actions.CouncilError,
        match="Ada Teacher works for Northfield Public Schools; Southport City Schools seat "
        "represents Southport City Schools, so only its staff sit on it",
    ):
        actions.fill_seat(None, w.southport_seat, cast.teacher_staff)


def test_a_seat_open_to_the_whole_cabinet_takes_staff_of_any_member_district(cast: Cast) -> None:
    seat = actions.fill_seat(None, open_seat(world(cast).body), cast.teacher_staff)
    assert seat.holder == cast.teacher_staff


def test_an_outside_districts_teacher_is_refused_with_the_rule(
    cast: Cast, outside: Outside
) -> None:
    seat = open_seat(world(cast).body)
    with pytest.raises(
        actions.CouncilError,
        match=r"Eve Eastmoor works for Eastmoor Schools, which River Valley cabinet does not "
        r"span; its members come from its member districts \(Northfield Public Schools, "
        r"Southport City Schools\)",
    ):
        actions.fill_seat(None, seat, outside.teacher)
    seat.refresh_from_db()
    assert seat.holder is None


def test_a_seat_cannot_represent_a_district_outside_the_network(
    cast: Cast, outside: Outside
) -> None:
    with pytest.raises(actions.CouncilError, match="does not span Eastmoor Schools"):
        actions.add_seat(
            None, world(cast).body, label="Eastmoor seat", position="member",
            selection="appointed", constituency_district=outside.district,
        )  # fmt: skip


def test_a_district_bodys_seats_still_take_only_its_own_staff(cast: Cast) -> None:
    body = actions.create_body(
        None, cast.district, name="Board", kind="leadership_board", purpose="Decide."
    )
    with pytest.raises(actions.CouncilError, match="not active staff of Northfield"):
        actions.fill_seat(None, open_seat(body), cast.other_district_teacher_staff)


# --- leaving the network ------------------------------------------------------------------


def test_a_district_that_left_stops_being_eligible_for_new_seats(cast: Cast) -> None:
    w = world(cast)
    today = timezone.localdate()
    network.leave_network(None, cast.other_district, on=today)
    assert districts_spanned(w.body) == {cast.district.pk}
    with pytest.raises(actions.CouncilError, match="which River Valley cabinet does not span"):
        actions.fill_seat(
            None, open_seat(w.body), cast.other_district_teacher_staff,
            start=today + dt.timedelta(days=1),
        )  # fmt: skip
    with pytest.raises(
        actions.CouncilError,
        match="represents Southport City Schools, which River Valley cabinet no longer spans",
    ):
        actions.fill_seat(
            None, w.southport_seat, cast.other_district_teacher_staff,
            start=today + dt.timedelta(days=1),
        )  # fmt: skip


def test_leaving_ends_the_districts_cabinet_seats_that_day_and_audits_it(cast: Cast) -> None:
    w = world(cast)
    today = timezone.localdate()
    network.leave_network(None, cast.other_district, on=today)
    w.southport_seat.refresh_from_db()
    assert w.southport_seat.term_end == today
    assert not w.southport_seat.held_on(today + dt.timedelta(days=1))
    assert AuditEntry.objects.filter(
        action="councils.seat.vacate", object_id=str(w.southport_seat.pk)
    ).exists()
    leave = AuditEntry.objects.get(action="network.membership.leave")
    assert leave.after["cabinet_seats_vacated"] == 1
    w.northfield_seat.refresh_from_db()
    assert w.northfield_seat.held_on(today + dt.timedelta(days=1))


# --- elections ----------------------------------------------------------------------------


def elected_seat(body: Body, district: District | None = None) -> Seat:
    return actions.add_seat(
        None, body, label=f"Elected seat {district or 'open'}", position="member",
        selection="elected", eligibility_rules=["teacher"], constituency_district=district,
    )  # fmt: skip


def test_nominations_take_teachers_of_member_districts_and_refuse_outsiders(
    cast: Cast, outside: Outside
) -> None:
    body = world(cast).body
    poll = actions.call_election(None, body, [elected_seat(body)])
    actions.nominate(None, poll, cast.teacher_staff, "I will listen.")
    actions.nominate(None, poll, cast.other_district_teacher_staff, "So will I.")
    with pytest.raises(actions.CouncilError, match="candidate: Eve Eastmoor works for Eastmoor"):
        actions.nominate(None, poll, outside.teacher, "Let me in.")
    assert poll.options.count() == 2


def test_the_electorate_is_every_member_districts_teachers(cast: Cast, outside: Outside) -> None:
    body = world(cast).body
    poll = actions.call_election(None, body, [elected_seat(body)])
    actions.nominate(None, poll, cast.teacher_staff, "I will listen.")
    actions.open_voting(None, poll)
    voters = set(EligibleVoter.objects.filter(poll=poll).values_list("voter_id", flat=True))
    assert cast.other_district_teacher_staff.pk in voters
    assert {cast.teacher_staff.pk, cast.teacher_other_school_staff.pk} <= voters
    assert outside.teacher.pk not in voters
    assert cast.principal_staff.pk not in voters  # teachers elect, as on every body


def test_a_seat_representing_a_district_is_elected_by_its_teachers_alone(cast: Cast) -> None:
    w = world(cast)
    body = w.body
    actions.vacate_seat(None, w.southport_seat, on=timezone.localdate() - dt.timedelta(days=1))
    poll = actions.call_election(None, body, [elected_seat(body, cast.other_district)])
    with pytest.raises(actions.CouncilError, match="represents Southport City Schools"):
        actions.nominate(None, poll, cast.teacher_staff, "I will listen.")
    actions.nominate(None, poll, cast.other_district_teacher_staff, "I will listen.")
    actions.open_voting(None, poll)
    assert list(poll.eligible.values_list("voter_id", flat=True)) == [
        cast.other_district_teacher_staff.pk
    ]
    actions.cast_ballot(None, poll, cast.other_district_teacher_staff, {poll.options.get().pk: 1})
    actions.close_poll(None, poll)
    assert body.seats.get(pk=poll.seats.get().pk).holder == cast.other_district_teacher_staff


def test_seats_drawing_on_different_districts_are_elected_apart(cast: Cast) -> None:
    body = world(cast).body
    with pytest.raises(actions.CouncilError, match="elect together only seats that draw on"):
        actions.call_election(
            None, body, [elected_seat(body, cast.district), elected_seat(body, cast.other_district)]
        )


# --- who sees what ------------------------------------------------------------------------


def pages(w: CabinetWorld) -> dict[str, str]:
    return {
        "body": f"/councils/{w.body.pk}/",
        "minutes": f"/councils/meetings/{w.held.pk}/",
        "decision": f"/councils/decisions/{w.decision.pk}/",
        "proposal": f"/councils/proposals/{w.open_proposal.pk}/",
        "poll": f"/councils/polls/{w.open_poll.pk}/",
    }


def statuses(client: Client, w: CabinetWorld) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in pages(w).items()}


PUBLIC = {"body": 200, "minutes": 200, "decision": 200, "proposal": 404, "poll": 404}
MEMBER = {"body": 200, "minutes": 200, "decision": 200, "proposal": 200, "poll": 200}
NOTHING = {"body": 404, "minutes": 404, "decision": 404, "proposal": 404, "poll": 404}


def test_a_member_from_another_member_district_sees_the_drafts(cast: Cast) -> None:
    w = world(cast)
    assert statuses(cy_signs_in(cast), w) == MEMBER


def test_the_network_office_reads_the_public_side_only(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    assert statuses(client_for("network_officer"), w) == PUBLIC
    assert (
        "Peer observation chosen"
        in client_for("network_officer").get(pages(w)["minutes"]).content.decode()
    )


def test_each_member_districts_office_reads_the_public_side(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    assert statuses(client_for("other_officer"), w) == PUBLIC
    # Northfield keeps the cabinet: its office administers it, drafts included.
    assert statuses(client_for("officer"), w) == MEMBER


def test_a_member_districts_staff_off_the_cabinet_read_the_public_side(
    cast: Cast, client_for: Any
) -> None:
    assert statuses(client_for("teacher"), world(cast)) == PUBLIC


def test_a_district_outside_the_network_sees_nothing(cast: Cast, outside: Outside) -> None:
    w = world(cast)
    assert statuses(client_of(outside.teacher_user), w) == NOTHING
    assert statuses(client_of(outside.officer_user), w) == NOTHING
    assert (
        "River Valley cabinet"
        not in client_of(outside.teacher_user).get("/councils/").content.decode()
    )


def test_a_district_that_left_sees_the_cabinet_no_more(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    network.leave_network(None, cast.other_district, on=timezone.localdate())
    assert statuses(client_for("other_officer"), w) == NOTHING


def test_a_members_secret_ballot_stays_unlinkable_whichever_district(cast: Cast) -> None:
    w = world(cast)
    client = cy_signs_in(cast)
    yes = w.open_poll.options.get(meaning="yes")
    response = client.post(f"/councils/polls/{w.open_poll.pk}/ballot/", {"option": str(yes.pk)})
    assert response.status_code == 302
    assert EligibleVoter.objects.filter(
        poll=w.open_poll, voter=cast.other_district_teacher_staff, voted=True
    ).exists()
    assert list(Ballot.objects.filter(poll=w.open_poll).values_list("voter_id", flat=True)) == [
        None
    ]
    entry = AuditEntry.objects.get(action="councils.ballot.cast", object_id=str(w.open_poll.pk))
    assert entry.after == {}


# --- who appoints -------------------------------------------------------------------------


def test_each_district_office_appoints_the_seat_that_represents_it(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    seat = w.southport_seat
    actions.vacate_seat(None, seat, on=timezone.localdate() - dt.timedelta(days=1))
    url = f"/councils/seats/{seat.pk}/fill/"
    data = {"person": str(cast.other_district_teacher_staff.pk)}
    assert client_for("officer").post(url, data).status_code == 404
    assert client_for("other_officer").post(url, data).status_code == 302
    seat.refresh_from_db()
    assert seat.held_on(timezone.localdate())
    assert seat.holder == cast.other_district_teacher_staff


def test_an_office_is_offered_only_its_own_districts_staff(cast: Cast, client_for: Any) -> None:
    w = world(cast)
    southport = client_for("other_officer").get(f"/councils/{w.body.pk}/").content.decode()
    northfield = client_for("officer").get(f"/councils/{w.body.pk}/").content.decode()
    assert f'id="fill-{w.southport_seat.pk}"' in southport
    assert f'id="fill-{w.northfield_seat.pk}"' not in southport
    assert f'<option value="{cast.teacher_staff.pk}">' not in southport
    assert f'id="fill-{w.northfield_seat.pk}"' in northfield
    assert f'id="fill-{w.southport_seat.pk}"' not in northfield
    assert f'<option value="{cast.other_district_teacher_staff.pk}">' not in northfield


def test_the_network_office_finds_its_cabinets_decisions_in_the_register_and_no_others(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    district_body = actions.create_body(
        None, cast.district, name="Northfield Leadership Board", kind="leadership_board",
        purpose="Decide.",
    )  # fmt: skip
    office = client_for("network_officer")
    home = office.get("/councils/").content.decode()
    assert "River Valley cabinet" in home
    assert district_body.name not in home
    register = office.get("/councils/decisions.csv").content.decode()
    assert w.decision.statement in register
    assert office.get(f"/councils/{district_body.pk}/").status_code == 404


# --- who is offered to nominate -----------------------------------------------------------


def option(staff: StaffMember) -> str:
    return f'<option value="{staff.pk}">'


def test_each_office_is_offered_its_own_districts_staff_to_nominate_for_an_open_seat(
    cast: Cast, client_for: Any
) -> None:
    """A seat open to the whole cabinet draws on every member district: the keeping office
    is offered its own staff, Southport's office its own, the superuser both."""
    body = world(cast).body
    poll = actions.call_election(None, body, [elected_seat(body)])
    url = f"/councils/polls/{poll.pk}/"
    northfield = client_for("officer").get(url).content.decode()
    southport = client_for("other_officer").get(url).content.decode()
    everyone = client_for("superuser").get(url).content.decode()
    assert option(cast.teacher_staff) in northfield
    assert option(cast.other_district_teacher_staff) not in northfield
    assert option(cast.other_district_teacher_staff) in southport
    assert option(cast.teacher_staff) not in southport
    assert option(cast.teacher_staff) in everyone
    assert option(cast.other_district_teacher_staff) in everyone
    nominate = f"/councils/polls/{poll.pk}/nominate/"
    mine = {"candidate": str(cast.other_district_teacher_staff.pk), "statement": "Cy listens."}
    assert client_for("officer").post(nominate, mine).status_code == 404
    assert client_for("other_officer").post(nominate, mine).status_code == 302
    assert list(poll.options.values_list("candidate", flat=True)) == [
        cast.other_district_teacher_staff.pk
    ]


def test_a_seat_representing_southport_offers_the_keeping_office_nobody_and_southports_its_own(
    cast: Cast, client_for: Any
) -> None:
    w = world(cast)
    actions.vacate_seat(None, w.southport_seat, on=timezone.localdate() - dt.timedelta(days=1))
    poll = actions.call_election(None, w.body, [elected_seat(w.body, cast.other_district)])
    url = f"/councils/polls/{poll.pk}/"
    northfield = client_for("officer").get(url).content.decode()
    southport = client_for("other_officer").get(url).content.decode()
    assert 'id="id_candidate"' not in northfield
    assert "that office nominates them" in northfield
    assert option(cast.other_district_teacher_staff) in southport
    assert option(cast.teacher_staff) not in southport


def test_a_nomination_naming_no_person_is_refused_without_error(
    cast: Cast, client_for: Any
) -> None:
    body = world(cast).body
    poll = actions.call_election(None, body, [elected_seat(body)])
    nominate = f"/councils/polls/{poll.pk}/nominate/"
    assert client_for("officer").post(nominate, {"candidate": "Ada"}).status_code == 404
    assert not poll.options.exists()
