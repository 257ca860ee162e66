"""Who may see and do what with roles, postings, applications and proposals.

Built on ``lattice.people.access`` (the one permission layer). Rules:
- the catalogue and postings are visible inside the district (teachers see active roles and the
  postings at their own school or district-wide); officers see everything in their district;
- a teacher sees only their own applications, never another teacher's;
- a principal sees applicants to their own school's postings only, and only for the school
  years they lead it: every principal power here (postings, applications with scores, panels,
  role assignments and renewals, proposals) is scoped by (school, school year), as the person
  pages are, so a principal who moved to another school keeps none at the school they left;
- a panel member sees the applications of their panel, except anyone from their own school
  that year and anyone they declared a conflict with, and only their own scores until
  selection is finished (even when they also run the posting);
- everything outside a user's scope is *not found* (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lattice.lib.actors import Actor
from lattice.people.access import Scope, led_q, scope_for
from lattice.people.models import Assignment, StaffMember
from lattice.people.queries import current_school_year
from lattice.people.reach import StaffRef
from lattice.roles.models import (
    Application,
    AssignmentStatus,
    ConflictOfInterest,
    Evidence,
    LeadershipRole,
    PanelMember,
    PeerRelation,
    Posting,
    PostingStatus,
    ProposalStatus,
    RoleAssignment,
    RoleProposal,
    RoleStatus,
)

NOTHING = Q(pk__in=[])
OPEN_PROPOSAL_STATUSES = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.PRINCIPAL_APPROVED,
    ProposalStatus.RETURNED,
)


def evaluating_roles_held(staff_id: StaffRef, today: dt.date) -> QuerySet[RoleAssignment]:
    """The reach an evaluating role gives (registered with ``lattice.people.reach``): the
    schools and school years where ``staff_id`` holds, today, an active role that evaluates
    peers. Roles that only support peers (coach, mentor) give no reach: coaching stays
    confidential and separate from evaluation."""
    return RoleAssignment.objects.filter(
        staff_member_id=staff_id,
        status=AssignmentStatus.ACTIVE,
        starts_on__lte=today,
        ends_on__gte=today,
        role__peer_relation=PeerRelation.EVALUATES,
        school__isnull=False,
    )


def _get(qs: QuerySet[Any], pk: Any, what: str) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No such {what}") from exc


# --- catalogue -----------------------------------------------------------------------------


def roles_visible_to(user: Actor) -> QuerySet[LeadershipRole]:
    """Officers see their district's whole catalogue; staff see its active roles."""
    scope = scope_for(user)
    qs = LeadershipRole.objects.select_related("district")
    if scope.is_superuser:
        return qs
    q = Q(district_id__in=scope.officer_district_ids)
    district_id = scope.own_district_id
    if district_id is not None:
        q |= Q(district_id=district_id, status=RoleStatus.ACTIVE)
    return qs.filter(q)


def get_visible_role(user: Actor, pk: Any) -> LeadershipRole:
    return _get(roles_visible_to(user), pk, "role")


def can_edit_catalogue(user: Actor, district_id: int) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or district_id in scope.officer_district_ids


# --- postings ------------------------------------------------------------------------------


def postings_visible_to(user: Actor) -> QuerySet[Posting]:
    """Postings a user may open.

    Officers: their district. Principals: their schools' postings for the years they lead them,
    and district-wide ones.
    Teachers: district-wide postings of their district and postings at the schools where they
    work that year, or where they work now for this year or a later one (next year's opening
    at one's own school, before next year's assignments exist); plus any posting they applied
    to or review for. :func:`staff_who_see` is the same rule from the posting's side.
    """
    scope = scope_for(user)
    qs = Posting.objects.select_related("role", "role__district", "school", "school_year")
    if scope.is_superuser:
        return qs
    q = Q(role__district_id__in=scope.officer_district_ids)
    q |= led_q(scope)
    district_id = scope.own_district_id
    if district_id is not None:
        q |= Q(role__district_id=district_id, school__isnull=True)
        own_school_years = Assignment.objects.filter(
            staff_member_id=scope.own_staff_id
        ).values_list("school_id", "school_year_id")
        for school_id, year_id in own_school_years:
            q |= Q(school_id=school_id, school_year_id=year_id)
        now = current_school_year(district_id)
        if now is not None:
            here = [school for school, year in own_school_years if year == now.pk]
            q |= Q(school_id__in=here, school_year__start__gte=now.start)
        q |= Q(
            pk__in=Application.objects.filter(applicant_id=scope.own_staff_id).values("posting_id")
        )
        q |= Q(
            pk__in=PanelMember.objects.filter(reviewer_id=scope.own_staff_id).values(
                "panel__posting_id"
            )
        )
    return qs.filter(q)


def staff_who_see(posting: Posting, now: Any = ...) -> QuerySet[StaffMember]:
    """The staff of the posting's district who see it among their openings (the rule of
    :func:`postings_visible_to`): everyone for a district-wide posting; for a school's, those
    who work there in the posting's year, or now when the posting is for now or later."""
    staff = StaffMember.objects.filter(district_id=posting.role.district_id, active=True)
    if posting.school_id is None:
        return staff
    years = [posting.school_year_id]
    if now is ...:  # the caller may pass the school year in force (or None), once for many
        now = current_school_year(posting.role.district_id)
    if now is not None and posting.school_year.start >= now.start:
        years.append(now.pk)
    return staff.filter(
        pk__in=Assignment.objects.filter(
            school_id=posting.school_id, school_year_id__in=years
        ).values("staff_member_id")
    )


def get_visible_posting(user: Actor, pk: Any) -> Posting:
    return _get(postings_visible_to(user), pk, "posting")


def can_manage_posting(user: Actor, posting: Posting) -> bool:
    """Officers of the district, and the principal of the posting's school in the posting's
    school year, while that year is in force or still ahead, run its selection (a past
    year's postings are the office's: the principal who led then may read them, not act)."""
    scope = scope_for(user)
    if scope.is_superuser or posting.role.district_id in scope.officer_district_ids:
        return True
    return (posting.school_id, posting.school_year_id) in scope.led_school_years_from()


def can_post_at(
    user: Actor, district_id: int, school_id: int | None, school_year_id: int | None
) -> bool:
    """Officers post anywhere in their district; a principal only at a school they lead in
    the posting's school year, this year or later (district-wide postings are the office's)."""
    scope = scope_for(user)
    if scope.is_superuser or district_id in scope.officer_district_ids:
        return True
    return school_id is not None and (school_id, school_year_id) in scope.led_school_years_from()


def postable_school_years(user: Actor) -> frozenset[tuple[int, int]]:
    """(school, school year) pairs a principal may post at: those they lead this year or
    later (an officer's reach is their whole district, see :func:`can_post_at`)."""
    return scope_for(user).led_school_years_from()


# --- panels --------------------------------------------------------------------------------


def same_school_staff_ids(reviewer_id: int, school_year_id: int) -> QuerySet[Any]:
    """Staff who work at a school where the reviewer works in that school year."""
    schools = Assignment.objects.filter(
        staff_member_id=reviewer_id, school_year_id=school_year_id
    ).values("school_id")
    return Assignment.objects.filter(school_id__in=schools, school_year_id=school_year_id).values(
        "staff_member_id"
    )


def seat_for(user: Actor, posting: Posting) -> PanelMember | None:
    scope = scope_for(user)
    if scope.own_staff_id is None:
        return None
    return PanelMember.objects.filter(
        panel__posting=posting, reviewer_id=scope.own_staff_id
    ).first()


def _panel_q(scope: Scope) -> Q:
    if scope.own_staff_id is None:
        return NOTHING
    q = NOTHING
    seats = PanelMember.objects.filter(reviewer_id=scope.own_staff_id).values_list(
        "pk", "panel__posting_id", "panel__posting__school_year_id"
    )
    for seat_id, posting_id, year_id in seats:
        q |= (
            Q(posting_id=posting_id)
            & ~Q(applicant_id__in=same_school_staff_ids(scope.own_staff_id, year_id))
            & ~Q(
                pk__in=ConflictOfInterest.objects.filter(member_id=seat_id).values("application_id")
            )
        )
    return q


def reviewable_by(member: PanelMember) -> QuerySet[Application]:
    """The applications a panel member may read and score (no own-school, no conflicts)."""
    posting = member.panel.posting
    return (
        posting.applications.exclude(applicant_id=member.reviewer_id)
        .exclude(applicant_id__in=same_school_staff_ids(member.reviewer_id, posting.school_year_id))
        .exclude(pk__in=ConflictOfInterest.objects.filter(member=member).values("application_id"))
    )


def can_see_panel_scores(user: Actor, posting: Posting) -> bool:
    """Whether ``user`` sees the panel's ranking and mean totals for ``posting``: those who run
    its selection do, except while they also sit on its panel and selection is still open —
    a panel member sees only their own scores until selection is finished, or they could work
    out a co-reviewer's total from the mean."""
    if not can_manage_posting(user, posting):
        return False
    return posting.status != PostingStatus.OPEN or seat_for(user, posting) is None


# --- applications --------------------------------------------------------------------------


def applications_visible_to(user: Actor) -> QuerySet[Application]:
    scope = scope_for(user)
    qs = Application.objects.select_related(
        "posting", "posting__role", "posting__school", "posting__school_year", "applicant"
    )
    if scope.is_superuser:
        return qs
    q = Q(posting__role__district_id__in=scope.officer_district_ids)
    q |= led_q(scope, "posting__")
    if scope.own_staff_id is not None:
        q |= Q(applicant_id=scope.own_staff_id)
        q |= _panel_q(scope)
    return qs.filter(q)


def get_visible_application(user: Actor, pk: Any) -> Application:
    return _get(applications_visible_to(user), pk, "application")


def get_visible_evidence(user: Actor, pk: Any) -> Evidence:
    return _get(
        Evidence.objects.filter(application__in=applications_visible_to(user)).select_related(
            "application"
        ),
        pk,
        "file",
    )


def is_applicant(user: Actor, application: Application) -> bool:
    return scope_for(user).own_staff_id == application.applicant_id


# --- assignments, proposals, dashboards ----------------------------------------------------


def role_assignments_visible_to(user: Actor) -> QuerySet[RoleAssignment]:
    scope = scope_for(user)
    qs = RoleAssignment.objects.select_related("role", "staff_member", "school", "school_year")
    if scope.is_superuser:
        return qs
    q = Q(role__district_id__in=scope.officer_district_ids)
    q |= led_q(scope)
    if scope.own_staff_id is not None:
        q |= Q(staff_member_id=scope.own_staff_id)
    return qs.filter(q)


def get_visible_role_assignment(user: Actor, pk: Any) -> RoleAssignment:
    return _get(role_assignments_visible_to(user), pk, "role assignment")


def can_decide_renewal(user: Actor, assignment: RoleAssignment) -> bool:
    """Officers, and the principal of the holder's school in the assignment's school year
    while that year is in force or ahead."""
    scope = scope_for(user)
    if scope.is_superuser or assignment.role.district_id in scope.officer_district_ids:
        return True
    pair = (assignment.school_id, assignment.school_year_id)
    return assignment.school_id is not None and pair in scope.led_school_years_from()


def proposals_visible_to(user: Actor) -> QuerySet[RoleProposal]:
    """Officers: their district's. Proposers: their own. A principal: those submitted at their
    school in a school year they led it, and those still waiting for a decision at the school
    they lead now (a proposal has no school year of its own: it belongs to the year in force
    when it was submitted)."""
    scope = scope_for(user)
    qs = RoleProposal.objects.select_related("school", "district", "submitted_by")
    if scope.is_superuser:
        return qs
    q = Q(district_id__in=scope.officer_district_ids)
    for period in scope.led_periods:
        q |= period.q("created_at__date")
    current = scope.current_led_school_ids()
    if current:
        q |= Q(school_id__in=current, status__in=OPEN_PROPOSAL_STATUSES)
    if scope.own_staff_id is not None:
        q |= Q(
            pk__in=RoleProposal.proposers.through.objects.filter(
                staffmember_id=scope.own_staff_id
            ).values("roleproposal_id")
        )
    return qs.filter(q)


def get_visible_proposal(user: Actor, pk: Any) -> RoleProposal:
    return _get(proposals_visible_to(user), pk, "proposal")


def can_review_as_principal(user: Actor, proposal: RoleProposal) -> bool:
    """The principal who leads the proposal's school now reviews it (not one who left)."""
    scope = scope_for(user)
    return scope.is_superuser or proposal.school_id in scope.current_led_school_ids()


def can_review_as_district(user: Actor, proposal: RoleProposal) -> bool:
    return can_edit_catalogue(user, proposal.district_id)
