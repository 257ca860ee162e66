"""Assignment actions: give a role, reflection, renewal, stated interests."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from lattice.audit.log import diff, record, snapshot
from lattice.lib.actors import Actor, signed_in
from lattice.lib.roles_served import RoleServed, role_served
from lattice.people.models import School, SchoolYear, StaffMember
from lattice.roles import queries
from lattice.roles.actions.common import RoleError, clean
from lattice.roles.models import (
    Application,
    LeadershipInterest,
    LeadershipRole,
    Renewal,
    RoleAssignment,
    RoleType,
)

# --- assignments ---------------------------------------------------------------------------


@transaction.atomic
def assign_role(
    actor: Actor,
    role: LeadershipRole,
    staff: StaffMember,
    school_year: SchoolYear,
    *,
    application: Application | None = None,
    school: School | None = None,
    release_fte: Decimal | None = None,
    audit_action: str = "roles.assignment.create",
    summary: str = "",
) -> RoleAssignment:
    """Give a person a role for a school year, copying its release, pay and extra days.

    ``school`` and ``release_fte`` override the home school and the role's release when the
    assignment follows an HR position (its school and FTE); ``audit_action`` names such a
    derived write (the HR sync audits as ``roles.assignment.create_from_hr``).
    """
    if staff.district_id != role.district_id:
        raise RoleError("Only staff of the role's district can hold it.")
    held = RoleAssignment.objects.filter(
        role=role, staff_member=staff, school_year=school_year, status="active"
    ).exists()
    if held:
        raise RoleError(f"{staff} already holds {role.title} in {school_year}.")
    assignment = RoleAssignment(
        role=role,
        staff_member=staff,
        school_year=school_year,
        application=application,
        school=school if school is not None else queries.home_school(staff, school_year),
        role_type=role.role_type,
        release_fte=role.release_fte if release_fte is None else release_fte,
        stipend_dollars=role.stipend_dollars if role.pay_kind == "stipend" else 0,
        extra_days=role.extra_days,
        starts_on=school_year.start,
        ends_on=school_year.end,
    )
    clean(assignment, exclude=["application", "renewal_decided_by"])
    assignment.save()
    # The role served enters the teacher's verified ledger, kept by the pathways app (policies
    # that read roles served see it; the standing is recomputed). Its stipend is paid by this
    # app (lattice.roles.pay).
    role_served(
        actor,
        RoleServed(
            staff_id=staff.pk,
            district_id=staff.district_id,
            role_key=role.role_type,
            title=role.title,
            school_year_start=school_year.start,
            source=f"roles.RoleAssignment:{assignment.pk}",
        ),
    )
    record(
        actor=actor,
        action=audit_action,
        obj=assignment,
        district=staff.district,
        staff_member=staff,
        after=snapshot(
            assignment,
            ["role", "school_year", "school", "release_fte", "stipend_dollars", "extra_days"],
        ),
        summary=summary,
    )
    return assignment


@transaction.atomic
def record_reflection(actor: Actor, assignment: RoleAssignment, text: str) -> RoleAssignment:
    if not text.strip():
        raise RoleError("reflection: write what you did, what changed, what you learned.")
    assignment.reflection = text.strip()
    assignment.save(update_fields=["reflection"])
    record(
        actor=actor,
        action="roles.reflection.record",
        obj=assignment,
        district=assignment.staff_member.district,
        staff_member=assignment.staff_member,
        after={"length": len(assignment.reflection)},
    )
    return assignment


@transaction.atomic
def decide_renewal(
    actor: Actor, assignment: RoleAssignment, decision: str, note: str = ""
) -> RoleAssignment:
    if decision not in (Renewal.RENEW, Renewal.END):
        raise RoleError("decision: choose renew or do not renew.")
    if decision == Renewal.RENEW and not assignment.role.renewable:
        raise RoleError(f"{assignment.role.title} is not renewable; post it again instead.")
    before = {"renewal": assignment.renewal}
    assignment.renewal = decision
    assignment.renewal_note = note.strip()[:500]
    assignment.renewal_decided_by = signed_in(actor)
    assignment.save(update_fields=["renewal", "renewal_note", "renewal_decided_by"])
    record(
        actor=actor,
        action="roles.renewal.decide",
        obj=assignment,
        district=assignment.staff_member.district,
        staff_member=assignment.staff_member,
        before=before,
        after={"renewal": decision, "note": assignment.renewal_note},
    )
    return assignment


@transaction.atomic
def save_interest(
    actor: Actor, staff: StaffMember, *, role_types: list[str], max_roles: int, note: str = ""
) -> LeadershipInterest:
    valid = {k for k, _ in RoleType.choices}
    bad = [t for t in role_types if t not in valid]
    if bad:
        raise RoleError(f"role types: unknown {bad}.")
    interest, _ = LeadershipInterest.objects.get_or_create(staff_member=staff)
    before = snapshot(interest, ["role_types", "max_roles", "note"])
    interest.role_types, interest.max_roles, interest.note = role_types, max_roles, note[:500]
    clean(interest)
    interest.save()
    b, a = diff(before, snapshot(interest, ["role_types", "max_roles", "note"]))
    record(
        actor=actor,
        action="roles.interest.record",
        obj=interest,
        district=staff.district,
        staff_member=staff,
        before=b,
        after=a,
    )
    return interest
