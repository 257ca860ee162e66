"""Import runs, the district's import settings and roster connection, saved column mappings
and the review list of uncertain matches."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.lib.jobs import LeasedRun
from lattice.people.models import District, StaffMember

RUNNING_STATUSES = ("parsing", "applying", "undoing")


class ImportRun(LeasedRun):
    """One upload (web), command (CLI) or roster sync of OneRoster or HR data, from parse to
    apply (and, maybe, undo).

    Holds the parse progress the page polls, the preview counts and diff samples, the capped
    list of errors and warnings for the downloadable report, the safety check's verdict and
    the officer's confirmation, and — once applied — the journal of every row written, which
    undoing the import reads.

    Personal data: who ran it; the preview's diff samples, errors and journal hold staff
    names, emails, employee ids and HR values (never students' data: they are only counted).
    """

    class Kind(models.TextChoices):
        ONEROSTER = "oneroster", "OneRoster roster"
        HR = "hr", "HR and evaluation file"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be read"
        PARSING = "parsing", "Reading the files"
        READY = "ready", "Ready to apply"
        INVALID = "invalid", "Has errors"
        APPLY_QUEUED = "apply_queued", "Waiting to apply"
        APPLYING = "applying", "Applying"
        APPLIED = "applied", "Applied"
        FAILED = "failed", "Failed"
        NEEDS_MAPPING = "needs_mapping", "Needs a column mapping"
        DISCARDED = "discarded", "Discarded"
        EXPIRED = "expired", "Expired without being applied"
        UNDOING = "undoing", "Being undone"
        UNDONE = "undone", "Undone"

    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="import_runs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    mode = models.CharField(max_length=8, blank=True, help_text="bulk or delta (OneRoster)")
    version = models.CharField(max_length=8, blank=True)
    origin = models.CharField(max_length=8, default="web", help_text="web, cli or sync")
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
    warnings = models.JSONField(default=list, blank=True)
    failed_during = models.CharField(
        max_length=8, blank=True, help_text="parse, apply or undo: what a retry repeats."
    )
    confirmed_removals = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The count of deactivations the officer typed (or --allow-deactivate).",
    )
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="A preview not applied by then expires."
    )
    files_deleted_at = models.DateTimeField(null=True, blank=True)
    journal = models.JSONField(
        default=dict, blank=True, help_text="Every row the apply wrote, with its old values."
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    connection = models.ForeignKey(
        "RosterConnection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
        help_text="The roster connection a sync run came from.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "-created_at"], name="import_runs_recent"),
            models.Index(fields=["status", "lease_expires_at"], name="import_runs_leases"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import #{self.pk}"

    @property
    def finished_parsing(self) -> bool:
        return self.status not in (
            self.Status.QUEUED,
            self.Status.PARSING,
            self.Status.APPLY_QUEUED,
            self.Status.APPLYING,
            self.Status.UNDOING,
        )

    @property
    def guard(self) -> dict:
        """The safety check's verdict stored with the preview (empty when nothing is at risk)."""
        return dict(self.preview.get("guard") or {})


class ImportSettings(models.Model):
    """A district's safety limits for imports: how much one import may deactivate or end before
    it needs a deliberate yes, and how long previews and uploaded files are kept.

    Personal data: none.
    """

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="import_settings"
    )
    max_removal_percent = models.DecimalField(
        "largest share deactivated or ended without confirmation (%)",
        max_digits=4,
        decimal_places=1,
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="An import that would deactivate more than this share of active staff (or "
        "end more than this share of open assignments) stops at the preview.",
    )
    max_removal_count = models.PositiveIntegerField(
        "largest number deactivated or ended without confirmation",
        null=True,
        blank=True,
        help_text="Also stop above this many people or assignments (empty: the share only).",
    )
    preview_days = models.PositiveSmallIntegerField(
        "days a preview can wait",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="A preview not applied within this many days expires; upload it again.",
    )
    file_retention_days = models.PositiveSmallIntegerField(
        "days uploaded files are kept",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Uploaded files are deleted this many days after the upload.",
    )

    def __str__(self) -> str:
        return f"Import settings of {self.district}"


class RosterConnection(models.Model):
    """A district's live OneRoster 1.2 REST connection (rostering service, OAuth 2.0 client
    credentials), synced on a schedule through the same preview and safety rules as files.

    The client secret is stored encrypted (see ``lattice.imports.oneroster.secrets``) and is
    never shown again after it is saved.

    Personal data: none (an API client id; the secret is a credential, encrypted).
    """

    class Schedule(models.TextChoices):
        NIGHTLY = "nightly", "Every night"
        HOURLY = "hourly", "Every hour"
        MANUAL = "manual", "Only when asked"

    class Health(models.TextChoices):
        NEW = "new", "Not synced yet"
        OK = "ok", "Working"
        WAITING = "waiting", "Waiting for an officer"
        FAILING = "failing", "Failing"

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="roster_connection"
    )
    base_url = models.URLField(
        "base URL",
        max_length=300,
        help_text="The rostering service's address; it usually ends in "
        "/ims/oneroster/rostering/v1p2.",
    )
    token_url = models.URLField(
        "token URL",
        max_length=300,
        blank=True,
        help_text="The OAuth 2.0 token endpoint (default: the base URL's /token).",
    )
    client_id = models.CharField(max_length=200)
    secret_encrypted = models.TextField(blank=True)
    secret_set_at = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(
        max_length=300,
        blank=True,
        default="https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
    )
    include_classes = models.BooleanField(
        default=False, help_text="Also read classes (checked, not stored)."
    )
    schedule = models.CharField(max_length=8, choices=Schedule.choices, default=Schedule.NIGHTLY)
    sync_hour = models.PositiveSmallIntegerField(
        "hour of the nightly sync (UTC)", default=2, validators=[MaxValueValidator(23)]
    )
    auto_apply = models.BooleanField(
        "apply automatically when within the safety limits",
        default=True,
        help_text="Otherwise every sync waits at its preview for an officer.",
    )
    enabled = models.BooleanField(default=True)
    health = models.CharField(max_length=8, choices=Health.choices, default=Health.NEW)
    last_message = models.CharField(max_length=500, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    high_water = models.CharField(
        max_length=40,
        blank=True,
        help_text="dateLastModified of the newest record synced; the next sync asks for later.",
    )
    full_sync_days = models.PositiveSmallIntegerField(
        "days between full syncs",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Deltas in between; a full sync also finds people the SIS removed.",
    )
    last_full_sync_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Roster connection of {self.district}"


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
    or confirms it is someone new; the next import then follows that decision. A roster row
    is remembered by its OneRoster id, an HR file row by its employee id (``identifier``).

    Personal data: the row's name, email and ids, and the candidate people's names.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        LINKED = "linked", "Linked to an existing person"
        NEW = "new", "Confirmed as a new person"

    class Kind(models.TextChoices):
        ONEROSTER = "oneroster", "Roster row (matched by OneRoster id)"
        HR = "hr", "HR file row (matched by employee id)"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="review_items")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ONEROSTER)
    sourced_id = models.CharField(max_length=255, blank=True)
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
        return f"{self.name} ({self.sourced_id or self.identifier})"
