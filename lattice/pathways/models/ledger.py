"""The accomplishment ledger: claims a teacher submits and the evidence behind them.

Ratings are not claims: they come from ``people.RatingRecord``. Everything else a policy may
reward (college credits, PD hours, approved projects, roles served, certificates) enters as a
claim that the talent office verifies or rejects.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from lattice.people.models import District, StaffMember


class ClaimKind(models.TextChoices):
    CREDITS = "credits", "College credits"
    PD_HOURS = "pd_hours", "Professional development hours"
    PROJECT = "project", "Approved project"
    ROLE = "role", "Role served"
    CERTIFICATE = "certificate", "Certificate"


# The unit each counted kind of claim is measured in; the other kinds carry no amount.
_UNITS = {ClaimKind.CREDITS: "credit", ClaimKind.PD_HOURS: "hour", ClaimKind.PROJECT: "unit"}


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class Claim(models.Model):
    """One accomplishment a person claims, with its status and who decided it.

    ``quantity`` is credits, hours or units awarded, by kind; ``completed`` is the course end
    date (credits), completion date (PD, projects), the first day of the school year served
    (roles) or the issue date (certificates).

    Personal data: a person's education, training, roles and certificates, the reviewer's
    decision and reason.
    """

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="claims")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    title = models.CharField(max_length=200, help_text="Course, programme, project or role.")
    provider = models.CharField(max_length=200, blank=True, help_text="College or provider.")
    category = models.CharField(
        max_length=80, blank=True, help_text="The project kind or role key the policy names."
    )
    quantity = models.PositiveIntegerField(default=0, validators=[MinValueValidator(0)])
    completed = models.DateField()
    expires = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    window_exception = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the talent office accepted this claim outside the submission window.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["district", "status", "submitted_at"], name="claim_queue"),
            models.Index(fields=["staff_member", "status"], name="claim_by_person"),
        ]

    def __str__(self) -> str:
        if self.counted:
            return f"{self.get_kind_display()}: {self.title} ({self.quantity_label})"
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def counted(self) -> bool:
        """Whether the claim is an amount (credits, hours, units); a role served or a
        certificate is just held, and its kind already says what it is."""
        return ClaimKind(self.kind) in _UNITS

    @property
    def kind_line(self) -> str:
        """The kind, and the amount when there is one: "College credits · 3 credits", but
        "Role served" (never "Role served · role served")."""
        kind = self.get_kind_display()
        return f"{kind} · {self.quantity_label}" if self.counted else str(kind)

    @property
    def quantity_label(self) -> str:
        unit = _UNITS.get(ClaimKind(self.kind))
        if unit is None:
            return self.get_kind_display().lower()
        return f"{self.quantity} {unit}" + ("" if self.quantity == 1 else "s")


class Evidence(models.Model):
    """A file behind a claim or an application artifact (PDF, PNG or JPEG).

    Stored under ``MEDIA_ROOT`` (outside the web root) with a random name; served only by an
    access-checked view.

    Personal data: the file itself (a transcript, certificate or work sample) and its name.
    """

    class FileType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        PNG = "image/png", "PNG image"
        JPEG = "image/jpeg", "JPEG image"

    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    artifact = models.ForeignKey(
        "pathways.Artifact", null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40, choices=FileType.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(claim__isnull=False) | models.Q(artifact__isnull=False),
                name="evidence_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.original_name
