"""Teacher-proposed roles ("define your own path"): principal review, then district review."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models

from lattice.people.models import District, School, StaffMember
from lattice.roles.models.catalogue import LeadershipRole


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the principal"
    PRINCIPAL_APPROVED = "principal_ok", "Waiting for the district"
    RETURNED = "returned", "Returned for changes"
    DECLINED = "declined", "Declined"
    APPROVED = "approved", "Approved — in the catalogue"


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
