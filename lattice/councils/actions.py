"""The only place the councils app writes: each action is one transaction and one audit
entry (or more), and refuses bad input with a sentence naming the field and the fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from lattice.audit.log import record
from lattice.councils import counting, eligibility
from lattice.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Body,
    BodyScope,
    Decision,
    DecisionRight,
    DecisionStatus,
    EligibleVoter,
    Meeting,
    MinutesStage,
    MinutesVersion,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
    Presence,
    Proposal,
    ProposalStatus,
    Seat,
    Workflow,
    seats_held_q,
)
from lattice.people.models import Assignment, District, School, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year


class CouncilError(ValueError):
    """A councils action refused its input; the message says what to fix."""


def _today() -> dt.date:
    return timezone.localdate()


# --- bodies and seats ---------------------------------------------------------------------


@transaction.atomic
def create_body(
    actor: Any,
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
        after={"kind": kind, "scope": scope, "rights": [list(r) for r in rights]},
    )
    return body


@transaction.atomic
def add_seat(
    actor: Any,
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
) -> Seat:
    rules = list(eligibility_rules)
    unknown = [r for r in rules if r not in eligibility.RULES]
    if unknown:
        raise CouncilError(f"eligibility: unknown rule(s) {', '.join(unknown)}.")
    if not label.strip():
        raise CouncilError("label: name the seat, e.g. 'Teacher seat, Alder'.")
    if term_years < 1:
        raise CouncilError("term: a term lasts at least one year.")
    school = constituency_school or (body.school if body.scope == BodyScope.SCHOOL else None)
    seat = Seat.objects.create(
        body=body,
        label=label.strip(),
        position=position,
        selection=selection,
        term_years=term_years,
        term_limit=term_limit,
        eligibility=rules,
        constituency=constituency or (school.name if school else ""),
        constituency_school=school,
    )
    record(
        actor=actor,
        action="councils.seat.create",
        obj=seat,
        district=body.district,
        after={"position": position, "selection": selection, "eligibility": rules},
    )
    return seat


def seat_school(seat: Seat) -> School | None:
    return seat.constituency_school or seat.body.school


def seat_checks(seat: Seat, person: StaffMember, day: dt.date) -> list[eligibility.Check]:
    return eligibility.check(person, list(seat.eligibility), day, seat_school(seat))


@transaction.atomic
def fill_seat(
    actor: Any, seat: Seat, person: StaffMember, *, start: dt.date | None = None, how: str = ""
) -> Seat:
    """Seat ``person`` for one term from ``start``: they must be active staff of the district,
    meet the seat's eligibility rules, hold no other seat on the body and be within the
    seat's term limit."""
    seat = Seat.objects.select_for_update().select_related("body__district").get(pk=seat.pk)
    start = start or _today()
    body = seat.body
    if person.district_id != body.district_id or not person.active:
        raise CouncilError(f"member: {person} is not active staff of {body.district}.")
    failed = [c.reason for c in seat_checks(seat, person, start) if not c.met]
    if failed:
        raise CouncilError(f"member: {person} is not eligible for {seat.label}: {' '.join(failed)}")
    others = body.seats.filter(seats_held_q(start), holder=person).exclude(pk=seat.pk)
    if others.exists():
        raise CouncilError(f"member: {person} already holds {others.first().label} on {body}.")
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
        },
        summary=how,
    )
    return seat


@transaction.atomic
def vacate_seat(actor: Any, seat: Seat, *, on: dt.date | None = None) -> Seat:
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


# --- meetings -----------------------------------------------------------------------------


@transaction.atomic
def schedule_meeting(
    actor: Any,
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
    actor: Any,
    meeting: Meeting,
    *,
    title: str,
    owner: StaffMember | None = None,
    parent: AgendaItem | None = None,
    minutes: int | None = None,
) -> AgendaItem:
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
    actor: Any,
    meeting: Meeting,
    member: StaffMember,
    presence: str,
    *,
    arrived_at: dt.time | None = None,
    left_at: dt.time | None = None,
) -> Attendance:
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


@transaction.atomic
def write_minutes(
    actor: Any, meeting: Meeting, text: str, author: StaffMember | None
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
def advance_minutes(actor: Any, meeting: Meeting, author: StaffMember | None) -> MinutesVersion:
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
    )
    return version


# --- proposals, polls, ballots ------------------------------------------------------------


@transaction.atomic
def raise_proposal(
    actor: Any,
    body: Body,
    person: StaffMember,
    *,
    title: str,
    problem: str,
    proposal: str,
    rationale: str = "",
    cost: Any = None,
    carries_out: str = "",
    carry_out_fields: Mapping[str, Any] | None = None,
    meeting: Meeting | None = None,
) -> Proposal:
    if person not in members_on(body, _today()):
        raise CouncilError(f"member: only members of {body} raise its proposals.")
    for field, value in (("title", title), ("problem", problem), ("proposal", proposal)):
        if not value.strip():
            raise CouncilError(f"{field}: this is required; say it in a sentence or two.")
    if carries_out and carries_out not in CARRY_OUTS:
        raise CouncilError(f"carries out: unknown action '{carries_out}'.")
    p = Proposal.objects.create(
        body=body,
        title=title.strip(),
        problem=problem.strip(),
        proposal=proposal.strip(),
        rationale=rationale.strip(),
        cost=cost,
        raised_by=person,
        raised_on=_today(),
        carries_out=carries_out,
        carry_out_fields=dict(carry_out_fields or {}),
        meeting=meeting,
    )
    record(
        actor=actor,
        action="councils.proposal.raise",
        obj=p,
        district=body.district,
        staff_member=person,
    )
    return p


@transaction.atomic
def second_proposal(actor: Any, proposal: Proposal, person: StaffMember) -> Proposal:
    """Formal workflow: another member seconds ("permits") the proposal before a vote."""
    if proposal.status != ProposalStatus.SUBMITTED:
        raise CouncilError("status: only a submitted proposal can be seconded.")
    if person == proposal.raised_by or person not in members_on(proposal.body, _today()):
        raise CouncilError("member: another member of the body seconds a proposal.")
    proposal.status = ProposalStatus.PERMITTED
    proposal.save(update_fields=["status"])
    record(
        actor=actor,
        action="councils.proposal.second",
        obj=proposal,
        district=proposal.body.district,
        staff_member=person,
    )
    return proposal


OPTIONS_BY_KIND = {
    PollKind.YES_NO: [("Yes", "yes"), ("No", "no"), ("Abstain", "abstain")],
    PollKind.CONSENT: [("Consent", "consent"), ("Object", "object")],
}


@transaction.atomic
def start_poll(
    actor: Any,
    proposal: Proposal,
    *,
    kind: str,
    threshold: str = "majority",
    base: str = "cast",
    anonymous: bool = False,
    hide_results: bool = False,
    options: Iterable[str] = (),
    meeting: Meeting | None = None,
) -> Poll:
    body = proposal.body
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.PERMITTED):
        raise CouncilError(f"status: the proposal is {proposal.get_status_display().lower()}.")
    if body.workflow == Workflow.FORMAL and proposal.status != ProposalStatus.PERMITTED:
        raise CouncilError("workflow: under the formal workflow a member must second it first.")
    if kind == PollKind.ELECTION:
        raise CouncilError("kind: elections fill seats; open one from the body's page.")
    names = [o.strip() for o in options if o.strip()]
    if kind in (PollKind.RANKED, PollKind.SCORE) and len(names) < 2:
        raise CouncilError("options: ranked and score votes need at least two options, one a line.")
    poll = Poll.objects.create(
        body=body,
        proposal=proposal,
        meeting=meeting or proposal.meeting,
        title=proposal.title,
        kind=kind,
        threshold=threshold,
        base=base,
        anonymous=anonymous,
        hide_results=hide_results,
        status=PollStatus.OPEN,
        opened_on=_today(),
    )
    pairs = OPTIONS_BY_KIND.get(PollKind(kind), [(n, "") for n in names])
    for i, (name, meaning) in enumerate(pairs):
        PollOption.objects.create(poll=poll, name=name, meaning=meaning, position=i)
    _snapshot_voters(poll, members_on(body, _today()))
    proposal.status = ProposalStatus.VOTING
    proposal.save(update_fields=["status"])
    record(
        actor=actor,
        action="councils.poll.open",
        obj=poll,
        district=body.district,
        after={"kind": kind, "anonymous": anonymous, "voters": poll.eligible.count()},
    )
    return poll


def _snapshot_voters(poll: Poll, voters: Iterable[StaffMember]) -> None:
    EligibleVoter.objects.bulk_create(
        [EligibleVoter(poll=poll, voter=v) for v in {v.pk: v for v in voters}.values()]
    )


@transaction.atomic
def call_election(actor: Any, body: Body, seats: Iterable[Seat], *, title: str = "") -> Poll:
    """Open nominations for vacant or expiring elected seats; the ballot is always secret."""
    chosen = list(seats)
    if not chosen:
        raise CouncilError("seats: choose at least one seat to elect.")
    for seat in chosen:
        if seat.body_id != body.pk:
            raise CouncilError(f"seats: {seat.label} is not a seat of {body}.")
    poll = Poll.objects.create(
        body=body,
        title=title or f"Election: {', '.join(s.label for s in chosen)}",
        kind=PollKind.ELECTION,
        anonymous=True,
        status=PollStatus.NOMINATING,
        opened_on=_today(),
    )
    poll.seats.set(chosen)
    record(
        actor=actor,
        action="councils.election.call",
        obj=poll,
        district=body.district,
        after={"seats": [s.label for s in chosen]},
    )
    return poll


def election_rules(poll: Poll) -> tuple[list[str], School | None]:
    seat = poll.seats.first()
    if seat is None:
        return [], None
    return list(seat.eligibility), seat_school(seat)


@transaction.atomic
def nominate(actor: Any, poll: Poll, candidate: StaffMember, statement: str) -> PollOption:
    if poll.kind != PollKind.ELECTION or poll.status != PollStatus.NOMINATING:
        raise CouncilError("poll: nominations are closed.")
    if candidate.district_id != poll.body.district_id or not candidate.active:
        raise CouncilError(f"candidate: {candidate} is not active staff of the district.")
    rules, school = election_rules(poll)
    failed = [c.reason for c in eligibility.check(candidate, rules, _today(), school) if not c.met]
    if failed:
        raise CouncilError(f"candidate: {candidate} is not eligible: {' '.join(failed)}")
    if poll.options.filter(candidate=candidate).exists():
        raise CouncilError(f"candidate: {candidate} is already standing.")
    option = PollOption.objects.create(
        poll=poll,
        name=str(candidate),
        candidate=candidate,
        statement=statement.strip(),
        position=poll.options.count(),
    )
    record(
        actor=actor,
        action="councils.candidacy.submit",
        obj=poll,
        district=poll.body.district,
        staff_member=candidate,
    )
    return option


def election_voters(poll: Poll) -> list[StaffMember]:
    """The electorate: the district's active teachers this year, of the seat's school when
    the seat (or the body) represents one."""
    _, school = election_rules(poll)
    year = current_school_year(poll.body.district_id)
    rows = Assignment.objects.filter(
        school_year=year,
        position__in=TEACHING_POSITIONS,
        staff_member__active=True,
        staff_member__district_id=poll.body.district_id,
    )
    if school is not None:
        rows = rows.filter(school=school)
    ids = set(rows.values_list("staff_member_id", flat=True))
    return list(StaffMember.objects.filter(pk__in=ids))


@transaction.atomic
def open_voting(actor: Any, poll: Poll) -> Poll:
    if poll.status != PollStatus.NOMINATING:
        raise CouncilError("poll: voting is already open or closed.")
    if poll.options.count() == 0:
        raise CouncilError("candidates: nobody is standing yet; take nominations first.")
    poll.status = PollStatus.OPEN
    poll.save(update_fields=["status"])
    _snapshot_voters(poll, election_voters(poll))
    record(
        actor=actor,
        action="councils.poll.open",
        obj=poll,
        district=poll.body.district,
        after={"kind": poll.kind, "voters": poll.eligible.count()},
    )
    return poll


@transaction.atomic
def hide_results(actor: Any, poll: Poll) -> Poll:
    """One way: once hidden, results stay hidden until the poll closes."""
    poll.hide_results = True
    poll.save(update_fields=["hide_results"])
    record(actor=actor, action="councils.poll.hide_results", obj=poll, district=poll.body.district)
    return poll


def _clean_choices(poll: Poll, choices: Mapping[int, int]) -> dict[str, int]:
    option_ids = set(poll.options.values_list("pk", flat=True))
    picked = {int(k): int(v) for k, v in choices.items() if int(v) > 0 or poll.kind == "score"}
    if not picked or not set(picked) <= option_ids:
        raise CouncilError("ballot: choose from the poll's options.")
    if poll.kind in (PollKind.YES_NO, PollKind.CONSENT) and len(picked) != 1:
        raise CouncilError("ballot: choose exactly one option.")
    if poll.kind == PollKind.ELECTION and len(picked) > max(poll.seats.count(), 1):
        raise CouncilError(f"ballot: mark at most {poll.seats.count()} candidates.")
    if poll.kind == PollKind.SCORE and not all(0 <= v <= 5 for v in picked.values()):
        raise CouncilError("ballot: scores go from 0 to 5.")
    if poll.kind == PollKind.RANKED:
        ranks = sorted(picked.values())
        if ranks != list(range(1, len(ranks) + 1)):
            raise CouncilError("ballot: number your choices 1, 2, 3… without gaps or repeats.")
    return {str(k): v for k, v in picked.items()}


@transaction.atomic
def cast_ballot(
    actor: Any, poll: Poll, voter: StaffMember, choices: Mapping[int, int], reason: str = ""
) -> Ballot:
    """Cast (or, in a named poll, change) ``voter``'s ballot. A secret ballot is written
    without the voter, and only a receipt says they voted; it cannot be changed."""
    from lattice.councils.models import VoterReceipt

    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        raise CouncilError("poll: voting is not open.")
    if not poll.eligible.filter(voter=voter).exists():
        raise CouncilError(f"voter: {voter} was not eligible when the poll opened.")
    clean = _clean_choices(poll, choices)
    voted = VoterReceipt.objects.filter(poll=poll, voter=voter).exists()
    if poll.anonymous:
        if voted:
            raise CouncilError("ballot: you have voted; a secret ballot cannot be changed.")
        ballot = Ballot.objects.create(poll=poll, voter=None, choices=clean)
    else:
        ballot, _ = Ballot.objects.update_or_create(
            poll=poll, voter=voter, defaults={"choices": clean, "reason": reason.strip()}
        )
    if not voted:
        VoterReceipt.objects.create(poll=poll, voter=voter)
    record(
        actor=actor,
        action="councils.ballot.cast",
        obj=poll,
        district=poll.body.district,
        staff_member=voter,
        after={} if poll.anonymous else {"choices": clean},
    )
    return ballot


def count(poll: Poll) -> counting.Outcome:
    options = list(poll.options.all())
    ids = [o.pk for o in options]
    ballots = [{int(k): v for k, v in b.choices.items()} for b in poll.ballots.all()]
    if poll.kind in (PollKind.YES_NO, PollKind.CONSENT):
        by_meaning = {o.pk: o.meaning for o in options}
        tally = {m: 0 for m in ("yes", "no", "abstain", "consent", "object")}
        for b in ballots:
            for k in b:
                tally[by_meaning[k]] += 1
        if poll.kind == PollKind.CONSENT:
            return counting.count_consent(tally["consent"], tally["object"])
        present = filled = 0
        if poll.meeting is not None:
            present, filled, _ = quorum(poll.meeting)
        else:
            present = poll.eligible.count()
        filled = filled or len(members_on(poll.body, poll.opened_on))
        return counting.count_yes_no(
            tally["yes"],
            tally["no"],
            tally["abstain"],
            threshold=poll.threshold,
            base=poll.base,
            present=present,
            seats=filled,
        )
    if poll.kind == PollKind.SCORE:
        return counting.count_scores(ids, ballots)
    if poll.kind == PollKind.RANKED:
        rankings = [sorted(b, key=b.__getitem__) for b in ballots]
        return counting.count_ranked(ids, rankings)
    return counting.count_election(ids, [list(b) for b in ballots], max(poll.seats.count(), 1))


def figures(poll: Poll) -> Mapping[str, int]:
    """The counts a poll's page shows: the stored count once closed; while open, the live
    count (first preferences for ranked choice: the runoff itself is counted at closing)."""
    if poll.status == PollStatus.CLOSED and poll.result:
        return dict(poll.result.get("figures", {}))
    if poll.kind == PollKind.RANKED:
        ids = list(poll.options.values_list("pk", flat=True))
        return counting.first_preferences(
            ids, [sorted(b, key=b.__getitem__) for b in _ballots(poll)]
        )
    return count(poll).figures


def _ballots(poll: Poll) -> list[dict[int, int]]:
    return [{int(k): v for k, v in b.choices.items()} for b in poll.ballots.all()]


@transaction.atomic
def close_poll(
    actor: Any, poll: Poll, *, review_on: dt.date | None = None, owner: StaffMember | None = None
) -> Poll:
    """Count the ballots and act on the outcome: an election fills its seats with the
    winners; a proposal is accepted (and enters the decision register) or rejected."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        raise CouncilError("poll: only an open poll can be closed.")
    if poll.meeting is not None and not quorum(poll.meeting)[2]:
        raise CouncilError("quorum: the meeting has no quorum; a vote taken there cannot count.")
    outcome = count(poll)
    names = {o.pk: o.name for o in poll.options.all()}
    poll.status = PollStatus.CLOSED
    poll.closed_on = _today()
    poll.result = outcome.as_json() | {
        "winner_names": [names[w] for w in outcome.winners],
        "tied_names": [names[t] for t in outcome.tied],
        "ballots": poll.ballots.count(),
        "eligible": poll.eligible.count(),
    }
    poll.save()
    record(
        actor=actor,
        action="councils.poll.close",
        obj=poll,
        district=poll.body.district,
        after={"reason": outcome.reason, "winners": poll.result["winner_names"]},
    )
    if poll.kind == PollKind.ELECTION:
        seats = list(poll.seats.order_by("position", "pk"))
        winners = {o.pk: o.candidate for o in poll.options.all()}
        for seat, option_id in zip(seats, outcome.winners, strict=False):
            fill_seat(actor, seat, winners[option_id], how=f"elected in {poll.title}")
        return poll
    proposal = poll.proposal
    if proposal is not None:
        if outcome.passed:
            proposal.status = ProposalStatus.ACCEPTED
            statement = proposal.proposal
            if poll.kind in (PollKind.RANKED, PollKind.SCORE) and outcome.winners:
                statement = f"{proposal.proposal}\nChosen: {names[outcome.winners[0]]}."
            record_decision(
                actor,
                proposal.body,
                statement=statement,
                proposal=proposal,
                poll=poll,
                vote_summary=outcome.reason,
                owner=owner,
                review_on=review_on or _today() + dt.timedelta(days=365),
            )
        else:
            proposal.status = (
                ProposalStatus.NOT_DECIDED if outcome.tied else ProposalStatus.REJECTED
            )
        proposal.save(update_fields=["status"])
    return poll


# --- the decision register ----------------------------------------------------------------


@transaction.atomic
def record_decision(
    actor: Any,
    body: Body,
    *,
    statement: str,
    proposal: Proposal | None = None,
    poll: Poll | None = None,
    vote_summary: str = "",
    owner: StaffMember | None = None,
    review_on: dt.date | None = None,
    decided_on: dt.date | None = None,
) -> Decision:
    meeting = (poll.meeting if poll else None) or (proposal.meeting if proposal else None)
    decision = Decision.objects.create(
        body=body,
        proposal=proposal,
        poll=poll,
        meeting=meeting,
        agenda_item=proposal.agenda_item if proposal else None,
        statement=statement,
        vote_summary=vote_summary[:300],
        decided_on=decided_on or _today(),
        owner=owner,
        review_on=review_on,
    )
    record(
        actor=actor,
        action="councils.decision.record",
        obj=decision,
        district=body.district,
        after={"review_on": str(review_on or ""), "vote": vote_summary[:200]},
    )
    return decision


@transaction.atomic
def update_decision(
    actor: Any,
    decision: Decision,
    *,
    status: str,
    review_on: dt.date | None,
    owner: StaffMember | None,
) -> Decision:
    if status not in DecisionStatus.values:
        raise CouncilError("status: choose one of the listed statuses.")
    if owner is not None and owner.district_id != decision.body.district_id:
        raise CouncilError("owner: choose someone of this district.")
    before = {
        "status": decision.status,
        "review_on": str(decision.review_on or ""),
        "owner": str(decision.owner or ""),
    }
    decision.status, decision.review_on, decision.owner = status, review_on, owner
    decision.save()
    record(
        actor=actor,
        action="councils.decision.update",
        obj=decision,
        district=decision.body.district,
        before=before,
        after={"status": status, "review_on": str(review_on or ""), "owner": str(owner or "")},
    )
    return decision


def reviews_due(district: District, on: dt.date | None = None) -> list[Decision]:
    on = on or _today()
    return list(
        Decision.objects.filter(body__district=district, review_on__lte=on)
        .exclude(status=DecisionStatus.SUPERSEDED)
        .select_related("body")
    )


# What a decision can carry out in Lattice, through the owning app's public actions.
CARRY_OUTS = {"create_role": "Add a leadership role to the district's catalogue"}


def carry_out_preview(decision: Decision) -> list[tuple[str, str]]:
    proposal = decision.proposal
    if proposal is None or not proposal.carries_out:
        return []
    return [(k, str(v)) for k, v in proposal.carry_out_fields.items()]


@transaction.atomic
def carry_out(actor: Any, decision: Decision) -> Decision:
    """Carry out what the decision decided, once, after its vote passed: today, create the
    catalogue role it names through the roles app's ``save_role`` (which audits it too)."""
    from lattice.roles.actions import RoleError, save_role

    proposal = decision.proposal
    if proposal is None or not proposal.carries_out:
        raise CouncilError("decision: this decision changes nothing in Lattice.")
    if proposal.status != ProposalStatus.ACCEPTED:
        raise CouncilError("decision: its vote has not passed.")
    if decision.carried_out_as:
        raise CouncilError(f"decision: already carried out as {decision.carried_out_as}.")
    try:
        role = save_role(actor, decision.body.district, **proposal.carry_out_fields)
    except RoleError as exc:
        raise CouncilError(f"carry out: the role cannot be created: {exc}") from exc
    decision.carried_out_as = f"role:{role.pk}:{role.title}"
    decision.status = DecisionStatus.DONE
    decision.save(update_fields=["carried_out_as", "status"])
    record(
        actor=actor,
        action="councils.decision.carry_out",
        obj=decision,
        district=decision.body.district,
        after={"role": role.title},
    )
    return decision


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    rows = meeting.attendance.values("presence").annotate(n=Count("pk"))
    return {r["presence"]: r["n"] for r in rows}


def carry_out_preview_for(proposal: Proposal) -> list[tuple[str, str]]:
    if not proposal.carries_out:
        return []
    return [("Action", CARRY_OUTS.get(proposal.carries_out, proposal.carries_out))] + [
        (k, str(v)) for k, v in proposal.carry_out_fields.items()
    ]
