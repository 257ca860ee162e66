"""Writers for the ledger: submit a claim, verify or reject it, and tell the person.

Each approval recomputes the person's standing in the same transaction, so a failing
recompute leaves the claim as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib import claims_verified
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact, facts_changed
from lattice.lib.roles_served import RoleServed
from lattice.lib.uploads import CheckedUpload
from lattice.notifications.send import notify
from lattice.pathways.actions.placements import recompute_standing
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.evidence import check_uploads, evidence_rows, stored
from lattice.pathways.models import Claim, ClaimKind, ClaimStatus, Evidence, Standing
from lattice.people.models import StaffMember
from lattice.people.queries import today
from lattice.rules.ledger import claim_quantity_check, credit_claim_check

NEEDS_QUANTITY = {ClaimKind.CREDITS, ClaimKind.PD_HOURS, ClaimKind.PROJECT}


class ClaimWindowError(ValidationError):
    """A claim submitted outside the policy's window (the engine's message says which)."""


def submit_claim(
    actor: Actor,
    staff: StaffMember,
    *,
    kind: str,
    title: str,
    completed: dt.date,
    quantity: int = 0,
    provider: str = "",
    category: str = "",
    expires: dt.date | None = None,
    files: list[Any] | None = None,
    exception_reason: str = "",
    on: dt.date | None = None,
) -> Claim:
    """A person claims an accomplishment with evidence; it waits for the talent office.

    College credits outside the policy's window are refused with the policy's message unless
    the talent office records the claim with an exception reason.
    """
    on = on or today()
    checked = check_uploads(list(files or []))
    if not checked:
        raise ValidationError(
            "Attach the evidence: a transcript, certificate or completion record (PDF, PNG or "
            "JPEG)."
        )
    if kind not in ClaimKind.values:
        raise ValidationError(f"'{kind}' is not a kind of claim.")
    if completed > on:
        raise ValidationError(
            f"The date {completed} is in the future — claim it once it is complete."
        )
    if kind in NEEDS_QUANTITY and quantity <= 0:
        raise ValidationError("Enter how many credits, hours or units, a whole number above 0.")
    adoption = adoption_in_force(staff.district_id, on)
    if adoption is None:
        raise ValidationError(
            f"{staff.district.name} has not adopted a pathway policy yet; claims open once it does."
        )
    if kind in NEEDS_QUANTITY:
        limit = claim_quantity_check(policy_of(adoption), kind, quantity)
        if not limit.plausible:
            raise ValidationError(limit.message + ".")
    if kind == ClaimKind.CREDITS:
        check = credit_claim_check(policy_of(adoption), completed, on)
        if not check.in_window and not exception_reason:
            raise ClaimWindowError(check.message[:1].upper() + check.message[1:] + ".")
    return _create_claim(
        actor,
        staff,
        checked,
        kind=kind,
        title=title.strip()[:200],
        provider=provider.strip()[:200],
        category=category[:80],
        quantity=quantity if kind in NEEDS_QUANTITY else 0,
        completed=completed,
        expires=expires,
        submitted_on=on,
        window_exception=exception_reason.strip()[:300],
    )


def _create_claim(
    actor: Actor, staff: StaffMember, checked: list[CheckedUpload], **fields: Any
) -> Claim:
    with stored(checked) as saved, transaction.atomic():
        claim = Claim.objects.create(
            staff_member=staff,
            district_id=staff.district_id,
            submitted_by=signed_in(actor),
            **fields,
        )
        Evidence.objects.bulk_create(evidence_rows(saved, claim=claim))
        record(
            actor=actor,
            action="pathways.claim.submit",
            obj=claim,
            district=staff.district,
            staff_member=staff,
            after={
                "kind": claim.kind,
                "title": claim.title,
                "quantity": claim.quantity,
                "completed": claim.completed.isoformat(),
                "files": [item.sha256 for _, item in saved],
                "window_exception": claim.window_exception,
            },
            summary=f"Claim submitted: {claim}",
        )
    return claim


def _decided(claim: Claim) -> None:
    if claim.status != ClaimStatus.SUBMITTED:
        raise ValidationError(
            f"This claim was already {claim.get_status_display().lower()}; it cannot be decided "
            "again."
        )


@transaction.atomic
def verify_claim(actor: Actor, claim: Claim, *, on: dt.date | None = None) -> Claim:
    """Verify a claim, recompute the person's standing now and tell them."""
    claim = (
        Claim.objects.select_for_update().select_related("staff_member__district").get(pk=claim.pk)
    )
    _decided(claim)
    staff = claim.staff_member
    before = Standing.objects.filter(staff_member=staff).first()
    before_label = before.standing_label if before else None
    before_pay = before.total_salary if before else None
    claim.status = ClaimStatus.VERIFIED
    claim.decided_at = timezone.now()
    claim.decided_by = signed_in(actor)
    claim.save(update_fields=["status", "decided_at", "decided_by"])
    now = recompute_standing(staff, reason=f"claim verified: {claim}", kind=Fact.CLAIM,
                             actor=actor)  # fmt: skip
    record(
        actor=actor,
        action="pathways.claim.verify",
        obj=claim,
        district=staff.district,
        staff_member=staff,
        before={"status": "submitted", "standing": before_label, "pay": before_pay},
        after={
            "status": "verified",
            "standing": now.standing_label if now else None,
            "pay": now.total_salary if now else None,
        },
        summary=f"Verified: {claim}",
    )
    claims_verified.claim_verified(
        actor,
        claims_verified.ClaimVerified(
            claim_id=claim.pk,
            staff_id=staff.pk,
            district_id=staff.district_id,
            kind=claim.kind,
            category=claim.category,
            title=claim.title,
            completed=claim.completed,
            source=f"pathways.Claim:{claim.pk}",
        ),
    )
    moved = now is not None and now.standing_label != before_label
    body = f"The talent office verified your claim: {claim}."
    if moved and now is not None:
        body += f" You are now on {now.standing_label}."
    elif now is not None:
        body += f" You now have {now.units_banked} units banked on {now.standing_label}."
    notify(
        staff.user,
        kind="pathways.claim_verified",
        subject="Your claim was verified",
        body=body,
        link=reverse("pathways:my-path"),
    )
    return claim


@transaction.atomic
def record_role_served(actor: Actor, served: RoleServed) -> Claim:
    """Enter a leadership role a person holds for a school year into their verified ledger,
    so policies that read roles served see it. Registered with ``lattice.lib.roles_served``:
    the roles app announces each role it assigns. The role's stipend is paid by the roles
    app, never from the ledger."""
    staff = StaffMember.objects.select_related("district").get(pk=served.staff_id)
    role_key, title = served.role_key, served.title
    school_year_start, source = served.school_year_start, served.source
    claim = Claim.objects.create(
        staff_member=staff,
        district_id=staff.district_id,
        kind=ClaimKind.ROLE,
        title=title[:200],
        provider="Leadership roles",
        category=role_key[:80],
        quantity=0,
        completed=school_year_start,
        status=ClaimStatus.VERIFIED,
        submitted_on=school_year_start,
        decided_at=timezone.now(),
        # The reason a teacher reads on My path; the assignment it came from (``source``,
        # "roles.RoleAssignment:42") is kept in the audit entry, where it can be traced.
        reason=f"Recorded from the role's assignment for {school_year_start.year}-"
        f"{(school_year_start.year + 1) % 100:02d}",
    )
    record(
        actor=actor,
        action="pathways.role_served.record",
        obj=claim,
        district=staff.district,
        staff_member=staff,
        after={"role": role_key, "title": title, "school_year_start": school_year_start,
               "source": source},
    )  # fmt: skip
    facts_changed(
        Fact.ROLE_SERVED,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=school_year_start,
        reason=f"{staff.display_name} holds {title}",
    )
    return claim


@transaction.atomic
def reject_claim(actor: Actor, claim: Claim, *, reason: str) -> Claim:
    """Reject a claim with a reason the person reads."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the reason for rejecting, so the teacher knows what to fix.")
    claim = (
        Claim.objects.select_for_update().select_related("staff_member__district").get(pk=claim.pk)
    )
    _decided(claim)
    claim.status = ClaimStatus.REJECTED
    claim.reason = reason[:500]
    claim.decided_at = timezone.now()
    claim.decided_by = signed_in(actor)
    claim.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    record(
        actor=actor,
        action="pathways.claim.reject",
        obj=claim,
        district=claim.staff_member.district,
        staff_member=claim.staff_member,
        before={"status": "submitted"},
        after={"status": "rejected", "reason": claim.reason},
        summary=f"Rejected: {claim}",
    )
    notify(
        claim.staff_member.user,
        kind="pathways.claim_rejected",
        subject="Your claim was not accepted",
        body=f"The talent office did not accept your claim ({claim}): {claim.reason}",
        link=reverse("pathways:claim", args=[claim.pk]),
    )
    return claim


@transaction.atomic
def import_verified_claims(actor: Actor, district: Any, rows: list[Claim], *, source: str) -> int:
    """Load a ledger verified elsewhere (e.g. the HR system's AU history), one audit entry.

    Rows are unsaved ``Claim`` objects of people in ``district``; they arrive verified, with
    ``source`` as the reason, and without files (the evidence stayed with the source system).
    """
    now = timezone.now()
    for row in rows:
        if row.staff_member.district_id != district.pk:
            raise ValidationError(
                f"{row.staff_member.display_name} does not work in {district.name}."
            )
        row.district_id = district.pk
        row.status = ClaimStatus.VERIFIED
        row.decided_at = now
        row.reason = source[:500]
    Claim.objects.bulk_create(rows, batch_size=500)
    facts_changed(
        Fact.CLAIM,
        district_id=district.pk,
        staff_ids={row.staff_member_id for row in rows},
        reason=f"{len(rows)} verified ledger entries imported from {source}"[:200],
    )
    record(
        actor=actor,
        action="pathways.claim.import",
        district=district,
        after={"count": len(rows), "source": source},
        summary=f"{len(rows)} verified ledger entries imported from {source}",
    )
    return len(rows)
