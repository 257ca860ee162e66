"""The decision register and carrying decisions out in Lattice."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count

from lattice.audit.log import record
from lattice.councils.actions.common import CouncilError, _today
from lattice.councils.models import (
    Body,
    Decision,
    DecisionStatus,
    Meeting,
    Poll,
    Proposal,
    ProposalStatus,
)
from lattice.lib.actors import Actor
from lattice.people.models import District, StaffMember


@transaction.atomic
def record_decision(
    actor: Actor,
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
    actor: Actor,
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


FIELD_LABELS = {
    "key": "Short id",
    "title": "Title",
    "role_type": "Kind of role",
    "purpose": "Purpose",
    "duties": "Duties",
}


def _preview(proposal: Proposal) -> list[tuple[str, str]]:
    return [("Action", CARRY_OUTS.get(proposal.carries_out, proposal.carries_out))] + [
        (FIELD_LABELS.get(k, k.replace("_", " ").capitalize()), "; ".join(str(v).splitlines()))
        for k, v in proposal.carry_out_fields.items()
    ]


def carry_out_preview(decision: Decision) -> list[tuple[str, str]]:
    proposal = decision.proposal
    if proposal is None or not proposal.carries_out:
        return []
    return _preview(proposal)


@transaction.atomic
def carry_out(actor: Actor, decision: Decision) -> Decision:
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
    return _preview(proposal)
