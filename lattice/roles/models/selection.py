"""Postings, applications with evidence, review panels, scores and offers."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import School, SchoolYear, StaffMember
from lattice.roles.models.catalogue import LeadershipRole

# The rubric a posting starts with when the poster gives none (New Bedford's evidence:
# ratings, recommendations, student growth, peer skills; Massachusetts DESE's teacher
# leadership cases, https://doe.mass.edu/edeffectiveness/leadership/default.html). Each
# criterion says what each score from 1 up looks like (``levels``), so two reviewers read
# "3" the same way; a 0 means nothing in the application shows it.
DEFAULT_RUBRIC: list[dict[str, Any]] = [
    {
        "key": "practice",
        "label": "Strong teacher of students (evidence of growth)",
        "max": 4,
        "levels": [
            "Says students grew, but shows no results or student work",
            "Shows growth for one class or one year",
            "Shows growth in results over more than one class or year",
            "Shows sustained growth across classes and years, with the rating to match",
        ],
    },
    {
        "key": "peers",
        "label": "Strong teacher of peers (coaching, modelling, feedback)",
        "max": 4,
        "levels": [
            "Has shared practice informally, with no example given",
            "Has supported colleagues once or twice (a session, an open classroom)",
            "Coaches, models or gives feedback regularly, with examples of what changed",
            "Colleagues' practice changed because of their work, and they show how",
        ],
    },
    {
        "key": "plan",
        "label": "A clear plan for the role's duties",
        "max": 4,
        "levels": [
            "Restates the role's duties without saying how they would do them",
            "Names some steps, but not when, or how success would show",
            "Steps, timing and a measure of success for the role's duties",
            "A realistic plan tied to the school's needs, with measures colleagues can check",
        ],
    },
]


def standard_rubric() -> list[dict[str, Any]]:
    """A fresh copy of :data:`DEFAULT_RUBRIC` for a new posting (never the shared lists)."""
    return copy.deepcopy(DEFAULT_RUBRIC)


class PostingStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Selection finished"
    CANCELLED = "cancelled", "Cancelled"


class Posting(models.Model):
    """An opening of a catalogue role at a school (or district-wide) for a school year.

    Personal data: who posted it.
    """

    role = models.ForeignKey(LeadershipRole, on_delete=models.PROTECT, related_name="postings")
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_postings",
        help_text="Empty for a district-wide posting.",
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField()
    closes_on = models.DateField()
    positions = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    rubric = models.JSONField(
        default=list,
        help_text="Criteria: key, label, max points, and what each score from 1 up looks like.",
    )
    status = models.CharField(
        max_length=10, choices=PostingStatus.choices, default=PostingStatus.OPEN
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "role__title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="posting_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        where = self.school.name if self.school else "district-wide"
        return f"{self.role.title} — {where}, {self.school_year.label}"

    @property
    def district_id(self) -> int:
        return self.role.district_id

    def window_open(self, today: dt.date) -> bool:
        return self.status == PostingStatus.OPEN and self.opens_on <= today <= self.closes_on

    def max_points(self) -> int:
        return sum(int(c["max"]) for c in self.rubric)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined the offer"
    UNSUCCESSFUL = "unsuccessful", "Not selected"


class Application(models.Model):
    """A teacher's bid for a posting: statement, evidence, and the outcome.

    Personal data: the applicant, their statement, evidence files, scores and the feedback
    they receive — confidential to the applicant, the posting's selectors and the talent office.
    """

    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="role_applications"
    )
    statement = models.TextField()
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    feedback = models.TextField(blank=True, help_text="For an unsuccessful applicant.")

    class Meta:
        ordering = ["posting", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "applicant"], name="one_application_each"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.posting.role.title}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"roles/evidence/{instance.application.posting_id}/{instance.application_id}/{filename}"


class Evidence(models.Model):
    """A file an applicant attached, stored under MEDIA_ROOT (outside the web root).

    Personal data: whatever the applicant uploaded (lesson plans, student-growth summaries).
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Panel(models.Model):
    """The reviewers who score a posting's applications.

    Personal data: none beyond its members.
    """

    posting = models.OneToOneField(Posting, on_delete=models.CASCADE, related_name="panel")

    def __str__(self) -> str:
        return f"Panel for {self.posting}"


class PanelMember(models.Model):
    """A reviewer seated on a panel.

    Personal data: who reviews whom.
    """

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    reviewer = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="role_panel_seats"
    )

    class Meta:
        ordering = ["reviewer__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "reviewer"], name="one_seat_each"),
        ]

    def __str__(self) -> str:
        return str(self.reviewer)


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict with one application; they then never see or score it.

    Personal data: the declared relationship (free text).
    """

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_declaration"),
        ]

    def __str__(self) -> str:
        return f"Conflict of {self.member} with application {self.application_id}"


class Score(models.Model):
    """One reviewer's points for one rubric criterion of one application.

    Personal data: a reviewer's judgement of an applicant.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=40)
    points = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member", "criterion"], name="one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class OfferResponse(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Offer(models.Model):
    """An offer of a posting's position to an applicant, and their answer.

    Personal data: who was offered a role and how they answered.
    """

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="offers")
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(
        max_length=10, choices=OfferResponse.choices, default=OfferResponse.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "pk"]

    def __str__(self) -> str:
        return f"Offer to {self.application.applicant}"
