"""Teacher-proposed roles ("define your own path"): principal review, then district review."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import District, School, StaffMember
from lattice.roles.models.catalogue import LeadershipRole


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the principal"
    PRINCIPAL_APPROVED = "principal_ok", "Waiting for the district"
    RETURNED = "returned", "Returned for changes"
    DECLINED = "declined", "Declined"
    APPROVED = "approved", "Approved — in the catalogue"


class ProposalScope(models.TextChoices):
    """Where the proposed role would run: what an approval puts in the catalogue."""

    PILOT = "pilot", "A pilot at my school only"
    EVERY_SCHOOL = "school", "At every school"
    DISTRICT = "district", "District-wide (positions for the whole district)"


class RoleProposal(models.Model):
    """A role a teacher (or team) proposes: problem, duties, time, cost, measure of success.

    Personal data: the proposers and the reviewers' notes.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="role_proposals")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="role_proposals")
    title = models.CharField(max_length=120)
    problem = models.TextField("problem it addresses")
    duties = models.TextField(help_text="One duty a line.")
    release_percent = models.PositiveSmallIntegerField(
        "release share of the day (%)", default=0, validators=[MaxValueValidator(100)]
    )
    extra_days = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(60)])
    stipend_dollars = models.PositiveIntegerField(
        "stipend asked ($)", default=0, validators=[MaxValueValidator(100_000)]
    )
    success_measure = models.TextField("how we will know it worked")
    scope = models.CharField(
        "where it would run",
        max_length=8,
        choices=ProposalScope.choices,
        default=ProposalScope.PILOT,
    )
    positions = models.PositiveSmallIntegerField(
        "positions",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many people would hold it (at your school for a pilot, at each school, "
        "or in the whole district).",
    )
    proposers = models.ManyToManyField(StaffMember, related_name="role_proposals")
    submitted_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=14, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    principal_note = models.TextField(blank=True)
    district_note = models.TextField(blank=True)
    role = models.OneToOneField(
        LeadershipRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ProposalStep(models.TextChoices):
    SUBMITTED = "submitted", "Sent to the principal"
    PRINCIPAL_APPROVED = "principal_ok", "The principal approved it and sent it to the district"
    RETURNED = "returned", "Returned for changes"
    RESUBMITTED = "resubmitted", "Changed and sent again"
    DECLINED = "declined", "Declined"
    APPROVED = "approved", "The district approved it"
    PLACED = "placed", "The proposer was placed"


class ProposalEvent(models.Model):
    """One step of a proposal's history: who did what, their note, and what changed.

    Personal data: the reviewers' and proposers' notes.
    """

    proposal = models.ForeignKey(RoleProposal, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=12, choices=ProposalStep.choices)
    stage = models.CharField(max_length=10, blank=True, help_text="principal or district")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    changes = models.JSONField(
        default=list,
        blank=True,
        help_text="The fields a resubmission changed: label, before, after.",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_step_display()}"

    @property
    def label(self) -> str:
        """The step as the history reads it, saying which review it was: "Declined by the
        district", "Returned for changes by the principal", "Changed and sent again to the
        district" (the steps that name their reviewer already say it)."""
        text = str(self.get_step_display())
        who = {"principal": "the principal", "district": "the district"}.get(self.stage)
        if who is None:
            return text
        if self.step in (ProposalStep.DECLINED, ProposalStep.RETURNED):
            return f"{text} by {who}"
        if self.step == ProposalStep.RESUBMITTED:
            return f"{text} to {who}"
        return text
