"""Proposals, polls and ballots, elections for seats, and closing a count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from lattice.audit.log import record
from lattice.councils import counting, eligibility
from lattice.councils.actions.bodies import fill_seat, seat_school
from lattice.councils.actions.common import CouncilError, _today
from lattice.councils.actions.decisions import checked_carry_out, record_decision
from lattice.councils.actions.meetings import members_on, quorum
from lattice.councils.models import (
    Attendance,
    Ballot,
    Body,
    EligibleVoter,
    Meeting,
    Poll,
    PollKind,
    PollOption,
    PollStatus,
    Presence,
    Proposal,
    ProposalStatus,
    Seat,
    Workflow,
)
from lattice.lib.actors import Actor
from lattice.people.models import Assignment, School, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year


@transaction.atomic
def raise_proposal(
    actor: Actor,
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
    fields = checked_carry_out(body, carries_out, carry_out_fields)
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
        carry_out_fields=fields,
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
def second_proposal(actor: Actor, proposal: Proposal, person: StaffMember) -> Proposal:
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
    actor: Actor,
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
def call_election(actor: Actor, body: Body, seats: Iterable[Seat], *, title: str = "") -> Poll:
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
def nominate(actor: Actor, poll: Poll, candidate: StaffMember, statement: str) -> PollOption:
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
def open_voting(actor: Actor, poll: Poll) -> Poll:
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
def hide_results(actor: Actor, poll: Poll) -> Poll:
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
    actor: Actor, poll: Poll, voter: StaffMember, choices: Mapping[int, int], reason: str = ""
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
    absentee = is_absentee(poll, voter)
    if absentee and not poll.body.allows_absentee_votes:
        raise CouncilError(
            f"voter: {voter} is recorded absent from {poll.meeting}, and the bylaws of "
            f"{poll.body} allow no absentee votes; only members present vote in its polls."
        )
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
        if absentee:
            poll.absentee_ballots += 1
            poll.save(update_fields=["absentee_ballots"])
    record(
        actor=actor,
        action="councils.ballot.cast",
        obj=poll,
        district=poll.body.district,
        staff_member=voter,
        after={} if poll.anonymous else {"choices": clean},
    )
    return ballot


def is_absentee(poll: Poll, voter: StaffMember) -> bool:
    """Whether ``voter`` is recorded absent or excused from the meeting the poll belongs to
    (a member with no attendance recorded is not an absentee)."""
    if poll.meeting_id is None:
        return False
    return Attendance.objects.filter(
        meeting_id=poll.meeting_id,
        member=voter,
        presence__in=(Presence.ABSENT, Presence.EXCUSED),
    ).exists()


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


def score_spreads(poll: Poll) -> list[counting.ScoreSpread]:
    """How the ballots scored each option of a score vote, in the options' order."""
    ids = list(poll.options.values_list("pk", flat=True))
    return counting.score_spreads(ids, _ballots(poll))


def _ballots(poll: Poll) -> list[dict[int, int]]:
    return [{int(k): v for k, v in b.choices.items()} for b in poll.ballots.all()]


@transaction.atomic
def close_poll(
    actor: Actor, poll: Poll, *, review_on: dt.date | None = None, owner: StaffMember | None = None
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
        "absentee": poll.absentee_ballots,
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
        winners = {o.pk: o.candidate for o in poll.options.all() if o.candidate is not None}
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
