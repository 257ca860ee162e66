"""Who may see what in the pathways app, on top of ``lattice.people.access``.

- A teacher sees only their own path, ledger, claims and applications.
- A reviewer sees the applications assigned to them, unless they declared a conflict, and only
  their own scores: never the final score or its status until the application is decided.
- A talent officer sees and decides everything in their district.
- Principals see no applications and no scores (Baltimore's rule: principals have no input in
  peer review); nor other people's ledgers.
- Anything outside scope is *not found* (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from lattice.lib.actors import Actor
from lattice.pathways.models import Application, Claim, Evidence, ReviewAssignment
from lattice.people.access import (
    can_administer_district,
    districts_administered_by,
    own_staff,
    scope_for,
)
from lattice.people.models import District, StaffMember


def own_staff_or_404(user: Actor) -> StaffMember:
    """The signed-in person's staff record (``people.access.own_staff``) for the pages that
    are only theirs; 404 for accounts without one."""
    staff = own_staff(user)
    if staff is None:
        raise Http404("This account is not linked to a staff record.")
    return staff


def get_path_staff(user: Actor, pk: Any) -> StaffMember:
    """A person whose path ``user`` may open as the talent office; 404 otherwise."""
    scope = scope_for(user)
    try:
        staff = StaffMember.objects.select_related("district").get(pk=pk)
    except (StaffMember.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such person") from exc
    if not (scope.is_superuser or staff.district_id in scope.officer_district_ids):
        raise Http404("No such person")
    return staff


def claims_visible_to(user: Actor) -> QuerySet[Claim]:
    scope = scope_for(user)
    qs = Claim.objects.select_related("staff_member", "district")
    if scope.is_superuser:
        return qs
    q = Q(district_id__in=scope.officer_district_ids)
    if scope.own_staff_id is not None:
        q |= Q(staff_member_id=scope.own_staff_id)
    return qs.filter(q)


def get_visible_claim(user: Actor, pk: Any) -> Claim:
    try:
        return claims_visible_to(user).get(pk=pk)
    except (Claim.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such claim") from exc


def can_decide_claim(user: Actor, claim: Claim) -> bool:
    return can_administer_district(user, claim.district)


def applications_visible_to(user: Actor) -> QuerySet[Application]:
    """Applications ``user`` may open: their own, their district's (talent office) and those
    assigned to them for review without a declared conflict. Principals get none of others'."""
    scope = scope_for(user)
    qs = Application.objects.select_related("cohort__district", "staff_member")
    if scope.is_superuser:
        return qs
    q = Q(cohort__district_id__in=scope.officer_district_ids)
    if scope.own_staff_id is not None:
        q |= Q(staff_member_id=scope.own_staff_id)
        q |= Q(
            pk__in=ReviewAssignment.objects.filter(
                reviewer_id=scope.own_staff_id, conflict=False
            ).values("application_id")
        )
    return qs.filter(q)


def get_visible_application(user: Actor, pk: Any) -> Application:
    try:
        return applications_visible_to(user).get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such application") from exc


def is_applicant(user: Actor, application: Application) -> bool:
    return scope_for(user).own_staff_id == application.staff_member_id


def can_administer_application(user: Actor, application: Application) -> bool:
    return can_administer_district(user, application.cohort.district)


def reviews_visible_to(user: Actor, application: Application) -> QuerySet[ReviewAssignment]:
    """Scores: the talent office sees all; a reviewer only their own; the applicant sees the
    submitted reviews once decided (without reviewer names, see the template); others none."""
    qs = application.reviews.select_related("reviewer")
    if can_administer_application(user, application):
        return qs
    scope = scope_for(user)
    if is_applicant(user, application):
        if application.decided:
            return qs.filter(conflict=False, submitted_at__isnull=False)
        return qs.none()
    if scope.own_staff_id is not None:
        return qs.filter(reviewer_id=scope.own_staff_id)
    return qs.none()


def can_see_panel_result(user: Actor, application: Application) -> bool:
    """The panel's result (final score, reconciliation) is the talent office's until the
    application is decided; then the applicant and the reviewers see it too. Before that a
    reviewer who saw the mean of two reviews could work out the other reviewer's total, and
    "reviewers disagree" would tell them it was far from theirs: review stays blind."""
    return can_administer_application(user, application) or application.decided


def get_own_review(user: Actor, pk: Any) -> ReviewAssignment:
    """A review assignment of the signed-in reviewer (404 after they declared a conflict)."""
    scope = scope_for(user)
    if scope.own_staff_id is None:
        raise Http404("No such review")
    try:
        return ReviewAssignment.objects.select_related(
            "application__cohort__district", "application__staff_member"
        ).get(pk=pk, reviewer_id=scope.own_staff_id, conflict=False)
    except (ReviewAssignment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such review") from exc


def get_visible_evidence(user: Actor, pk: Any) -> Evidence:
    """A stored file, when ``user`` may see the claim or application it belongs to."""
    try:
        evidence = Evidence.objects.get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such file") from exc
    if evidence.claim_id is not None:
        if not claims_visible_to(user).filter(pk=evidence.claim_id).exists():
            raise Http404("No such file")
    elif evidence.artifact_id is not None:
        application_id = evidence.artifact.application_id  # type: ignore[union-attr]
        if not applications_visible_to(user).filter(pk=application_id).exists():
            raise Http404("No such file")
    return evidence


def office_district(user: Actor, key: str | None) -> District:
    """The district a talent-office page is about (``?district=KEY``), 404 outside scope."""
    districts = districts_administered_by(user).order_by("name")
    district = (districts.filter(key=key).first() if key else None) or districts.first()
    if district is None:
        raise Http404("No district")
    return district
