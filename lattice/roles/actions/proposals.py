"""Proposal actions: a teacher-proposed role, principal then district review, changes asked
for and made, and — once approved — the role in the catalogue and the proposer placed.

Every step is written to the proposal's history (:class:`ProposalEvent`), audited, and told
to whoever it now waits on (the principal, the district, the proposers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.fields import model_field
from lattice.lib.formatting import money
from lattice.notifications.send import notify
from lattice.people.models import School, StaffMember
from lattice.people.queries import current_school_year, officer_users, principal_users, today
from lattice.roles.actions.assignments import assign_role
from lattice.roles.actions.catalogue import free_key, save_role
from lattice.roles.actions.common import RoleError, clean
from lattice.roles.actions.selection import create_posting
from lattice.roles.models import (
    LeadershipRole,
    PositionScope,
    Posting,
    ProposalEvent,
    ProposalScope,
    ProposalStatus,
    ProposalStep,
    RoleAssignment,
    RoleOrigin,
    RoleProposal,
    RoleStatus,
    RoleType,
    Selector,
)

# The fields a proposer writes (and may change when it comes back to them), in form order.
PROPOSAL_FIELDS = (
    "title",
    "problem",
    "duties",
    "scope",
    "positions",
    "release_percent",
    "extra_days",
    "stipend_dollars",
    "success_measure",
)

DECISIONS = ("approve", "return", "decline")


def _shown(name: str, value: Any) -> str:
    """A proposal field's value as its page shows it (the history's before and after)."""
    choices = dict(model_field(RoleProposal, name).flatchoices)
    if value in choices:
        return str(choices[value])
    if name == "stipend_dollars":
        return money(value)
    if name == "release_percent":
        return f"{value}%"
    return str(value)


def _link(proposal: RoleProposal) -> str:
    return reverse("roles:proposal", args=[proposal.pk])


def _tell_principals(proposal: RoleProposal, *, again: bool) -> None:
    verb = "changed and sent again" if again else "proposed"
    for user in principal_users(proposal.school):
        notify(
            user,
            kind="roles.proposal_waiting",
            subject=f"A role proposal waits for your review: {proposal.title}",
            body=f"{proposal.submitted_by} {verb} “{proposal.title}” at {proposal.school}. "
            "Approve it to send it to the district, return it for changes, or decline it.",
            link=_link(proposal),
        )


def _tell_district(
    proposal: RoleProposal, *, again: bool = False, by_principal: bool = False
) -> None:
    what = (
        "was changed and sent again"
        if again
        else "was proposed by the school's principal"
        if by_principal
        else "was approved by the principal"
    )
    for user in officer_users(proposal.district_id):
        notify(
            user,
            kind="roles.proposal_waiting",
            subject=f"A role proposal waits for the district: {proposal.title}",
            body=f"“{proposal.title}” ({proposal.school}) {what} and now waits for the "
            "district's review.",
            link=_link(proposal),
        )


def _tell_proposers(proposal: RoleProposal, kind: str, subject: str, body: str) -> None:
    for staff in proposal.proposers.select_related("user"):
        notify(staff.user, kind=kind, subject=subject, body=body, link=_link(proposal))


def _event(
    proposal: RoleProposal,
    actor: Actor,
    step: str,
    *,
    stage: str = "",
    note: str = "",
    changes: list[dict[str, Any]] | None = None,
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        step=step,
        stage=stage,
        actor=signed_in(actor),
        note=note,
        changes=changes or [],
    )


@transaction.atomic
def submit_proposal(
    actor: Actor,
    proposer: StaffMember,
    *,
    school: School,
    co_proposers: list[StaffMember],
    **fields: Any,
) -> RoleProposal:
    if school.district_id != proposer.district_id:
        raise RoleError("Choose a school of your own district.")
    proposal = RoleProposal(
        district=proposer.district, school=school, submitted_by=proposer, **fields
    )
    clean(proposal)
    proposal.save()
    team = [proposer] + [p for p in co_proposers if p.district_id == proposer.district_id]
    proposal.proposers.set(team)
    _event(proposal, actor, ProposalStep.SUBMITTED)
    record(
        actor=actor,
        action="roles.proposal.submit",
        obj=proposal,
        district=proposal.district,
        staff_member=proposer,
        after={"title": proposal.title, "team": [str(p) for p in team]},
    )
    if proposer.user_id is not None and any(
        u.pk == proposer.user_id for u in principal_users(school)
    ):
        # A principal does not review their own proposal: it goes straight to the district,
        # and the history says why it skipped the principal's review.
        proposal.status = ProposalStatus.PRINCIPAL_APPROVED
        proposal.save(update_fields=["status"])
        _event(
            proposal,
            actor,
            ProposalStep.PRINCIPAL_APPROVED,
            stage="principal",
            note="Proposed by the school's principal, so it went straight to the district.",
        )
        _tell_district(proposal, by_principal=True)
    else:
        _tell_principals(proposal, again=False)
    return proposal


def can_edit(user: Actor, proposal: RoleProposal) -> bool:
    """The proposers change a proposal while it is back with them (returned for changes)."""
    return (
        proposal.status == ProposalStatus.RETURNED
        and proposal.proposers.filter(user=signed_in(user), user__isnull=False).exists()
    )


def returned_by(proposal: RoleProposal) -> str:
    """Who returned the proposal ('principal' or 'district'), so it goes back to them."""
    last = proposal.events.filter(step=ProposalStep.RETURNED).order_by("-at", "-pk").first()
    return last.stage if last is not None and last.stage else "principal"


@transaction.atomic
def resubmit_proposal(
    actor: Actor, proposal: RoleProposal, *, note: str = "", **fields: Any
) -> RoleProposal:
    """The proposers change a returned proposal and send it back to whoever returned it; the
    history keeps what changed (each field's label, before and after)."""
    proposal = RoleProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.RETURNED:
        raise RoleError(
            f"This proposal is “{proposal.get_status_display().lower()}”; only a proposal "
            "returned for changes can be changed and sent again."
        )
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise RoleError(f"These cannot be changed on a proposal: {', '.join(sorted(unknown))}.")
    changes = []
    for name in PROPOSAL_FIELDS:
        if name not in fields:
            continue
        before, after = getattr(proposal, name), fields[name]
        if before != after:
            label = str(model_field(RoleProposal, name).verbose_name)
            changes.append(
                {
                    "label": label[:1].upper() + label[1:],
                    "before": _shown(name, before),
                    "after": _shown(name, after),
                }
            )
            setattr(proposal, name, after)
    if not changes and not note.strip():
        raise RoleError(
            "Nothing changed. Change the proposal as the note asked, or write a note saying "
            "why it should stand as it is."
        )
    clean(proposal)
    to = returned_by(proposal)
    proposal.status = (
        ProposalStatus.PRINCIPAL_APPROVED if to == "district" else ProposalStatus.SUBMITTED
    )
    proposal.save()
    _event(proposal, actor, ProposalStep.RESUBMITTED, stage=to, note=note.strip(), changes=changes)
    record(
        actor=actor,
        action="roles.proposal.resubmit",
        obj=proposal,
        district=proposal.district,
        before={"status": ProposalStatus.RETURNED},
        after={"status": proposal.status, "changed": [c["label"] for c in changes]},
    )
    if to == "district":
        _tell_district(proposal, again=True)
    else:
        _tell_principals(proposal, again=True)
    return proposal


def _role_from(actor: Actor, proposal: RoleProposal) -> LeadershipRole:
    """The catalogue role the proposal asked for: a pilot at the proposer's school, a role of
    every school, or district-wide positions — with the positions it asked for."""
    pilot = proposal.scope == ProposalScope.PILOT
    return save_role(
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
        position_scope=(
            PositionScope.PER_DISTRICT
            if proposal.scope == ProposalScope.DISTRICT
            else PositionScope.PER_SCHOOL
        ),
        positions=proposal.positions,
        pilot_school=proposal.school if pilot else None,
        selected_by=Selector.PRINCIPAL if pilot else Selector.PANEL,
        status=RoleStatus.ACTIVE,
        origin=RoleOrigin.PROPOSAL,
        source=f"Teacher proposal #{proposal.pk}; measure of success: {proposal.success_measure}"[
            :300
        ],
    )


@transaction.atomic
def review_proposal(
    actor: Actor, proposal: RoleProposal, *, stage: str, decision: str, note: str
) -> RoleProposal:
    """Principal review (stage 'principal') then district review (stage 'district').

    decision: approve | return | decline. A district approval adds the role to the catalogue
    as proposed (a pilot at the school, every school, or district-wide; its positions) and
    offers to place the proposer (:func:`place_proposer`).
    """
    expected = {
        "principal": (ProposalStatus.SUBMITTED,),
        "district": (ProposalStatus.PRINCIPAL_APPROVED,),
    }
    if stage not in expected:
        raise RoleError("Only the principal or the district reviews a proposal.")
    who = "the principal" if stage == "principal" else "the district"
    if proposal.status not in expected[stage]:
        raise RoleError(
            f"This proposal is “{proposal.get_status_display().lower()}”; it is not waiting "
            f"for {who}."
        )
    if decision not in DECISIONS:
        raise RoleError("Choose a decision: approve, return for changes, or decline.")
    if decision != "approve" and not note.strip():
        raise RoleError(
            "Write a note to the proposers saying why, so they can act on it."
            if decision == "return"
            else "Write a note to the proposers saying why you decline it."
        )
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
        proposal.role = _role_from(actor, proposal)
    proposal.save()
    step = {
        ProposalStatus.RETURNED: ProposalStep.RETURNED,
        ProposalStatus.DECLINED: ProposalStep.DECLINED,
        ProposalStatus.PRINCIPAL_APPROVED: ProposalStep.PRINCIPAL_APPROVED,
        ProposalStatus.APPROVED: ProposalStep.APPROVED,
    }[ProposalStatus(proposal.status)]
    _event(proposal, actor, step, stage=stage, note=note.strip())
    record(
        actor=actor,
        action=f"roles.proposal.{stage}_review",
        obj=proposal,
        district=proposal.district,
        before=before,
        after={"status": proposal.status, "note": note.strip()[:200]},
    )
    title = proposal.title
    if decision == "return":
        _tell_proposers(
            proposal,
            "roles.proposal_returned",
            f"Your proposal came back for changes: {title}",
            f"{who.capitalize()} asks for changes: {note.strip()} Edit the proposal and send "
            "it again from its page.",
        )
    elif decision == "decline":
        _tell_proposers(
            proposal,
            "roles.proposal_declined",
            f"Your proposal was declined: {title}",
            f"{who.capitalize()} declined it: {note.strip()}",
        )
    elif stage == "principal":
        _tell_proposers(
            proposal,
            "roles.proposal_moved",
            f"Your principal approved your proposal: {title}",
            "It now waits for the district's review.",
        )
        _tell_district(proposal)
    else:
        _tell_proposers(
            proposal,
            "roles.proposal_approved",
            f"Your proposal was approved: {title}",
            f"{title} is in the catalogue: "
            f"{proposal.role.positions_text() if proposal.role else 'as proposed'}. The district "
            "will place you in it or open a posting you can apply to.",
        )
    return proposal


def placement_choices(proposal: RoleProposal) -> dict[str, Any]:
    """What placing the proposer could do now: give them the role for the current school
    year, or open a posting at their school. Empty when the role is already placed."""
    role = proposal.role
    if role is None or proposal.status != ProposalStatus.APPROVED:
        return {}
    year = current_school_year(proposal.district)
    if year is None:
        return {}
    held = RoleAssignment.objects.filter(role=role, school_year=year, status="active").exists()
    posted = Posting.objects.filter(role=role, school_year=year).exists()
    if held or posted:
        return {}
    return {"year": year, "proposer": proposal.submitted_by, "role": role}


@transaction.atomic
def place_proposer(actor: Actor, proposal: RoleProposal, *, how: str) -> RoleAssignment | Posting:
    """After approval: ``assign`` gives the proposer the role for the current school year;
    ``post`` opens a posting at their school (for the proposed positions) they can apply to."""
    choices = placement_choices(proposal)
    if not choices:
        raise RoleError(
            "There is nothing to place: the proposal is not approved, or the role is already "
            "held or posted this school year."
        )
    role, year = choices["role"], choices["year"]
    placed: RoleAssignment | Posting
    if how == "assign":
        placed = assign_role(
            actor,
            role,
            proposal.submitted_by,
            year,
            school=proposal.school,
            summary=f"placed as the proposer of {proposal.title}",
        )
        note = f"{proposal.submitted_by} holds {role.title} in {year.label}."
    elif how == "post":
        placed = create_posting(
            actor,
            role,
            school=proposal.school,
            school_year=year,
            opens_on=today(),
            closes_on=max(today(), min(year.end, today() + dt.timedelta(days=21))),
            positions=proposal.positions,
        )
        note = f"A posting for {role.title} at {proposal.school} is open."
    else:
        raise RoleError("Choose how to place the proposer: give them the role, or post it.")
    _event(proposal, actor, ProposalStep.PLACED, stage="district", note=note)
    record(
        actor=actor,
        action="roles.proposal.place",
        obj=proposal,
        district=proposal.district,
        staff_member=proposal.submitted_by,
        after={"how": how, "role": role.title, "school_year": year.label},
    )
    _tell_proposers(
        proposal,
        "roles.proposal_placed",
        f"{role.title}: you are placed" if how == "assign" else f"{role.title} is posted",
        note + ("" if how == "assign" else " Apply from the posting's page."),
    )
    return placed
