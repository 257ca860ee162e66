"""The stored standing: one row per teacher, the projection every page and payroll reads.

A teacher's standing and pay on a date are computed from their facts by the rules engine and
stored here by one writer (``lattice.pathways.actions.standings.recompute_standings``). Writers
of facts announce changes through ``lattice.lib.facts``; the pathways app then marks the rows
stale and recomputes them after the writer's transaction commits. Readers go through
``lattice.pathways.queries.standing_for`` / ``standings_for``, which say whether a row is fresh.
"""

from __future__ import annotations

from django.db import models

from lattice.people.models import District, StaffMember


class StandingStatus(models.TextChoices):
    PLACED = "placed", "Placed"
    UNPLACED = "unplaced", "Not placed"
    PENDING = "pending", "Starts later"


class Standing(models.Model):
    """A teacher's current standing under the adopted policy, with the engine's explanation.

    ``as_of`` is the date the engine placed the teacher on (today, kept current nightly);
    ``stale_since`` is set when a fact changed and the row waits for its recompute.
    ``pay_lines`` are the policy's pay lines of the year (what payroll reads, without the
    snapshot); ``snapshot`` keeps what "My path" shows besides (chart points, the explanation
    year by year, next moves) so a page never recomputes the whole history.
    ``fingerprint`` is a checksum of the computed values: a recompute that gives the same
    values rewrites nothing but the date.

    Personal data: a person's pathway, interval, step and lane, units, salary and pay lines,
    and the explanation built from their ratings, credits and other facts.
    """

    staff_member = models.OneToOneField(
        StaffMember, on_delete=models.CASCADE, related_name="standing"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    adoption = models.ForeignKey(
        "pathways.PolicyAdoption", on_delete=models.CASCADE, related_name="standings"
    )
    as_of = models.DateField()
    status = models.CharField(
        max_length=10, choices=StandingStatus.choices, default=StandingStatus.PLACED
    )
    pathway = models.CharField(max_length=80, blank=True)
    pathway_name = models.CharField(max_length=120, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    lane = models.CharField(max_length=80, blank=True)
    units_earned = models.IntegerField(default=0)
    units_banked = models.IntegerField(default=0)
    base_salary = models.IntegerField(default=0)
    supplements = models.IntegerField(default=0)
    bonuses = models.IntegerField(default=0)
    one_time = models.IntegerField(default=0)
    label = models.CharField(max_length=200, blank=True, help_text="Where they stand, in words.")
    policy_label = models.CharField(
        max_length=120, blank=True, help_text="e.g. baltimore-2010 v1.0"
    )
    pay_lines = models.JSONField(
        default=list,
        help_text="The policy's pay lines of the school year: kind, label, amount, explanation.",
    )
    problem = models.CharField(max_length=500, blank=True, help_text="Why not placed.")
    fix = models.CharField(max_length=300, blank=True, help_text="What would place them.")
    snapshot = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64)
    computed_at = models.DateTimeField()
    stale_since = models.DateTimeField(null=True, blank=True)
    stale_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["staff_member__family_name", "staff_member__given_name"]
        indexes = [
            models.Index(fields=["district", "stale_since"], name="standing_stale"),
            models.Index(fields=["district", "status"], name="standing_status"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.standing_label}"

    @property
    def standing_label(self) -> str:
        if self.status != StandingStatus.PLACED:
            return self.get_status_display()
        return self.label or self.pathway_name or self.pathway

    @property
    def total_salary(self) -> int:
        """What the policy pays (role stipends are paid by the roles app on top)."""
        return self.base_salary + self.supplements + self.bonuses + self.one_time
