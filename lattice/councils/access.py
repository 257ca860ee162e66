"""Who may see and run what in the councils app; scoped through ``lattice.people.access``.

- the district's talent office (and the superuser) administers every body of the district;
  the principal leading a school this year administers that school's bodies;
- a body's officers (chair, vice-chair, secretary holding a seat today) run its meetings,
  votes and minutes;
- members (anyone holding a seat today) see their body's drafts: proposals, open polls,
  minutes not yet published;
- the district's staff see district-wide bodies; a school's staff see that school's bodies;
  they read the seats, published minutes and the decisions;
- a body spanning several districts (a network cabinet, :mod:`lattice.councils.spans`):
  its members, from whichever district, see its drafts as members do; the staff and talent
  office of every district it spans, and the network office, read its public side; its
  keeping district's office administers it;
- who appoints: a body's administrators seat their own district's staff; for a seat that
  represents another member district of a network cabinet, that district's talent office
  does (no office is shown another district's staff list); in an election each member
  district's office may nominate its own staff for a seat that draws on its district;
- anyone else gets 404, a district outside the network included. The network office sees
  no other body's records.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lattice.councils import spans
from lattice.councils.models import Body, Decision, Seat, SeatPosition, seats_held_q
from lattice.councils.spans import seat_districts
from lattice.lib.actors import Actor
from lattice.people.access import scope_for
from lattice.people.models import Assignment, StaffMember
from lattice.people.queries import current_school_year

RUNNING_POSITIONS = (SeatPosition.CHAIR, SeatPosition.VICE_CHAIR, SeatPosition.SECRETARY)


def own_staff(user: Actor) -> StaffMember | None:
    scope = scope_for(user)
    if scope.own_staff_id is None:
        return None
    return StaffMember.objects.select_related("district").get(pk=scope.own_staff_id)


def bodies_visible_to(user: Actor) -> QuerySet[Body]:
    scope = scope_for(user)
    if scope.is_superuser:
        return Body.objects.all()
    q = Q(district_id__in=scope.officer_district_ids)
    me = own_staff(user)
    if me is not None:
        year = current_school_year(me.district_id)
        schools = Assignment.objects.filter(staff_member=me, school_year=year).values("school_id")
        q |= Q(district_id=me.district_id) & (~Q(scope="school") | Q(school_id__in=schools))
        q |= Q(seats__in=_my_seats(me))
    districts = set(scope.officer_district_ids)
    if scope.own_district_id is not None:
        districts.add(scope.own_district_id)
    for span in spans.spans():
        if districts or scope.network_ids:
            q |= Q(pk__in=span.bodies(frozenset(districts), scope.network_ids))
    return Body.objects.filter(q).distinct()


def _my_seats(me: StaffMember) -> QuerySet[Any]:
    return Seat.objects.filter(seats_held_q(timezone.localdate()), holder=me)


def get_visible_body(user: Actor, pk: Any) -> Body:
    body = bodies_visible_to(user).filter(pk=pk).select_related("district", "school").first()
    if body is None:
        raise Http404("No such body")
    return body


def administers(user: Actor, body: Body) -> bool:
    scope = scope_for(user)
    if scope.is_superuser or body.district_id in scope.officer_district_ids:
        return True
    if body.school_id is None:
        return False
    year = current_school_year(body.district_id)
    return year is not None and scope.leads(body.school_id, year.pk)


def is_member(user: Actor, body: Body) -> bool:
    me = own_staff(user)
    return (
        me is not None and body.seats.filter(seats_held_q(timezone.localdate()), holder=me).exists()
    )


def runs(user: Actor, body: Body) -> bool:
    """Chair, vice-chair or secretary today, or an administrator of the body."""
    if administers(user, body):
        return True
    me = own_staff(user)
    return (
        me is not None
        and body.seats.filter(
            seats_held_q(timezone.localdate()), holder=me, position__in=RUNNING_POSITIONS
        ).exists()
    )


def fill_districts(
    user: Actor, body: Body, seats: list[Seat], *, admin: bool | None = None
) -> dict[int, frozenset[int]]:
    """For each seat (by id), the districts whose staff ``user`` may appoint to it: the
    districts the seat draws on (``spans.seat_districts``) that are the body's own, when
    ``user`` administers the body, or the district the seat represents, when ``user`` runs
    its talent office; the superuser, all of them. Empty: ``user`` appoints nobody there.
    ``admin``: whether ``user`` administers ``body``, when the caller knows already."""
    scope = scope_for(user)
    spanned = spans.districts_spanned(body)
    if admin is None:
        admin = administers(user, body)
    out: dict[int, frozenset[int]] = {}
    for seat in seats:
        drawn = seat_districts(seat, spanned)
        if scope.is_superuser:
            out[seat.pk] = drawn
            continue
        mine: set[int] = set()
        if admin:
            mine |= drawn & {body.district_id}
        if seat.constituency_district_id in scope.officer_district_ids:
            mine |= drawn & {seat.constituency_district_id}
        out[seat.pk] = frozenset(mine)
    return out


def nominee_districts(
    user: Actor, body: Body, seat: Seat, *, runs: bool, admin: bool
) -> frozenset[int]:
    """The districts whose staff ``user`` is offered to nominate in an election to ``seat``:
    those the seat draws on (``spans.seat_districts``: for a network cabinet, its member
    districts, or the one the seat represents) whose staff ``user`` may see — a talent
    office its own district's (no office is shown another district's staff list, as with
    appointing, :func:`fill_districts`), the body's administrators the body's own district's,
    one who runs the body from a seat (chair, vice-chair, secretary) their own district's;
    the superuser, all of them. Empty: ``user`` nominates nobody but, as staff, themself.
    ``runs`` and ``admin``: whether ``user`` runs and administers ``body``, as the caller
    knows already."""
    drawn = seat_districts(seat)
    scope = scope_for(user)
    if scope.is_superuser:
        return drawn
    mine = set(scope.officer_district_ids)
    if admin:
        mine.add(body.district_id)
    if runs and scope.own_district_id is not None:
        mine.add(scope.own_district_id)
    return drawn & frozenset(mine)


def sees_drafts(user: Actor, body: Body) -> bool:
    return administers(user, body) or is_member(user, body)


def reads_councils(user: Actor) -> bool:
    """Whether ``user`` has the councils pages at all (the list of bodies, the register):
    staff of a district, its talent office, the superuser, and the network office (which
    finds its networks' cabinets there, and nothing else)."""
    scope = scope_for(user)
    return (
        scope.own_staff_id is not None
        or scope.is_officer
        or scope.is_superuser
        or scope.is_network_officer
    )


def decisions_visible_to(user: Actor) -> QuerySet[Decision]:
    """The decision register's rows for ``user``: the decisions of the bodies they may see,
    for staff of a district, its talent office and the network office (anyone else: none,
    as the register's page answers them 404)."""
    if not reads_councils(user):
        return Decision.objects.none()
    return decisions_in(bodies_visible_to(user))


def decisions_in(bodies: QuerySet[Body] | list[Body]) -> QuerySet[Decision]:
    """Every decision of ``bodies``, made in a meeting or outside one: the one query behind
    the register, its CSV and a body's own page, so they list the same decisions."""
    return Decision.objects.filter(body__in=bodies).select_related(
        "body", "body__district", "meeting", "owner"
    )
