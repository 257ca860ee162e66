"""Proposals, polls and ballots, proxies, elections for seats, and closing a count.

Voting shares: when a poll opens each voter's seat share is copied into the snapshot
(:class:`EligibleVoter`), and every ballot weighs that share. Proxies: where a body's bylaws
allow, a member gives their vote in one poll to another eligible member present, who casts
it as a separate ballot; see :func:`give_proxy`.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lattice.audit.log import record
from lattice.councils import counting, eligibility
from lattice.councils.actions.bodies import fill_seat, seat_school, sitting_refusal
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
    Proxy,
    Seat,
    Workflow,
    seats_held_q,
)
from lattice.councils.spans import seat_districts
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
    _snapshot_voters(poll, members_with_shares(body, _today()))
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


def members_with_shares(body: Body, day: dt.date) -> list[tuple[StaffMember, int]]:
    """The body's members on ``day``, each with their seat's voting share."""
    return [
        (s.holder, s.share)
        for s in body.seats.filter(seats_held_q(day)).select_related("holder")
        if s.holder is not None
    ]


def seat_shares(body: Body, day: dt.date) -> int:
    """The votes of all the body's filled seats on ``day``: the sum of their shares."""
    return sum(share for _, share in members_with_shares(body, day))


def _snapshot_voters(poll: Poll, voters: Iterable[tuple[StaffMember, int]]) -> None:
    EligibleVoter.objects.bulk_create(
        [
            EligibleVoter(poll=poll, voter=v, share=share)
            for v, share in {v.pk: (v, share) for v, share in voters}.values()
        ]
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
    drawn = {seat_districts(seat) for seat in chosen}
    if len(drawn) > 1:
        raise CouncilError(
            "seats: elect together only seats that draw on the same districts; a seat that "
            "represents one member district is elected on its own."
        )
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
    seat = poll.seats.select_related("body__district").first()
    refusal = sitting_refusal(seat, candidate) if seat is not None else None
    if seat is None and (candidate.district_id != poll.body.district_id or not candidate.active):
        refusal = f"{candidate} is not active staff of the district."
    if refusal is not None:
        raise CouncilError(f"candidate: {refusal}")
    checks = eligibility.check(candidate, seat, _today()) if seat is not None else []
    failed = [c.reason for c in checks if not c.met]
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


def election_positions(poll: Poll) -> list[str]:
    """The staff positions an election draws on: those its seats are open to
    (``Seat.eligible_positions``, read from the staff records), in the seats' order. A seat
    open to nurses is elected by the nurses and nominates from them."""
    out: list[str] = []
    for positions in poll.seats.order_by("position", "pk").values_list(
        "eligible_positions", flat=True
    ):
        out.extend(p for p in positions if p not in out)
    return out


def election_voters(poll: Poll) -> list[StaffMember]:
    """The electorate: the active staff this year, in the positions the seats are open to
    (:func:`election_positions`; by default teachers and instructional coaches), of the
    districts the seats draw on (the body's district; for a network cabinet, its member
    districts, or the one district a seat represents), of the seat's school when the seat (or
    the body) represents one."""
    _, school = election_rules(poll)
    seat = poll.seats.select_related("body").first()
    districts = seat_districts(seat) if seat is not None else frozenset({poll.body.district_id})
    positions = election_positions(poll) or sorted(TEACHING_POSITIONS)
    ids: set[int] = set()
    for district_id in sorted(districts):
        rows = Assignment.objects.filter(
            school_year=current_school_year(district_id),
            position__in=positions,
            staff_member__active=True,
            staff_member__district_id=district_id,
        )
        if school is not None:
            rows = rows.filter(school=school)
        ids.update(rows.values_list("staff_member_id", flat=True))
    return list(StaffMember.objects.filter(pk__in=ids))


@transaction.atomic
def open_voting(actor: Actor, poll: Poll) -> Poll:
    if poll.status != PollStatus.NOMINATING:
        raise CouncilError("poll: voting is already open or closed.")
    if poll.options.count() == 0:
        raise CouncilError("candidates: nobody is standing yet; take nominations first.")
    poll.status = PollStatus.OPEN
    poll.save(update_fields=["status"])
    # The electorate of an election is the school's or district's teachers: one vote each.
    _snapshot_voters(poll, [(v, 1) for v in election_voters(poll)])
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


def _share(poll: Poll, voter: StaffMember) -> int:
    """``voter``'s share in the poll's snapshot; refuses whoever was not in it."""
    row = poll.eligible.filter(voter=voter).first()
    if row is None:
        raise CouncilError(f"voter: {voter} was not eligible when the poll opened.")
    return row.share


def _has_voted(poll: Poll, voter: StaffMember) -> bool:
    return poll.eligible.filter(voter=voter, voted=True).exists()


def _write_ballot(
    poll: Poll,
    voter: StaffMember,
    share: int,
    clean: dict[str, int],
    reason: str,
    *,
    cast_by: StaffMember | None = None,
) -> tuple[Ballot, bool]:
    """Write (or, in a named poll, change) ``voter``'s ballot; returns it and whether this
    was their first. A secret ballot is ``share`` rows of weight 1 with no voter and no
    caster, so neither a row nor its weight points to anyone, written among the poll's
    other secret ballots all rewritten in random order; it cannot be changed."""
    voted = _has_voted(poll, voter)
    if poll.anonymous:
        if voted:
            who = "you have voted" if cast_by is None else f"{voter}'s vote is cast"
            raise CouncilError(f"ballot: {who}; a secret ballot cannot be changed.")
        written = _rewrite_secret_ballots(poll, [clean] * share)
        ballot = next(b for b in written if b.choices == clean)
    else:
        ballot, _ = Ballot.objects.update_or_create(
            poll=poll,
            voter=voter,
            defaults={
                "choices": clean,
                "reason": reason.strip(),
                "weight": share,
                "cast_by": cast_by,
            },
        )
    if not voted:
        # A mark on the snapshot row written when the poll opened, never a row written now:
        # the record of who voted keeps no order of voting.
        poll.eligible.filter(voter=voter).update(voted=True)
    return ballot, not voted


def _rewrite_secret_ballots(poll: Poll, new: Sequence[dict[str, int]] = ()) -> list[Ballot]:
    """Rewrite all of a secret poll's ballots, with ``new`` ones among them, in random order
    under new random ids, in the caller's transaction; returns the rows written. So the
    rows' storage order (SQLite's rowid, PostgreSQL's ctid) and their ids never follow the
    order of voting, and a voter's share rows lie wherever the shuffle puts them, not side
    by side. Cast and close both call it; see docs/councils.md, "What a secret ballot hides,
    and when"."""
    rows = [*poll.ballots.values_list("choices", flat=True), *new]
    random.SystemRandom().shuffle(rows)
    poll.ballots.all().delete()
    return Ballot.objects.bulk_create(
        Ballot(id=uuid.uuid4(), poll=poll, voter=None, choices=choices) for choices in rows
    )


def _rewrite_secret_snapshot(poll: Poll) -> None:
    """Rewrite a secret poll's eligibility snapshot in the order of the staff register
    (voter id) under new ids: marking a row ``voted`` is an update, and PostgreSQL writes an
    updated row anew (a new ctid), so the marked rows' storage order would otherwise follow
    the order of voting."""
    rows = list(poll.eligible.order_by("voter_id").values_list("voter_id", "share", "voted"))
    poll.eligible.all().delete()
    EligibleVoter.objects.bulk_create(
        EligibleVoter(poll=poll, voter_id=voter, share=share, voted=voted)
        for voter, share, voted in rows
    )


@transaction.atomic
def cast_ballot(
    actor: Actor, poll: Poll, voter: StaffMember, choices: Mapping[int, int], reason: str = ""
) -> Ballot:
    """Cast (or, in a named poll, change) ``voter``'s ballot, weighing their share. A secret
    ballot is written without the voter, and only a mark on their snapshot row says they
    voted; it cannot be changed. A member who gave a proxy votes only after revoking it."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        raise CouncilError("poll: voting is not open.")
    share = _share(poll, voter)
    clean = _clean_choices(poll, choices)
    given = Proxy.objects.filter(poll=poll, giver=voter).select_related("holder").first()
    if given is not None:
        raise CouncilError(
            f"voter: {voter} gave their vote in this poll to {given.holder} as a proxy; "
            "revoke the proxy first to vote yourself."
        )
    absentee = is_absentee(poll, voter)
    if absentee and not poll.body.allows_absentee_votes:
        raise CouncilError(
            f"voter: {voter} is recorded absent from {poll.meeting}, and the bylaws of "
            f"{poll.body} allow no absentee votes; only members present vote in its polls."
        )
    ballot, first = _write_ballot(poll, voter, share, clean, reason)
    if first and absentee:
        poll.absentee_ballots += 1
        poll.save(update_fields=["absentee_ballots"])
    record(
        actor=actor,
        action="councils.ballot.cast",
        obj=poll,
        district=poll.body.district,
        staff_member=voter,
        after={} if poll.anonymous else {"choices": _choices_named(poll, clean)},
    )
    return ballot


def _choices_named(poll: Poll, clean: Mapping[str, int]) -> dict[str, int]:
    """A named ballot's choices as the audit log reads them: by option name ("Yes": 1), not
    by the option's row id."""
    names = dict(poll.options.values_list("pk", "name"))
    return {str(names.get(int(k), k)): v for k, v in clean.items()}


def _proxy_holder_problem(poll: Poll, holder: StaffMember) -> str:
    """Why ``holder`` cannot hold or cast a proxy in ``poll`` now ('' when they can): they
    must be in the snapshot and not recorded absent from the poll's meeting."""
    if not poll.eligible.filter(voter=holder).exists():
        return (
            f"holder: {holder} was not eligible to vote when the poll opened; "
            "a proxy goes to a voter of this poll."
        )
    if is_absentee(poll, holder):
        return (
            f"holder: {holder} is recorded absent from {poll.meeting}; "
            "a proxy is held and cast by a member present."
        )
    return ""


@transaction.atomic
def give_proxy(actor: Actor, poll: Poll, giver: StaffMember, holder: StaffMember) -> Proxy:
    """``giver`` hands their vote in ``poll`` to ``holder``, where the body's bylaws allow
    proxies. The giver must not have voted, the holder must be an eligible voter present
    (not recorded absent from the poll's meeting), nobody hands on a vote they hold (no
    chains), one proxy a giver, and a holder holds at most the bylaws' number. A member
    absent from the meeting may give one even where absentee votes are not allowed."""
    poll = Poll.objects.select_for_update().select_related("body").get(pk=poll.pk)
    body = poll.body
    if not body.allows_proxies:
        raise CouncilError(
            f"proxy: the bylaws of {body} allow no proxies; each member casts their own vote."
        )
    if poll.kind == PollKind.ELECTION:
        raise CouncilError(
            "proxy: an election's voters are the electorate, not the body's members; "
            "each casts their own secret ballot."
        )
    if poll.status != PollStatus.OPEN:
        raise CouncilError("proxy: voting is not open.")
    if giver == holder:
        raise CouncilError("holder: choose another member to cast your vote.")
    _share(poll, giver)
    if _has_voted(poll, giver):
        raise CouncilError(f"proxy: {giver} has voted; a vote cast cannot be handed on.")
    given = Proxy.objects.filter(poll=poll, giver=giver).select_related("holder").first()
    if given is not None:
        raise CouncilError(
            f"proxy: {giver} already gave their vote to {given.holder}; "
            "one proxy a member a poll: revoke it first."
        )
    problem = _proxy_holder_problem(poll, holder)
    if problem:
        raise CouncilError(problem)
    if Proxy.objects.filter(poll=poll, giver=holder).exists():
        raise CouncilError(
            f"holder: {holder} has given their own vote to another member; a vote handed "
            "on cannot be handed on again (no chains of proxies)."
        )
    if Proxy.objects.filter(poll=poll, holder=giver).exists():
        raise CouncilError(
            f"proxy: {giver} holds another member's proxy, so cannot hand on their own vote "
            "(no chains of proxies); the giver may revoke it first."
        )
    held = Proxy.objects.filter(poll=poll, holder=holder).count()
    if held >= body.proxies_per_holder:
        n = body.proxies_per_holder
        raise CouncilError(
            f"holder: {holder} already holds {held} prox{'y' if held == 1 else 'ies'}; the "
            f"bylaws of {body} allow {n} prox{'y' if n == 1 else 'ies'} a member in a poll."
        )
    proxy = Proxy.objects.create(poll=poll, giver=giver, holder=holder)
    record(
        actor=actor,
        action="councils.proxy.give",
        obj=poll,
        district=body.district,
        staff_member=giver,
        after={"holder": str(holder)},
    )
    return proxy


@transaction.atomic
def revoke_proxy(actor: Actor, poll: Poll, giver: StaffMember) -> None:
    """``giver`` takes their vote back, while neither they (through the holder) nor the
    holder has voted."""
    poll = Poll.objects.select_for_update().select_related("body").get(pk=poll.pk)
    proxy = Proxy.objects.filter(poll=poll, giver=giver).select_related("holder").first()
    if proxy is None:
        raise CouncilError(f"proxy: {giver} has given no proxy in this poll.")
    if poll.status != PollStatus.OPEN:
        raise CouncilError("proxy: voting is closed; the proxy stands as it was.")
    if _has_voted(poll, giver):
        raise CouncilError(
            f"proxy: {proxy.holder} has cast {giver}'s vote; a proxy used cannot be revoked."
        )
    if _has_voted(poll, proxy.holder):
        raise CouncilError(
            f"proxy: {proxy.holder} has voted; a proxy is revocable only before either of "
            "you has voted."
        )
    holder = proxy.holder
    proxy.delete()
    record(
        actor=actor,
        action="councils.proxy.revoke",
        obj=poll,
        district=poll.body.district,
        staff_member=giver,
        before={"holder": str(holder)},
    )


@transaction.atomic
def cast_proxy_ballot(
    actor: Actor,
    poll: Poll,
    holder: StaffMember,
    giver: StaffMember,
    choices: Mapping[int, int],
    reason: str = "",
) -> Ballot:
    """``holder`` casts the vote ``giver`` handed them, as a ballot apart from their own and
    weighing the giver's share. A named one records both (the giver as voter, the holder as
    who cast it) and may be changed; a secret one records neither and cannot be. The poll
    counts proxy ballots, never marking a secret one."""
    poll = Poll.objects.select_for_update().select_related("body").get(pk=poll.pk)
    if poll.status != PollStatus.OPEN:
        raise CouncilError("poll: voting is not open.")
    if not Proxy.objects.filter(poll=poll, giver=giver, holder=holder).exists():
        raise CouncilError(f"proxy: {holder} holds no proxy from {giver} in this poll.")
    problem = _proxy_holder_problem(poll, holder)
    if problem:
        raise CouncilError(problem)
    share = _share(poll, giver)
    clean = _clean_choices(poll, choices)
    ballot, first = _write_ballot(poll, giver, share, clean, reason, cast_by=holder)
    if first:
        poll.proxy_ballots += 1
        poll.save(update_fields=["proxy_ballots"])
    record(
        actor=actor,
        action="councils.proxy.cast",
        obj=poll,
        district=poll.body.district,
        staff_member=giver,
        after={"cast_by": str(holder)}
        | ({} if poll.anonymous else {"choices": _choices_named(poll, clean)}),
    )
    return ballot


def proxies_held(poll: Poll, holder: StaffMember) -> list[Proxy]:
    return list(poll.proxies.filter(holder=holder).select_related("giver"))


def proxies_of(poll: Poll, person: StaffMember) -> list[Proxy]:
    """The proxies ``person`` holds in ``poll`` and the one they gave, in one query."""
    return list(
        poll.proxies.filter(Q(holder=person) | Q(giver=person)).select_related("giver", "holder")
    )


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


def _weighted_ballots(poll: Poll) -> tuple[list[dict[int, int]], list[int]]:
    rows = list(poll.ballots.all())
    return [{int(k): v for k, v in b.choices.items()} for b in rows], [b.weight for b in rows]


def present_shares(poll: Poll) -> int:
    """The votes of the members present, for a threshold "of the members present": the
    shares of the voters recorded present at the poll's meeting, and of those whose proxy a
    member present holds (every voter's share when the poll belongs to no meeting). Quorum
    itself stays a count of people present (:func:`quorum`)."""
    shares = dict(poll.eligible.values_list("voter_id", "share"))
    if poll.meeting_id is None:
        return sum(shares.values())
    present = set(
        Attendance.objects.filter(
            meeting_id=poll.meeting_id, presence=Presence.PRESENT
        ).values_list("member_id", flat=True)
    )
    represented = {g for g, h in poll.proxies.values_list("giver_id", "holder_id") if h in present}
    return sum(share for voter, share in shares.items() if voter in present | represented)


def count(poll: Poll) -> counting.Outcome:
    """Count the poll's ballots, each weighing its weight (a seat's share)."""
    options = list(poll.options.all())
    ids = [o.pk for o in options]
    ballots, weights = _weighted_ballots(poll)
    if poll.kind in (PollKind.YES_NO, PollKind.CONSENT):
        by_meaning = {o.pk: o.meaning for o in options}
        tally = {m: 0 for m in ("yes", "no", "abstain", "consent", "object")}
        for b, w in zip(ballots, weights, strict=True):
            for k in b:
                tally[by_meaning[k]] += w
        if poll.kind == PollKind.CONSENT:
            return counting.count_consent(tally["consent"], tally["object"])
        day = (
            timezone.localtime(poll.meeting.starts_at).date()
            if poll.meeting is not None
            else poll.opened_on
        )
        return counting.count_yes_no(
            tally["yes"],
            tally["no"],
            tally["abstain"],
            threshold=poll.threshold,
            base=poll.base,
            present=present_shares(poll),
            seats=seat_shares(poll.body, day) or seat_shares(poll.body, poll.opened_on),
        )
    if poll.kind == PollKind.SCORE:
        return counting.count_scores(ids, ballots, weights)
    if poll.kind == PollKind.RANKED:
        rankings = [sorted(b, key=b.__getitem__) for b in ballots]
        return counting.count_ranked(ids, rankings, weights)
    return counting.count_election(
        ids, [list(b) for b in ballots], max(poll.seats.count(), 1), weights
    )


def figures(poll: Poll) -> Mapping[str, int]:
    """The counts a poll's page shows, in votes (ballots times their weights): the stored
    count once closed; while open, the live count (first preferences for ranked choice: the
    runoff itself is counted at closing)."""
    if poll.status == PollStatus.CLOSED and poll.result:
        return dict(poll.result.get("figures", {}))
    if poll.kind == PollKind.RANKED:
        ids = list(poll.options.values_list("pk", flat=True))
        ballots, weights = _weighted_ballots(poll)
        return counting.first_preferences(
            ids, [sorted(b, key=b.__getitem__) for b in ballots], weights
        )
    return count(poll).figures


def score_spreads(poll: Poll) -> list[counting.ScoreSpread]:
    """How the votes scored each option of a score vote, in the options' order."""
    ids = list(poll.options.values_list("pk", flat=True))
    ballots, weights = _weighted_ballots(poll)
    return counting.score_spreads(ids, ballots, weights=weights)


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
        "ballots": poll.eligible.filter(voted=True).count(),
        "votes": sum(poll.ballots.values_list("weight", flat=True)),
        "eligible": poll.eligible.count(),
        "absentee": poll.absentee_ballots,
        "proxy": poll.proxy_ballots,
    }
    poll.save()
    if poll.anonymous:
        # Counted first, rewritten after, in the same transaction: nothing a secret poll
        # leaves behind keeps the order of voting, and the count is the same either way.
        _rewrite_secret_ballots(poll)
        _rewrite_secret_snapshot(poll)
    record(
        actor=actor,
        action="councils.poll.close",
        obj=poll,
        district=poll.body.district,
        # A yes/no vote passes or fails (its reason says which); only a choice among
        # options or candidates has winners to name.
        after={"reason": outcome.reason}
        | ({"winners": poll.result["winner_names"]} if poll.result["winner_names"] else {}),
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
