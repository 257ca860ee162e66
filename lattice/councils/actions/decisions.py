"""The decision register and carrying decisions out in Lattice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Count

from lattice.audit.log import record
from lattice.councils.actions.carry_outs import CARRY_OUTS, Shown, carry_out_for, shown
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


def carry_out_preview(decision: Decision) -> Shown | None:
    """What the decision changes in Lattice, as its page shows it: the preview before it is
    carried out, what it made after (None: it changes nothing in Lattice)."""
    proposal = decision.proposal
    if proposal is None or not proposal.carries_out:
        return None
    return shown(
        decision.body, proposal.carries_out, proposal.carry_out_fields, decision.carried_out_as
    )


def may_carry_out(actor: Actor, decision: Decision) -> bool:
    """Whether ``actor`` is who carries this decision out (the carry-out says who)."""
    proposal = decision.proposal
    if proposal is None or proposal.carries_out not in CARRY_OUTS:
        return False
    return CARRY_OUTS[proposal.carries_out].may_carry_out(actor, decision.body)


@transaction.atomic
def carry_out(actor: Actor, decision: Decision) -> Decision:
    """Carry out what the decision decided, once, after its vote passed, through the owning
    app's action (:mod:`lattice.councils.actions.carry_outs`), which audits it too.

    Refused (``CouncilError``) before the vote passes, when already carried out, for anyone
    but who the carry-out names (``None``, the system, may: the demo loader), and when its
    preview says it cannot be carried out as voted (a policy draft changed since the vote).
    """
    # Lock the decision's row, then read it afresh: two officers confirming at once carry
    # it out once.
    Decision.objects.select_for_update().filter(pk=decision.pk).exists()
    decision.refresh_from_db(fields=["carried_out_as", "status"])
    proposal = decision.proposal
    if proposal is None or not proposal.carries_out:
        raise CouncilError("Decision: this decision changes nothing in Lattice.")
    entry = carry_out_for(proposal.carries_out)
    if proposal.status != ProposalStatus.ACCEPTED:
        raise CouncilError("Decision: its vote has not passed, so nothing is carried out yet.")
    if decision.carried_out_as:
        raise CouncilError(f"Decision: already carried out as {decision.carried_out_as}.")
    if actor is not None and not entry.may_carry_out(actor, decision.body):
        raise CouncilError(
            f"Decision: only {entry.carried_out_by} carries this decision out "
            f"({entry.label.lower()})."
        )
    preview = entry.preview(decision.body, proposal.carry_out_fields)
    if preview.refusal:
        raise CouncilError(f"Decision: it cannot be carried out as voted. {preview.refusal}")
    done = entry.carry_out(actor, decision)
    decision.carried_out_as = done.record[:200]
    decision.status = DecisionStatus.DONE
    decision.save(update_fields=["carried_out_as", "status"])
    record(
        actor=actor,
        action="councils.decision.carry_out",
        obj=decision,
        district=decision.body.district,
        after={"carries_out": entry.key, **done.audit},
        summary=f"{entry.label}: {done.record.split(':', 2)[-1]}",
    )
    return decision


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    rows = meeting.attendance.values("presence").annotate(n=Count("pk"))
    return {r["presence"]: r["n"] for r in rows}


def carry_out_preview_for(proposal: Proposal) -> Shown | None:
    """What the proposal would change in Lattice if it passes (None: nothing)."""
    if not proposal.carries_out:
        return None
    return shown(proposal.body, proposal.carries_out, proposal.carry_out_fields)


def checked_carry_out(
    body: Body, carries_out: str, fields: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The fields a proposal carrying out ``carries_out`` keeps, checked for ``body`` when
    it is raised (``CouncilError`` saying what to fix); empty for a proposal that changes
    nothing in Lattice."""
    if not carries_out:
        return {}
    return carry_out_for(carries_out).check(body, fields or {})
