"""Applications to move pathway: cohorts, profiles of artifacts, and peer-review panels."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import District, StaffMember

BALTIMORE_MODEL_DOMAINS = [
    "Learner achievement",
    "Instruction and support services",
    "Developing as a professional",
    "Leadership",
]

# What each score of a four-level rubric means, from 1 up, in Lattice's words: a cohort
# starts with these (the office words its own where it creates the cohort), and the review
# form shows each beside its score, so two reviewers read "3" the same way.
FOUR_LEVELS = [
    "Not yet shown: the evidence does not show this, or shows it only once",
    "Emerging: shown now and then, with gaps the evidence itself points to",
    "Consistent: shown regularly, in evidence from more than one source",
    "Leading: shown consistently and shared, so colleagues' practice changes too",
]


class Cohort(models.Model):
    """A round of applications for one of the policy's people-decided moves.

    Personal data: none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=120)
    transition_key = models.CharField(
        max_length=80, help_text="The policy move this cohort decides, e.g. peer-review-to-model."
    )
    decision_kind = models.CharField(max_length=40, help_text="The decision a pass records.")
    domains = models.JSONField(default=list, help_text="Rubric domains, in order.")
    max_per_domain = models.PositiveSmallIntegerField(default=4)
    level_descriptors = models.JSONField(
        default=list,
        blank=True,
        help_text="What each score means, from 1 up to the top score: one sentence a level.",
    )
    cut_score = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Final score needed to pass."
    )
    reconcile_margin = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text="Reviewers' totals further apart than this need reconciling.",
    )
    register_opens = models.DateField()
    register_closes = models.DateField()
    submit_opens = models.DateField()
    submit_closes = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-register_opens", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(register_closes__gte=models.F("register_opens"))
                & models.Q(submit_closes__gte=models.F("submit_opens")),
                name="cohort_windows_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def max_total(self) -> int:
        return self.max_per_domain * len(self.domains)


class PanelMember(models.Model):
    """A staff member seated on the district's peer-review panel.

    Personal data: that a person reviews their peers.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="panel_seats"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff_member__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "staff_member"], name="one_panel_seat")
        ]

    def __str__(self) -> str:
        return str(self.staff_member)


class Application(models.Model):
    """A teacher's application in a cohort, from registration to decision and appeal.

    Personal data: the applicant, their profile, scores, outcome, feedback and appeal.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        SUBMITTED = "submitted", "Submitted for review"
        RECONCILE = "reconcile", "Reviewers disagree: reconciling"
        SCORED = "scored", "Scored, waiting for the decision"
        PASSED = "passed", "Passed"
        NOT_PASSED = "not_passed", "Did not pass"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="pathway_applications"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    registered_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reconciled_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    reconcile_note = models.CharField(max_length=500, blank=True)
    final_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    feedback = models.TextField(blank=True, help_text="Summary feedback for the applicant.")
    appeal_text = models.TextField(blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=500, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "staff_member__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "staff_member"], name="one_application_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} — {self.cohort}"

    @property
    def decided(self) -> bool:
        return self.status in (self.Status.PASSED, self.Status.NOT_PASSED)


class Artifact(models.Model):
    """One piece of an applicant's profile in a rubric domain: a description, a link, files.

    Personal data: the applicant's work samples and any links (e.g. a lesson video).
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="artifacts")
    domain = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    link = models.URLField(blank=True, help_text="e.g. a lesson video")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "domain", "added_at"]

    def __str__(self) -> str:
        return self.title


class ReviewAssignment(models.Model):
    """A reviewer assigned to one application: conflict declaration, scores and comments.

    Personal data: the reviewer's identity, their scores and comments on the applicant.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="reviews")
    assigned_at = models.DateTimeField(auto_now_add=True)
    conflict = models.BooleanField(default=False)
    conflict_note = models.CharField(max_length=300, blank=True)
    scores = models.JSONField(default=dict, help_text="Domain name → score.")
    comments = models.TextField(blank=True)
    total = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_each")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} reviews {self.application}"
