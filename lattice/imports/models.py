"""Import runs, saved column mappings and the review list of uncertain matches."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import District, StaffMember


class ImportRun(models.Model):
    """One upload (web) or command (CLI) of OneRoster or HR files, from parse to apply.

    Holds the parse progress the page polls, the preview counts and diff samples, and the
    capped list of errors for the downloadable report.

    Personal data: who ran it; the preview's diff samples and errors hold staff names, emails,
    employee ids and HR values (never students' data: they are only counted).
    """

    class Kind(models.TextChoices):
        ONEROSTER = "oneroster", "OneRoster roster"
        HR = "hr", "HR and evaluation file"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be read"
        PARSING = "parsing", "Reading the files"
        READY = "ready", "Ready to apply"
        INVALID = "invalid", "Has errors"
        APPLYING = "applying", "Applying"
        APPLIED = "applied", "Applied"
        FAILED = "failed", "Failed"
        NEEDS_MAPPING = "needs_mapping", "Needs a column mapping"

    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="import_runs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    mode = models.CharField(max_length=8, blank=True, help_text="bulk or delta (OneRoster)")
    version = models.CharField(max_length=8, blank=True)
    origin = models.CharField(max_length=8, default="web", help_text="web or cli")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0)
    progress_label = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    file_names = models.JSONField(default=list, blank=True)
    storage = models.CharField(
        max_length=200, blank=True, help_text="Folder under MEDIA_ROOT holding the uploaded files."
    )
    counts = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    error_total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["district", "-created_at"], name="import_runs_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import #{self.pk}"

    @property
    def finished_parsing(self) -> bool:
        return self.status not in (self.Status.QUEUED, self.Status.PARSING, self.Status.APPLYING)


class ColumnMapping(models.Model):
    """A district's saved mapping of its HR file's headers onto Lattice's column set.

    Personal data: none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, default="hr")
    mapping = models.JSONField(default=dict, help_text="file header → Lattice column")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "kind"], name="one_mapping_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.kind} mapping"


class ReviewItem(models.Model):
    """A file row that could be more than one existing person (or clashes with one).

    Lattice does not guess: the row is left out until a talent officer links it to a person
    or confirms it is someone new; the next import then follows that decision.

    Personal data: the row's name, email and ids, and the candidate people's names.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        LINKED = "linked", "Linked to an existing person"
        NEW = "new", "Confirmed as a new person"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="review_items")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    sourced_id = models.CharField(max_length=255)
    file = models.CharField(max_length=80)
    line = models.PositiveIntegerField(null=True, blank=True)
    name = models.CharField(max_length=210)
    email = models.CharField(max_length=254, blank=True)
    identifier = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=300)
    candidates = models.JSONField(default=list, help_text="[{id, label}] of possible people")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    linked_staff = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "name"]
        indexes = [models.Index(fields=["district", "status"], name="review_by_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.sourced_id})"
