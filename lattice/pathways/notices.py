"""What the pathways app tells people (:mod:`lattice.notifications`): its notice kinds, and
what waits on a reviewer or the talent office on their home page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse

from lattice.notifications.kinds import NoticeKind
from lattice.notifications.waiting import WaitingItem
from lattice.pathways.models import Application, Claim, ClaimStatus, ReviewAssignment
from lattice.people.access import scope_for

KINDS = (
    NoticeKind("pathways.claim_verified", "A claim of yours was verified"),
    NoticeKind("pathways.claim_rejected", "A claim of yours was not accepted"),
    NoticeKind("pathways.review_assigned", "An application waits for your review"),
    NoticeKind("pathways.application_decided", "Your pathway application was decided"),
    NoticeKind("pathways.appeal_decided", "Your appeal was decided"),
)


def waiting_items(user: Any) -> list[WaitingItem]:
    """A reviewer's unscored applications; for the talent office, claims to verify and
    scored applications to decide."""
    scope = scope_for(user)
    items: list[WaitingItem] = []
    if scope.own_staff_id is not None:
        reviews = ReviewAssignment.objects.filter(
            reviewer_id=scope.own_staff_id, conflict=False, submitted_at__isnull=True
        ).select_related("application__cohort")
        for r in reviews.order_by("assigned_at")[:20]:
            items.append(
                WaitingItem(
                    f"Review an application in {r.application.cohort.name}",
                    reverse("pathways:review", args=[r.pk]),
                    "declare any conflict of interest first",
                    r.assigned_at,
                )
            )
    if scope.officer_district_ids:
        claims = Claim.objects.filter(
            staff_member__district_id__in=scope.officer_district_ids,
            status=ClaimStatus.SUBMITTED,
        ).count()
        if claims:
            items.append(
                WaitingItem(
                    f"Verify {claims} claim{'s' if claims != 1 else ''}",
                    reverse("pathways:queue"),
                    "in the claims queue",
                )
            )
        scored = (
            Application.objects.filter(
                cohort__district_id__in=scope.officer_district_ids,
                status__in=[Application.Status.SCORED, Application.Status.RECONCILE],
            )
            .values("cohort_id", "cohort__name", "status")
            .annotate(n=Count("id"))
            .order_by("cohort__name")
        )
        for row in scored:
            verb = "Decide" if row["status"] == Application.Status.SCORED else "Reconcile"
            items.append(
                WaitingItem(
                    f"{verb} {row['n']} application{'s' if row['n'] != 1 else ''} in "
                    f"{row['cohort__name']}",
                    reverse("pathways:cohort", args=[row["cohort_id"]]),
                )
            )
    return items
