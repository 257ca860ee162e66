"""The network's uses of the councils app, through its public actions: convening a network
cabinet (a councils body of kind "network cabinet", scope "the network", with a seat for each
member district), and raising a Teach to Lead idea as a proposal to a council the proposer
sits on."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from lattice.audit.log import record
from lattice.councils.actions import (
    CouncilError,
    add_seat,
    create_body,
    members_on,
    raise_proposal,
    vacate_seat,
)
from lattice.councils.models import (
    Body,
    BodyKind,
    BodyScope,
    Proposal,
    Seat,
    SeatPosition,
    Selection,
)
from lattice.councils.models.bodies import seats_held_q
from lattice.lib.actors import Actor
from lattice.lib.formatting import day
from lattice.network.actions.common import NetworkError, require
from lattice.network.models import Idea, IdeaFeedback, NetworkCabinet, TeamMember
from lattice.network.models.ideas import TeamRole
from lattice.people.models import District, Network


@transaction.atomic
def convene_cabinet(
    actor: Actor, network: Network, host: District, *, name: str, purpose: str
) -> NetworkCabinet:
    """A network cabinet, kept by ``host`` (a member district), with one seat per member
    district, which only that district's staff hold (each district's office appoints to its
    own); its meetings, votes and decisions run in the councils app."""
    if host.network_id != network.pk:
        raise NetworkError(f"host: {host} is not a member of {network}.")
    require(name=name, purpose=purpose)
    try:
        body = create_body(
            actor,
            host,
            name=name,
            kind=BodyKind.NETWORK_CABINET,
            purpose=purpose,
            scope=BodyScope.NETWORK,
        )
        # First: the cabinet row tells the councils app which districts the body spans.
        cabinet = NetworkCabinet.objects.create(network=network, body=body)
        for member in network.districts.order_by("name"):
            add_seat(
                actor,
                body,
                label=f"{member.name} seat",
                position=SeatPosition.MEMBER,
                selection=Selection.APPOINTED,
                constituency=member.name,
                constituency_district=member,
            )
    except CouncilError as exc:
        raise NetworkError(f"cabinet: {exc}") from exc
    record(
        actor=actor,
        action="network.cabinet.convene",
        obj=body,
        district=host,
        after={"network": network.key},
    )
    return cabinet


def vacate_cabinet_seats(actor: Actor, network: Network, district: District, on: dt.date) -> int:
    """End, on ``on``, the cabinet seats of ``network`` held by ``district``'s staff on that
    day or after (the district is leaving): through the councils app's ``vacate_seat``, one
    audit entry each. Returns how many seats were vacated."""
    held = Seat.objects.filter(
        Q(term_end__isnull=True) | Q(term_end__gte=on),
        holder__isnull=False,
        body__in=NetworkCabinet.objects.filter(network=network).values("body_id"),
        holder__district=district,
    ).select_related("body__district", "holder")
    vacated = 0
    for seat in held:
        vacate_seat(actor, seat, on=on)
        vacated += 1
    return vacated


def councils_of(seat: TeamMember | None, on: dt.date) -> list[Body]:
    """The open bodies the team member sits on today, where they may raise the idea."""
    if seat is None or seat.role == TeamRole.FRIEND:
        return []
    return list(
        Body.objects.filter(closed_on__isnull=True, seats__holder=seat.staff_member)
        .filter(seats_held_q(on, "seats__"))
        .distinct()
        .order_by("name")
    )


@transaction.atomic
def propose_idea_to_council(
    actor: Actor, idea: Idea, seat: TeamMember | None, body: Body, *, on: dt.date
) -> Proposal:
    """A team member who sits on ``body`` raises the idea there as a proposal: the problem
    from the logic model, the proposal from its activities and the plan's steps."""
    if seat is None or seat.idea_id != idea.pk or seat.role == TeamRole.FRIEND:
        raise NetworkError("team: only the idea's team can take it to a council.")
    staff = seat.staff_member
    if staff not in members_on(body, on):
        raise NetworkError(f"council: you do not sit on {body}; a member raises its proposals.")
    if not (idea.problem.strip() and idea.activities.strip()):
        raise NetworkError(
            "logic model: write the problem and the activities first; the proposal is made "
            "from them."
        )
    steps = [f"- {s.description} (by {day(s.due)})" for s in idea.steps.all()]
    text = idea.activities.strip() + ("\n\nAction plan:\n" + "\n".join(steps) if steps else "")
    rationale = "\n".join(
        part
        for part in (
            f"Outcomes: {idea.outcomes.strip()}" if idea.outcomes.strip() else "",
            f"Measures: {idea.measures.strip()}" if idea.measures.strip() else "",
            f"A Teach to Lead idea of the {idea.network.name}.",
        )
        if part
    )
    try:
        proposal = raise_proposal(
            actor,
            body,
            staff,
            title=idea.title[:200],
            problem=idea.problem,
            proposal=text,
            rationale=rationale,
        )
    except CouncilError as exc:
        raise NetworkError(f"proposal: {exc}") from exc
    IdeaFeedback.objects.create(
        idea=idea, author=seat, progress=True, text=f"Raised as a proposal to {body.name}."
    )
    record(
        actor=actor,
        action="network.idea.to_council",
        obj=idea,
        district=idea.district,
        staff_member=staff,
        after={"body": body.name, "proposal": proposal.pk},
    )
    return proposal
