"""Bodies and their seats: creating them, filling and vacating seats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from lattice.audit.log import record
from lattice.councils import eligibility, spans
from lattice.councils.actions.common import CouncilError, _today
from lattice.councils.models import (
    Body,
    BodyScope,
    DecisionRight,
    Seat,
    Workflow,
    seats_held_q,
)
from lattice.councils.models.bodies import default_eligible_positions
from lattice.lib.actors import Actor
from lattice.people.models import District, Position, School, StaffMember


@transaction.atomic
def create_body(
    actor: Actor,
    district: District,
    *,
    name: str,
    kind: str,
    purpose: str,
    scope: str = BodyScope.DISTRICT,
    school: School | None = None,
    parent: Body | None = None,
    workflow: str = Workflow.SIMPLE,
    quorum_percent: int = 50,
    rights: Iterable[tuple[str, str]] = (),
    allows_absentee_votes: bool = False,
    allows_proxies: bool = False,
    proxies_per_holder: int = 1,
) -> Body:
    name = name.strip()
    if not name:
        raise CouncilError("name: give the body a name, e.g. 'Alder leadership council'.")
    if scope == BodyScope.SCHOOL and school is None:
        raise CouncilError("school: a school-scoped body needs the school it serves.")
    if school is not None and school.district_id != district.pk:
        raise CouncilError("school: choose a school of this district.")
    if parent is not None and parent.district_id != district.pk:
        raise CouncilError("parent: choose a parent body of this district.")
    if not 0 <= quorum_percent < 100:
        raise CouncilError("quorum: give a share from 0 to 99 percent of the seats.")
    if proxies_per_holder < 1:
        raise CouncilError(
            "proxies: a member who may hold proxies holds at least one; give 1 or more."
        )
    if Body.objects.filter(district=district, name=name).exists():
        raise CouncilError(f"name: the district already has a body called '{name}'.")
    body = Body.objects.create(
        district=district,
        name=name,
        kind=kind,
        purpose=purpose.strip(),
        scope=scope,
        school=school if scope == BodyScope.SCHOOL else None,
        parent=parent,
        workflow=workflow,
        quorum_percent=quorum_percent,
        allows_absentee_votes=allows_absentee_votes,
        allows_proxies=allows_proxies,
        proxies_per_holder=proxies_per_holder,
        created_on=_today(),
    )
    for topic, level in rights:
        if topic.strip():
            DecisionRight.objects.create(body=body, topic=topic.strip(), level=level)
    record(
        actor=actor,
        action="councils.body.create",
        obj=body,
        district=district,
        after={
            "kind": kind,
            "scope": scope,
            "rights": [list(r) for r in rights],
            "allows_absentee_votes": allows_absentee_votes,
            "allows_proxies": allows_proxies,
            "proxies_per_holder": proxies_per_holder,
        },
    )
    return body


@transaction.atomic
def add_seat(
    actor: Actor,
    body: Body,
    *,
    label: str,
    position: str,
    selection: str,
    term_years: int = 2,
    term_limit: int = 2,
    eligibility_rules: Iterable[str] = (),
    constituency: str = "",
    constituency_school: School | None = None,
    constituency_district: District | None = None,
    share: int = 1,
    eligible_positions: Sequence[str] | None = None,
) -> Seat:
    """Add a seat to ``body``. A seat of a body spanning several districts (a network
    cabinet) may represent one of them (``constituency_district``): only that district's
    staff then sit on it. ``eligible_positions``: the staff positions the seat is open to
    (its "teacher" rule reads them); by default teachers and instructional coaches."""
    rules = list(eligibility_rules)
    unknown = [r for r in rules if r not in eligibility.RULES]
    if unknown:
        raise CouncilError(f"eligibility: unknown rule(s) {', '.join(unknown)}.")
    positions = (
        default_eligible_positions() if eligible_positions is None else list(eligible_positions)
    )
    strange = [p for p in positions if p not in Position.values]
    if strange or not positions:
        raise CouncilError(
            f"open to: {'unknown position(s) ' + ', '.join(strange) if strange else 'no position'}"
            f"; choose among {', '.join(str(label).lower() for _, label in Position.choices)}."
        )
    if not label.strip():
        raise CouncilError("label: name the seat, e.g. 'Teacher seat, Alder'.")
    if term_years < 1:
        raise CouncilError("term: a term lasts at least one year.")
    if constituency_district is not None and constituency_district.pk not in (
        spans.districts_spanned(body)
    ):
        raise CouncilError(
            f"constituency: {body} does not span {constituency_district}; a seat represents "
            f"one of the districts whose staff sit on the body."
        )
    if share < 1:
        raise CouncilError("share: a seat carries at least one vote; give a whole number from 1.")
    school = constituency_school or (body.school if body.scope == BodyScope.SCHOOL else None)
    seat = Seat.objects.create(
        body=body,
        label=label.strip(),
        position=position,
        selection=selection,
        term_years=term_years,
        term_limit=term_limit,
        eligibility=rules,
        eligible_positions=positions,
        constituency=constituency
        or (school.name if school else "")
        or (constituency_district.name if constituency_district else ""),
        constituency_school=school,
        constituency_district=constituency_district,
        share=share,
    )
    record(
        actor=actor,
        action="councils.seat.create",
        obj=seat,
        district=body.district,
        after={
            "position": position,
            "selection": selection,
            "eligibility": rules,
            "eligible_positions": positions,
            "constituency_district": constituency_district.name if constituency_district else "",
            "share": share,
        },
    )
    return seat


def sitting_refusal(seat: Seat, person: StaffMember) -> str | None:
    """Why ``person`` may not sit on ``seat`` (or stand for it) by where they work: a
    sentence naming the rule, or ``None`` when their district is one the seat draws on."""
    body = seat.body
    if not person.active:
        return f"{person} is not active staff of {person.district}."
    spanned = spans.span_of(body)
    if spanned is None:
        if person.district_id == body.district_id:
            return None
        return f"{person} is not active staff of {body.district}."
    allowed = spans.seat_districts(seat, spanned)
    if person.district_id in allowed:
        return None
    if seat.constituency_district_id is not None:
        represented = seat.constituency_district
        if represented is not None and represented.pk not in allowed:
            return (
                f"{seat.label} represents {represented}, which {body} no longer spans (it "
                f"left the network); nobody can be seated on it until it is a member again."
            )
        return (
            f"{person} works for {person.district}; {seat.label} represents {represented}, "
            f"so only its staff sit on it."
        )
    names = ", ".join(
        District.objects.filter(pk__in=allowed).order_by("name").values_list("name", flat=True)
    )
    return (
        f"{person} works for {person.district}, which {body} does not span; its members "
        f"come from its member districts ({names or 'none today'})."
    )


def seat_school(seat: Seat) -> School | None:
    return eligibility.seat_school(seat)


def seat_checks(seat: Seat, person: StaffMember, day: dt.date) -> list[eligibility.Check]:
    return eligibility.check(person, seat, day)


@transaction.atomic
def fill_seat(
    actor: Actor, seat: Seat, person: StaffMember, *, start: dt.date | None = None, how: str = ""
) -> Seat:
    """Seat ``person`` for one term from ``start``: they must be active staff of a district
    the seat draws on (the body's own; for a network cabinet, a member district, or the one
    the seat represents), meet the seat's eligibility rules, hold no other seat on the body
    and be within the seat's term limit."""
    seat = Seat.objects.select_for_update().select_related("body__district").get(pk=seat.pk)
    start = start or _today()
    body = seat.body
    refusal = sitting_refusal(seat, person)
    if refusal is not None:
        raise CouncilError(f"member: {refusal}")
    failed = [c.reason for c in seat_checks(seat, person, start) if not c.met]
    if failed:
        raise CouncilError(f"member: {person} is not eligible for {seat.label}: {' '.join(failed)}")
    other = body.seats.filter(seats_held_q(start), holder=person).exclude(pk=seat.pk).first()
    if other is not None:
        raise CouncilError(f"member: {person} already holds {other.label} on {body}.")
    consecutive = seat.terms_served + 1 if seat.holder_id == person.pk else 1
    if consecutive > seat.term_limit:
        raise CouncilError(
            f"member: {person} has served {seat.terms_served} consecutive terms; "
            f"the seat's limit is {seat.term_limit}."
        )
    before = {"holder": str(seat.holder or ""), "term_end": str(seat.term_end or "")}
    seat.holder = person
    seat.term_start = start
    seat.term_end = dt.date(start.year + seat.term_years, start.month, 1) - dt.timedelta(days=1)
    seat.terms_served = consecutive
    seat.save()
    record(
        actor=actor,
        action="councils.seat.fill",
        obj=seat,
        district=body.district,
        staff_member=person,
        before=before,
        after={
            "holder": str(person),
            "term_start": str(start),
            "term_end": str(seat.term_end),
            "how": how or seat.selection,
            "district": person.district.name,
        },
        summary=how,
    )
    return seat


@transaction.atomic
def vacate_seat(actor: Actor, seat: Seat, *, on: dt.date | None = None) -> Seat:
    on = on or _today()
    if seat.holder_id is None:
        raise CouncilError("seat: the seat is already vacant.")
    person = seat.holder
    seat.term_end = on
    seat.save()
    record(
        actor=actor,
        action="councils.seat.vacate",
        obj=seat,
        district=seat.body.district,
        staff_member=person,
        after={"ceased_on": str(on)},
    )
    return seat
