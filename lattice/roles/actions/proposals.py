"""Proposal actions: a teacher-proposed role, principal then district review."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lattice.audit.log import record
from lattice.people.models import School, StaffMember
from lattice.roles.actions.catalogue import free_key, save_role
from lattice.roles.actions.common import RoleError, clean
from lattice.roles.models import (
    ProposalStatus,
    RoleOrigin,
    RoleProposal,
    RoleStatus,
    RoleType,
)

# --- proposals -----------------------------------------------------------------------------


@transaction.atomic
def submit_proposal(
    actor: Any,
    proposer: StaffMember,
    *,
    school: School,
    co_proposers: list[StaffMember],
    **fields: Any,
) -> RoleProposal:
    if school.district_id != proposer.district_id:
        raise RoleError("school: choose a school of your district.")
    proposal = RoleProposal(
        district=proposer.district, school=school, submitted_by=proposer, **fields
    )
    clean(proposal)
    proposal.save()
    team = [proposer] + [p for p in co_proposers if p.district_id == proposer.district_id]
    proposal.proposers.set(team)
    record(
        actor=actor,
        action="roles.proposal.submit",
        obj=proposal,
        district=proposal.district,
        staff_member=proposer,
        after={"title": proposal.title, "team": [str(p) for p in team]},
    )
    return proposal


@transaction.atomic
def review_proposal(
    actor: Any, proposal: RoleProposal, *, stage: str, decision: str, note: str
) -> RoleProposal:
    """Principal review (stage 'principal') then district review (stage 'district').

    decision: approve | return | decline. A district approval adds the role to the catalogue
    as active, marked as a teacher proposal.
    """
    expected = {
        "principal": (ProposalStatus.SUBMITTED, ProposalStatus.RETURNED),
        "district": (ProposalStatus.PRINCIPAL_APPROVED,),
    }
    if stage not in expected:
        raise RoleError("stage: principal or district.")
    if proposal.status not in expected[stage]:
        raise RoleError(
            f"This proposal is '{proposal.get_status_display()}'; it is not "
            f"waiting for {stage} review."
        )
    if decision not in ("approve", "return", "decline"):
        raise RoleError("decision: approve, return or decline.")
    if decision != "approve" and not note.strip():
        raise RoleError("note: tell the proposers why, so they can act on it.")
    before = {"status": proposal.status}
    if stage == "principal":
        proposal.principal_note = note.strip()
    else:
        proposal.district_note = note.strip()
    proposal.status = {
        "return": ProposalStatus.RETURNED,
        "decline": ProposalStatus.DECLINED,
        "approve": (
            ProposalStatus.PRINCIPAL_APPROVED if stage == "principal" else ProposalStatus.APPROVED
        ),
    }[decision]
    if proposal.status == ProposalStatus.APPROVED:
        proposal.role = save_role(
            actor,
            proposal.district,
            key=free_key(proposal.district, proposal.title),
            title=proposal.title,
            role_type=RoleType.OTHER,
            purpose=proposal.problem,
            duties=proposal.duties,
            release_percent=proposal.release_percent,
            extra_days=proposal.extra_days,
            stipend_dollars=proposal.stipend_dollars,
            status=RoleStatus.ACTIVE,
            origin=RoleOrigin.PROPOSAL,
            source=f"Teacher proposal #{proposal.pk}; measure of success: "
            f"{proposal.success_measure}"[:300],
        )
    proposal.save()
    record(
        actor=actor,
        action=f"roles.proposal.{stage}_review",
        obj=proposal,
        district=proposal.district,
        before=before,
        after={"status": proposal.status, "note": note.strip()[:200]},
    )
    return proposal
