"""A network cabinet on top of the persona cast, built by the apps' own actions.

- ``body``: the River Valley cabinet, kept by Northfield, with a seat for each member
  district (Northfield, Southport);
- ``northfield_seat`` is held by Rae (reviewer, Northfield) and ``southport_seat`` by Cy
  Faraway (a Southport teacher without a login in the cast), each appointed by their own
  district's office;
- ``held``: a meeting both attended, with published minutes; ``decision``: what its consent
  vote adopted;
- ``open_proposal`` with ``open_poll``: a secret yes/no vote both members may cast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lattice.councils import actions
from lattice.councils.models import Body, Decision, Meeting, Poll, Proposal, Seat
from lattice.network import actions as network
from tests.cast import Cast


@dataclass
class CabinetWorld:
    body: Body
    northfield_seat: Seat
    southport_seat: Seat
    held: Meeting
    decision: Decision
    open_proposal: Proposal
    open_poll: Poll


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def build(cast: Cast) -> CabinetWorld:
    today = timezone.localdate()
    body = network.convene_cabinet(
        None, cast.network, cast.district, name="River Valley cabinet",
        purpose="Agree what the network studies next.",
    ).body  # fmt: skip
    north = body.seats.get(constituency_district=cast.district)
    south = body.seats.get(constituency_district=cast.other_district)
    start = today - dt.timedelta(days=30)
    north = actions.fill_seat(None, north, cast.reviewer_staff, start=start)
    south = actions.fill_seat(None, south, cast.other_district_teacher_staff, start=start)
    members = (cast.reviewer_staff, cast.other_district_teacher_staff)
    held = actions.schedule_meeting(
        None, body, title="Autumn cabinet",
        starts_at=_at(today - dt.timedelta(days=7), 15),
        ends_at=_at(today - dt.timedelta(days=7), 16),
    )  # fmt: skip
    for person in members:
        actions.record_attendance(None, held, person, "present")
    decided = actions.raise_proposal(
        None, body, cast.other_district_teacher_staff, title="Study peer observation",
        problem="Practice stays private.", proposal="Make peer observation next year's study.",
        meeting=held,
    )  # fmt: skip
    poll = actions.start_poll(None, decided, kind="consent", meeting=held)
    consent = poll.options.get(meaning="consent")
    for person in members:
        actions.cast_ballot(None, poll, person, {consent.pk: 1})
    actions.close_poll(None, poll, review_on=today + dt.timedelta(days=90))
    actions.write_minutes(None, held, "1. Peer observation chosen as next year's study.", None)
    for _ in range(3):
        actions.advance_minutes(None, held, None)
    open_proposal = actions.raise_proposal(
        None, body, cast.reviewer_staff, title="A spring convening",
        problem="No date yet.", proposal="Hold the spring convening in Southport.",
    )  # fmt: skip
    open_poll = actions.start_poll(None, open_proposal, kind="yes_no", anonymous=True)
    decided.refresh_from_db()
    return CabinetWorld(body, north, south, held, decided.decision, open_proposal, open_poll)


def world(cast: Cast) -> CabinetWorld:
    """The cabinet for this cast, built once (the access matrix calls it from URL builders)."""
    found: Any = getattr(cast, "_cabinet_world", None)
    if found is None:
        found = build(cast)
        cast._cabinet_world = found  # type: ignore[attr-defined]
    return found
