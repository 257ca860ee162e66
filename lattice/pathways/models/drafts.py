"""An adoption being prepared: the policy, its date, the reviewed crosswalk and the preview."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import District


class AdoptionDraft(models.Model):
    """A policy the talent office is previewing: what it would pay every teacher.

    ``crosswalk`` is the mapping from today's standing to the new policy as the officer last
    reviewed it; ``rows`` is the preview it gave (one entry per teacher) and ``summary`` its
    counts, kept so the preview pages and the CSV read one computation. ``adoption`` is set
    once the draft is adopted.

    Personal data: the preview names each teacher with their standing and pay now and under
    the policy.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    policy_key = models.CharField(max_length=80)
    policy_name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    toml_text = models.TextField()
    sha256 = models.CharField(max_length=64)
    effective_from = models.DateField()
    on = models.DateField(help_text="The date the preview placed teachers on.")
    origin = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True)
    crosswalk = models.JSONField(default=dict)
    rows = models.JSONField(default=list)
    summary = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    adoption = models.ForeignKey(
        "pathways.PolicyAdoption",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Draft: {self.policy_key} v{self.version} from {self.effective_from}"
