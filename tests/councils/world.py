"""A small councils world on top of the persona cast, built by named actions.

- ``alder``: Alder Leadership Council (school body): Ada (teacher) chairs, Pat (principal)
  sits ex officio, one elected teacher seat is vacant with an election taking nominations;
- ``district``: Northfield Curriculum Council (district body): Ben (teacher at Birch) sits;
- ``held``: an Alder meeting with attendance (both present) and published minutes;
  ``next``: a coming Alder meeting with draft minutes;
- ``decided``: an accepted Alder proposal whose consent vote passed at ``held``, in the
  register with a review date and set to create a catalogue role when carried out;
- ``open_proposal`` with ``open_poll``, a named yes/no vote Ada and Pat may cast, and
  ``attachment``, a survey Ada attached to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lattice.councils import actions
from lattice.councils.models import (
    Body,
    Decision,
    Meeting,
    Poll,
    Proposal,
    ProposalAttachment,
    Seat,
)
from tests.cast import Cast


@dataclass
class World:
    alder: Body
    district: Body
    chair: Seat
    vacant: Seat
    held: Meeting
    next: Meeting
    decided: Proposal
    decision: Decision
    open_proposal: Proposal
    open_poll: Poll
    election: Poll
    attachment: ProposalAttachment


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def build_world(cast: Cast) -> World:
    today = timezone.localdate()
    start = today - dt.timedelta(days=30)
    alder = actions.create_body(
        None,
        cast.district,
        name="Alder Leadership Council",
        kind="leadership_board",
        purpose="Shares Alder's decisions.",
        scope="school",
        school=cast.alder,
        rights=[("PLC time", "decides")],
    )
    chair = actions.add_seat(
        None,
        alder,
        label="Chair",
        position="chair",
        selection="elected",
        eligibility_rules=["teacher", "from_school"],
    )
    ex = actions.add_seat(None, alder, label="Principal", position="member", selection="ex_officio")
    vacant = actions.add_seat(
        None,
        alder,
        label="Teacher seat",
        position="member",
        selection="elected",
        eligibility_rules=["teacher", "from_school"],
    )
    actions.fill_seat(None, chair, cast.teacher_staff, start=start)
    actions.fill_seat(None, ex, cast.principal_staff, start=start)
    district = actions.create_body(
        None,
        cast.district,
        name="Northfield Curriculum Council",
        kind="curriculum_council",
        purpose="Recommends curriculum.",
        scope="district",
    )
    seat = actions.add_seat(
        None,
        district,
        label="Teacher seat",
        position="member",
        selection="elected",
        eligibility_rules=["teacher"],
    )
    actions.fill_seat(None, seat, cast.teacher_other_school_staff, start=start)

    held = actions.schedule_meeting(
        None,
        alder,
        title="October meeting",
        starts_at=_at(today - dt.timedelta(days=7), 15),
        ends_at=_at(today - dt.timedelta(days=7), 16),
        agenda=["Minutes", "PLC time"],
    )
    for person in (cast.teacher_staff, cast.principal_staff):
        actions.record_attendance(None, held, person, "present")
    decided = actions.raise_proposal(
        None,
        alder,
        cast.teacher_staff,
        title="A data coach",
        problem="No time for data.",
        proposal="Create a data-coach role.",
        meeting=held,
        carries_out="create_role",
        carry_out_fields={
            "key": "data-coach",
            "title": "Data coach",
            "role_type": "coach",
            "purpose": "Coach teams on data.",
            "duties": "Meet teams",
        },
    )
    poll = actions.start_poll(None, decided, kind="consent", meeting=held)
    consent = poll.options.get(meaning="consent")
    for person in (cast.teacher_staff, cast.principal_staff):
        actions.cast_ballot(None, poll, person, {consent.pk: 1})
    actions.close_poll(None, poll, review_on=today + dt.timedelta(days=90))
    actions.write_minutes(None, held, "1. Minutes approved.\n2. The data coach was agreed.", None)
    for _ in range(3):
        actions.advance_minutes(None, held, None)
    nxt = actions.schedule_meeting(
        None,
        alder,
        title="November meeting",
        starts_at=_at(today + dt.timedelta(days=7), 15),
        ends_at=_at(today + dt.timedelta(days=7), 16),
    )
    open_proposal = actions.raise_proposal(
        None,
        alder,
        cast.teacher_staff,
        title="Later start on Fridays",
        problem="Tired teams.",
        proposal="Start PLC at 8:30 on Fridays.",
    )
    open_poll = actions.start_poll(None, open_proposal, kind="yes_no")
    (attachment,) = actions.attach_files(
        None, open_proposal, cast.teacher_staff, [text_file("survey.txt", "PLC survey: 12 of 15")]
    )
    election = actions.call_election(None, alder, [vacant])
    decided.refresh_from_db()
    return World(
        alder,
        district,
        chair,
        vacant,
        held,
        nxt,
        decided,
        decided.decision,
        open_proposal,
        open_poll,
        election,
        attachment,
    )


def world(cast: Cast) -> World:
    """The world for this cast, built once (the access matrix calls it from URL builders)."""
    found: Any = getattr(cast, "_councils_world", None)
    if found is None:
        found = build_world(cast)
        cast._councils_world = found  # type: ignore[attr-defined]
    return found


def weighted_council(
    cast: Cast,
    shares: tuple[int, int, int, int] = (2, 1, 1, 3),
    *,
    proxies: bool = True,
    per_holder: int = 1,
    absentee: bool = False,
) -> Body:
    """A district council whose bylaws weigh seats (Ada, Pat, Ben, Rae hold ``shares``
    votes, in that order) and, by default, allow one proxy a member."""
    body = actions.create_body(
        None,
        cast.district,
        name="Weighted Council",
        kind="advisory_cabinet",
        purpose="Advises the district; seats weigh their constituencies.",
        scope="district",
        allows_proxies=proxies,
        proxies_per_holder=per_holder,
        allows_absentee_votes=absentee,
    )
    people = (
        cast.teacher_staff,
        cast.principal_staff,
        cast.teacher_other_school_staff,
        cast.reviewer_staff,
    )
    start = timezone.localdate() - dt.timedelta(days=30)
    for i, (person, share) in enumerate(zip(people, shares, strict=True)):
        seat = actions.add_seat(
            None, body, label=f"Seat {i + 1}", position="member", selection="appointed", share=share
        )
        actions.fill_seat(None, seat, person, start=start)
    return body


def weighted_poll(body: Body, raised_by: Any, **kwargs: Any) -> Poll:
    """A poll of ``body`` on a fresh proposal ``raised_by`` a member."""
    p = actions.raise_proposal(
        None, body, raised_by, title=kwargs.pop("title", "Weighted"), problem="p", proposal="q"
    )
    return actions.start_poll(None, p, **kwargs)


def proxy_world(cast: Cast) -> Poll:
    """An open named vote of the weighted council in which Pat has given Ada a proxy, built
    once for this cast (the access matrix's proxy rows)."""
    found: Any = getattr(cast, "_councils_proxy_poll", None)
    if found is None:
        body = weighted_council(cast)
        found = weighted_poll(body, cast.teacher_staff, kind="yes_no", title="Pilot the maps")
        actions.give_proxy(None, found, cast.principal_staff, cast.teacher_staff)
        cast._councils_proxy_poll = found  # type: ignore[attr-defined]
    return found


def stipend_decision(cast: Cast) -> Decision:
    """A passed decision of the district council to pay the Mentor teacher role (no holders
    yet) $5,500, waiting for the talent office to carry it out; built once per cast."""
    found: Any = getattr(cast, "_councils_stipend_decision", None)
    if found is not None:
        return found
    from lattice.roles import actions as role_actions

    body = world(cast).district
    from lattice.roles.models import LeadershipRole

    # The roles world may have installed the Mentor teacher already (one title per catalogue).
    mentor = LeadershipRole.objects.filter(
        district=cast.district, title="Mentor teacher"
    ).first() or role_actions.install_template(None, cast.district, "iowa-mentor", activate=True)
    proposal = actions.raise_proposal(
        None,
        body,
        cast.teacher_other_school_staff,
        title="A fairer mentor stipend",
        problem="Mentors now lead curriculum work each month.",
        proposal="Pay the Mentor teacher role $5,500 a year.",
        carries_out="change_stipend",
        carry_out_fields={"role": mentor.pk, "stipend_dollars": 5500},
    )
    poll = actions.start_poll(None, proposal, kind="yes_no")
    yes = poll.options.get(meaning="yes")
    actions.cast_ballot(None, poll, cast.teacher_other_school_staff, {yes.pk: 1})
    actions.close_poll(None, poll)
    proposal.refresh_from_db()
    found = proposal.decision
    cast._councils_stipend_decision = found  # type: ignore[attr-defined]
    return found
