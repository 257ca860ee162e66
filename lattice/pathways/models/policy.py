"""Policy adoptions, recorded decisions and the placement history they produce."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import District, StaffMember


class PolicyAdoption(models.Model):
    """A district's adoption of one policy version from a date, with the exact TOML it used.

    The TOML text is stored so that every placement can be traced to the rules that made it,
    even after the shipped file changes. The adoption in force on a date is the one with the
    latest ``effective_from`` on or before it.

    Personal data: which account adopted the policy.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="adoptions")
    policy_key = models.CharField(max_length=80)
    policy_name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    effective_from = models.DateField(help_text="Placements under this policy start on this day.")
    toml_text = models.TextField()
    sha256 = models.CharField(max_length=64)
    origin = models.CharField(max_length=200, help_text="Shipped file name or 'uploaded'.")
    note = models.CharField(max_length=300, blank=True)
    crosswalk = models.JSONField(
        default=dict,
        blank=True,
        help_text="The reviewed crosswalk that placed the district's teachers under this "
        "policy (see lattice.pathways.crosswalk), with the counts it gave.",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["district", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "effective_from"], name="one_adoption_per_district_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy_key} v{self.version} from {self.effective_from}"


class StartingPlacement(models.Model):
    """Where the district placed a person when they joined a policy (a conversion, or the
    crosswalk of an adoption that switched policy).

    Facts dated before ``on`` are already reflected in it; the engine counts only later ones.
    ``adoption`` is the policy it places the person under (empty until the district adopts
    the policy the conversion was recorded for). ``interval`` is the step under a
    step-and-lane policy; ``pathway`` is empty under a model without pathways.
    ``base_salary`` is the salary carried into a policy that pays the district's own schedule.

    Personal data: a person's pathway, interval or step, banked units and salary on a date.
    """

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="starting_placements"
    )
    adoption = models.ForeignKey(
        "pathways.PolicyAdoption",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="starting_placements",
    )
    on = models.DateField()
    pathway = models.CharField(max_length=80, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True, default=1)
    units = models.PositiveIntegerField(default=0)
    base_salary = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "adoption"], name="one_starting_placement_per_adoption"
            ),
            models.UniqueConstraint(
                fields=["staff_member"],
                condition=models.Q(adoption__isnull=True),
                name="one_pending_starting_placement",
            ),
        ]

    def __str__(self) -> str:
        where = self.pathway or "placed"
        if self.interval is not None:
            where += f" {self.interval}"
        return f"{where} on {self.on}"


class Decision(models.Model):
    """An outcome made by people (peer review passed, selected as Lead, improvement plan …).

    The rules engine reads these as facts; it never makes them.

    Personal data: personnel decisions about a person, with dates and a note.
    """

    class Kind(models.TextChoices):
        PEER_REVIEW_PASSED = "peer_review_passed", "Passed peer review"
        PEER_REVIEW_FAILED = "peer_review_failed", "Did not pass peer review"
        ACCELERATED_APPROVED = "accelerated_approved", "Accelerated application approved"
        SELECTED_AS_LEAD = "selected_as_lead", "Selected as Lead"
        IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"
        SUSPENSION = "suspension", "Suspension"
        LABOR_DISPUTE_FINDING = "labor_dispute_finding", "Labor-dispute finding"

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="pathway_decisions"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    decided = models.DateField()
    ends = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    application = models.ForeignKey(
        "pathways.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.decided})"


def placement_label(
    pathway: str, pathway_name: str, interval: int | None, step: int | None, lane: str
) -> str:
    """Where a placement put someone, in words ("Professional interval 2"); a function of the
    stored values, so the history can be read as plain rows (``queries``) and label the same."""
    parts = [pathway_name or pathway]
    if interval is not None:
        parts.append(f"interval {interval}")
    if step is not None:
        parts.append(f"step {step}")
    if lane:
        parts.append(f"lane {lane}")
    return " ".join(p for p in parts if p)


class Placement(models.Model):
    """One entry of the placement history: which adoption placed whom where, from when.

    Written by the standings writer (``actions.standings``) when a person's standing changed:
    the history of movements and which policy version made each one. The current standing is
    ``Standing``; ``snapshot`` is kept on rows written before it existed.

    Personal data: a person's pathway, interval, units and salary, and the facts behind them.
    """

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="placements"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    adoption = models.ForeignKey(PolicyAdoption, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField(help_text="The day this standing took effect.")
    as_of = models.DateField(help_text="The date the engine placed the person on.")
    reason = models.CharField(max_length=200)
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
    snapshot = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff_member", "-effective_on", "-id"]
        indexes = [
            models.Index(fields=["staff_member", "-effective_on", "-id"], name="placement_latest"),
            models.Index(fields=["district", "effective_on"], name="placement_by_district"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member}: {self.standing_label} from {self.effective_on}"

    @property
    def standing_label(self) -> str:
        return placement_label(self.pathway, self.pathway_name, self.interval, self.step, self.lane)

    @property
    def total_salary(self) -> int:
        return self.base_salary + self.supplements + self.bonuses + self.one_time


class PayrollExport(models.Model):
    """A payroll file the talent office downloaded: date, format, checksum, who was left out.

    Personal data: the names of people deliberately left out of the file and why (the file
    held salaries; only its checksum is kept).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    effective_date = models.DateField()
    file_format = models.CharField(max_length=4)
    rows = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    excluded = models.JSONField(
        default=list,
        blank=True,
        help_text="People the officer chose to leave out, each with why (name, reason, fix).",
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-exported_at", "-id"]

    def __str__(self) -> str:
        return f"payroll {self.effective_date} ({self.file_format})"
