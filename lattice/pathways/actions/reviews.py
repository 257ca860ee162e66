"""Writers for peer review: seat reviewers, declare conflicts, score, reconcile.

Each application needs at least two independent reviews; reviewers never come from the
applicant's school; totals further apart than the cohort's margin go to reconciliation.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor
from lattice.notifications.send import notify
from lattice.pathways.models import (
    Application,
    PanelMember,
    ReviewAssignment,
)
from lattice.people.models import Assignment, District, StaffMember
from lattice.people.queries import current_school_year

MIN_REVIEWS = 2
Status = Application.Status


def schools_of(staff: StaffMember, district: District) -> set[int]:
    """Schools the person works at this school year (and last, when this has no rows)."""
    year = current_school_year(district)
    rows = Assignment.objects.filter(staff_member=staff)
    if year is not None:
        now = set(rows.filter(school_year=year).values_list("school_id", flat=True))
        if now:
            return now
    return set(rows.values_list("school_id", flat=True))


@transaction.atomic
def assign_reviewer(
    actor: Actor, application: Application, reviewer: StaffMember
) -> ReviewAssignment:
    """Seat a panel member on an application: never the applicant, nor from their school."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    cohort = application.cohort
    if application.status not in (Status.SUBMITTED, Status.RECONCILE):
        raise ValidationError("Reviewers are assigned once the application is submitted.")
    if not PanelMember.objects.filter(district=cohort.district, staff_member=reviewer).exists():
        raise ValidationError(f"{reviewer.display_name} is not on the review panel.")
    applicant = application.staff_member
    if reviewer.pk == applicant.pk:
        raise ValidationError("An applicant cannot review their own application.")
    shared = schools_of(reviewer, cohort.district) & schools_of(applicant, cohort.district)
    if shared:
        raise ValidationError(
            f"{reviewer.display_name} works at the applicant's school; choose a reviewer from "
            "another school."
        )
    if reviewer.user_id is not None and getattr(actor, "pk", None) == reviewer.user_id:
        raise ValidationError(
            "You seat the reviewers and decide the application in the talent office, so you "
            "cannot also review it: whoever decides never reviews. Seat a colleague."
        )
    if reviewer.user_id is not None and application.decided_by_id == reviewer.user_id:
        raise ValidationError(
            f"{reviewer.display_name} decided this application, so cannot also review it. "
            "Choose another reviewer."
        )
    if application.reviews.filter(reviewer=reviewer).exists():
        raise ValidationError(f"{reviewer.display_name} is already assigned.")
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    record(
        actor=actor,
        action="pathways.reviewer.assign",
        obj=assignment,
        district=cohort.district,
        staff_member=applicant,
        after={"reviewer": reviewer.display_name},
    )
    notify(
        reviewer.user,
        kind="pathways.review_assigned",
        subject="You have an application to review",
        body=f"You were assigned an application in {cohort.name}. Declare any conflict of "
        "interest before you read it.",
        link=reverse("pathways:review", args=[assignment.pk]),
    )
    return assignment


@transaction.atomic
def declare_conflict(actor: Actor, assignment: ReviewAssignment, *, note: str) -> ReviewAssignment:
    """A reviewer steps aside; the talent office assigns someone else."""
    if assignment.submitted_at is not None:
        raise ValidationError("Scores were already submitted for this application.")
    if not note.strip():
        raise ValidationError("Say briefly why (e.g. 'we co-teach', 'former mentee').")
    assignment.conflict = True
    assignment.conflict_note = note.strip()[:300]
    assignment.save(update_fields=["conflict", "conflict_note"])
    record(
        actor=actor,
        action="pathways.conflict.declare",
        obj=assignment,
        district=assignment.application.cohort.district,
        staff_member=assignment.application.staff_member,
        after={"conflict": True, "note": assignment.conflict_note},
    )
    return assignment


def _evaluate(application: Application) -> None:
    """Set status and final score from the independent reviews so far."""
    cohort = application.cohort
    totals = [
        r.total
        for r in application.reviews.filter(conflict=False, submitted_at__isnull=False)
        if r.total is not None
    ]
    if application.reconciled_score is not None:
        application.final_score = application.reconciled_score
        application.status = Status.SCORED
    elif len(totals) < MIN_REVIEWS:
        application.final_score = None
        application.status = Status.SUBMITTED
    elif len(totals) == MIN_REVIEWS and abs(totals[0] - totals[1]) > cohort.reconcile_margin:
        application.final_score = None
        application.status = Status.RECONCILE
    else:
        # Two close reviews: their mean. A third reviewer settles a disagreement: the median.
        value = (
            Decimal(sum(totals)) / len(totals)
            if len(totals) == MIN_REVIEWS
            else Decimal(str(median(totals)))
        )
        application.final_score = value.quantize(Decimal("0.01"), ROUND_HALF_UP)
        application.status = Status.SCORED
    application.save(update_fields=["final_score", "status"])


@transaction.atomic
def submit_review(
    actor: Actor, assignment: ReviewAssignment, *, scores: dict[str, int], comments: str = ""
) -> ReviewAssignment:
    """A reviewer's scores per domain; the application is scored or sent to reconciliation."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    application = assignment.application
    cohort = application.cohort
    if assignment.conflict:
        raise ValidationError("You declared a conflict of interest on this application.")
    if assignment.submitted_at is not None:
        raise ValidationError("You already submitted scores for this application.")
    if application.status not in (Status.SUBMITTED, Status.RECONCILE):
        raise ValidationError("This application is not open for review.")
    clean: dict[str, int] = {}
    for domain in cohort.domains:
        value = scores.get(domain)
        if value is None or not 1 <= int(value) <= cohort.max_per_domain:
            raise ValidationError(f"Score '{domain}' from 1 to {cohort.max_per_domain}.")
        clean[domain] = int(value)
    assignment.scores = clean
    assignment.total = sum(clean.values())
    assignment.comments = comments.strip()
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["scores", "total", "comments", "submitted_at"])
    _evaluate(application)
    record(
        actor=actor,
        action="pathways.review.submit",
        obj=assignment,
        district=cohort.district,
        staff_member=application.staff_member,
        after={"scores": clean, "total": assignment.total, "status": application.status},
    )
    return assignment


@transaction.atomic
def reconcile_application(
    actor: Actor, application: Application, *, score: Decimal, note: str
) -> Application:
    """The talent office settles reviewers' disagreement with a reconciled score and note."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.RECONCILE:
        raise ValidationError("Only applications whose reviewers disagree need reconciling.")
    if not 0 <= score <= application.cohort.max_total:
        raise ValidationError(f"The score must be between 0 and {application.cohort.max_total}.")
    if not note.strip():
        raise ValidationError("Record how the panel reconciled the scores.")
    application.reconciled_score = score
    application.reconcile_note = note.strip()[:500]
    application.save(update_fields=["reconciled_score", "reconcile_note"])
    _evaluate(application)
    record(
        actor=actor,
        action="pathways.application.reconcile",
        obj=application,
        district=application.cohort.district,
        staff_member=application.staff_member,
        after={"score": str(score), "note": application.reconcile_note},
    )
    return application
