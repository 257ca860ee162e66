"""Meetings: scheduling, the agenda, attendance and quorum, the minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.councils import counting
from lattice.councils.actions.common import CouncilError
from lattice.councils.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MinutesStage,
    MinutesVersion,
    Presence,
    seats_held_q,
)
from lattice.lib.actors import Actor
from lattice.people.models import StaffMember


@transaction.atomic
def schedule_meeting(
    actor: Actor,
    body: Body,
    *,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    agenda: Iterable[str] = (),
) -> Meeting:
    if ends_at <= starts_at:
        raise CouncilError("ends: the meeting must end after it starts.")
    if not title.strip():
        raise CouncilError("title: give the meeting a title.")
    meeting = Meeting.objects.create(
        body=body, title=title.strip(), starts_at=starts_at, ends_at=ends_at, location=location
    )
    for i, item in enumerate(a for a in agenda if a.strip()):
        AgendaItem.objects.create(meeting=meeting, title=item.strip(), position=i)
    MinutesVersion.objects.create(
        meeting=meeting,
        number=1,
        stage=MinutesStage.DRAFT,
        text="\n".join(f"{i.position + 1}. {i.title}" for i in meeting.agenda.all()),
    )
    record(
        actor=actor,
        action="councils.meeting.schedule",
        obj=meeting,
        district=body.district,
        after={"starts_at": starts_at.isoformat(), "location": location},
    )
    return meeting


@transaction.atomic
def add_agenda_item(
    actor: Actor,
    meeting: Meeting,
    *,
    title: str,
    owner: StaffMember | None = None,
    parent: AgendaItem | None = None,
    minutes: int | None = None,
) -> AgendaItem:
    _refuse_if_locked(meeting, "agenda")
    if not title.strip():
        raise CouncilError("title: give the agenda item a title.")
    if parent is not None and parent.meeting_id != meeting.pk:
        raise CouncilError("parent: choose an item of this meeting's agenda.")
    if owner is not None and owner.district_id != meeting.body.district_id:
        raise CouncilError("owner: choose someone of this district.")
    siblings = meeting.agenda.filter(parent=parent).count()
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title.strip(),
        owner=owner,
        parent=parent,
        minutes=minutes,
        position=siblings,
    )
    record(actor=actor, action="councils.agenda_item.add", obj=item, district=meeting.body.district)
    return item


def members_on(body: Body, day: dt.date) -> list[StaffMember]:
    return [
        s.holder
        for s in body.seats.filter(seats_held_q(day)).select_related("holder")
        if s.holder is not None
    ]


@transaction.atomic
def record_attendance(
    actor: Actor,
    meeting: Meeting,
    member: StaffMember,
    presence: str,
    *,
    arrived_at: dt.time | None = None,
    left_at: dt.time | None = None,
) -> Attendance:
    _refuse_if_locked(meeting, "attendance")
    day = timezone.localtime(meeting.starts_at).date()
    if member not in members_on(meeting.body, day):
        raise CouncilError(f"member: {member} held no seat on {meeting.body} on {day}.")
    if presence not in Presence.values:
        raise CouncilError("presence: choose present, absent or excused.")
    if arrived_at and left_at and left_at < arrived_at:
        raise CouncilError("left: a member cannot leave before arriving.")
    row, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        member=member,
        defaults={"presence": presence, "arrived_at": arrived_at, "left_at": left_at},
    )
    record(
        actor=actor,
        action="councils.attendance.record",
        obj=meeting,
        district=meeting.body.district,
        staff_member=member,
        after={"presence": presence},
    )
    return row


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(members present, seats filled on the meeting day, whether quorum is met)."""
    day = timezone.localtime(meeting.starts_at).date()
    filled = len(members_on(meeting.body, day))
    present = meeting.attendance.filter(presence=Presence.PRESENT).count()
    return present, filled, counting.quorum_met(present, filled, meeting.body.quorum_percent)


MINUTES_ORDER = [
    MinutesStage.DRAFT,
    MinutesStage.PREPARED,
    MinutesStage.REVIEW,
    MinutesStage.PUBLISHED,
]


def current_minutes(meeting: Meeting) -> MinutesVersion | None:
    return meeting.minutes.order_by("-number").first()


def is_locked(meeting: Meeting) -> bool:
    """Whether the meeting's minutes are published: its record (agenda, attendance and so
    its quorum) is then locked, as the published minutes state it."""
    latest = current_minutes(meeting)
    return latest is not None and latest.stage == MinutesStage.PUBLISHED


def _stage(stage: str) -> str:
    return str(MinutesStage(stage).label).lower()


def _refuse_if_locked(meeting: Meeting, field: str) -> None:
    if is_locked(meeting):
        raise CouncilError(
            f"{field}: the minutes of {meeting.title} are published and locked, so its "
            "agenda and attendance can no longer change."
        )


@transaction.atomic
def write_minutes(
    actor: Actor, meeting: Meeting, text: str, author: StaffMember | None
) -> MinutesVersion:
    latest = current_minutes(meeting)
    if latest is not None and latest.stage == MinutesStage.PUBLISHED:
        raise CouncilError("minutes: published minutes are locked; they cannot be changed.")
    if not text.strip():
        raise CouncilError("minutes: the minutes are empty; write what was discussed and decided.")
    version = MinutesVersion.objects.create(
        meeting=meeting,
        number=(latest.number + 1) if latest else 1,
        stage=latest.stage if latest else MinutesStage.DRAFT,
        text=text.strip(),
        author=author,
    )
    record(
        actor=actor,
        action="councils.minutes.write",
        obj=meeting,
        district=meeting.body.district,
        after={"version": version.number},
    )
    return version


@transaction.atomic
def advance_minutes(actor: Actor, meeting: Meeting, author: StaffMember | None) -> MinutesVersion:
    """Move the minutes one stage on: draft → prepared → attendee review → published."""
    latest = current_minutes(meeting)
    if latest is None:
        raise CouncilError("minutes: write the minutes first.")
    if latest.stage == MinutesStage.PUBLISHED:
        raise CouncilError("minutes: already published and locked.")
    stage = MINUTES_ORDER[MINUTES_ORDER.index(MinutesStage(latest.stage)) + 1]
    version = MinutesVersion.objects.create(
        meeting=meeting, number=latest.number + 1, stage=stage, text=latest.text, author=author
    )
    record(
        actor=actor,
        action="councils.minutes.advance",
        obj=meeting,
        district=meeting.body.district,
        before={"stage": latest.stage},
        after={"stage": stage},
        summary=f"from {_stage(latest.stage)} to {_stage(stage)}",
    )
    return version
