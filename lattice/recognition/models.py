"""What a district recognises and whom it has recognised: achievements, awards (each issued as
an Open Badges 3.0 credential), the issuer's signing keys, recognition programs with their
nominations and selection panels."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from lattice.people.models import District, School, SchoolYear, StaffMember


class AchievementType(models.TextChoices):
    """Open Badges 3.0 ``achievementType`` values (extensions carry the ``ext:`` prefix the
    specification reserves for them)."""

    MICRO_CREDENTIAL = "MicroCredential", "Micro-credential"
    AWARD = "Award", "Award"
    COMPETENCY = "Competency", "Competency"
    ROLE_SERVED = "ext:RoleServed", "Role served"
    PATHWAY_REACHED = "ext:PathwayReached", "Pathway reached"


class EarnedBy(models.TextChoices):
    """How a person earns an achievement: by the talent office's review of evidence, or
    automatically from a Lattice fact."""

    REVIEW = "review", "Application and review by the talent office"
    ROLE_SERVED = "role_served", "Automatically: terms served in a leadership role"
    PATHWAY = "pathway", "Automatically: reaching a pathway"
    RECOGNITION = "recognition", "Automatically: selected in a recognition program"
    LEDGER_CLAIM = "ledger_claim", "Automatically: a verified ledger claim"


class Achievement(models.Model):
    """Something the district recognises, with its criteria and the evidence it asks for.
    Personal data: none."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=400)
    criteria = models.TextField(help_text="What a person must do to earn it, in plain English.")
    evidence_required = models.CharField(max_length=300, blank=True)
    achievement_type = models.CharField(max_length=40, choices=AchievementType.choices)
    earned_by = models.CharField(max_length=20, choices=EarnedBy.choices, default=EarnedBy.REVIEW)
    role_key = models.CharField(max_length=80, blank=True, help_text="For roles served.")
    terms_required = models.PositiveSmallIntegerField(default=1)
    pathway_key = models.CharField(max_length=80, blank=True, help_text="For a pathway reached.")
    claim_kind = models.CharField(
        max_length=20,
        blank=True,
        help_text=(
            "For a verified ledger claim: its kind (certificate, project, credits, pd_hours)."
        ),
    )
    claim_category = models.CharField(
        max_length=80,
        blank=True,
        help_text="For a verified ledger claim: its category, e.g. 'National Board' (blank: any).",
    )
    tlms_functions = models.CharField(
        max_length=120,
        blank=True,
        help_text="Teacher Leader Model Standards functions, e.g. '4c 3c' (domain and letter).",
    )
    ledger_kind = models.CharField(
        max_length=20,
        blank=True,
        help_text="When it counts toward a pathway: the kind of claim it enters the ledger as.",
    )
    ledger_units = models.PositiveSmallIntegerField(
        default=0, help_text="For an approved project: the units it is claimed for."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "key"], name="recognition_achievement_key")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def automatic(self) -> bool:
        return self.earned_by != EarnedBy.REVIEW


class Award(models.Model):
    """A person earned an achievement; issued as a signed OB 3.0 credential. Personal data: who
    earned what and when, a salted hash of their email inside the credential, whether they
    made it public."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="awards")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    awarded_on = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    narrative = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="The fact behind it.")
    public = models.BooleanField(default=False)
    status_index = models.PositiveIntegerField()
    salt = models.CharField(max_length=64)
    credential = models.JSONField(default=dict)
    credential_jwt = models.TextField(blank=True)
    key_id = models.CharField(max_length=80, blank=True)
    ledger_note = models.CharField(max_length=300, blank=True, help_text="Its pathway claim.")
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "staff_member"],
                condition=Q(revoked_at__isnull=True),
                name="recognition_award_once",
            ),
        ]
        ordering = ["-awarded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.achievement.name} — {self.staff_member.display_name}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class RoleTerm(models.Model):
    """A school year's term in a leadership role, as the roles app announced it
    (``lattice.lib.roles_served``); counted for "served N terms" achievements. Personal data:
    who held which role when."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    role_key = models.CharField(max_length=80)
    title = models.CharField(max_length=200)
    school_year_start = models.DateField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "role_key", "school_year_start"],
                name="recognition_role_term_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.school_year_start:%Y}"


class IssuerKey(models.Model):
    """One Ed25519 key of a district's key ring. The public half is published (JWKS); the
    private half lives in a file under LATTICE_VAR_DIR, never in the database.
    Personal data: none."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kid = models.CharField(max_length=80, unique=True)
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid


class StatusCounter(models.Model):
    """The next free position in a district's revocation status list. Personal data: none."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    next_index = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"next status index {self.next_index}"


class ProgramLevel(models.TextChoices):
    DISTRICT = "district", "District"
    STATE = "state", "State"
    NATIONAL = "national", "National"


class ProgramStatus(models.TextChoices):
    NOMINATING = "nominating", "Taking nominations"
    REVIEWING = "reviewing", "Panel reviewing"
    DECIDED = "decided", "Decided"


class Program(models.Model):
    """A recognition program (a district's Teacher of the Year, or a state or national award
    the district nominates for). Personal data: none."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=20, choices=ProgramLevel.choices)
    criteria = models.TextField()
    nominations_open = models.DateField()
    nominations_close = models.DateField()
    decision_by = models.DateField()
    families_may_nominate = models.BooleanField(default=False)
    self_nomination = models.BooleanField(default=True)
    honourees = models.PositiveSmallIntegerField(default=1)
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(
        max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.NOMINATING
    )

    class Meta:
        ordering = ["-nominations_open", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.school_year}"


class NominatorKind(models.TextChoices):
    COLLEAGUE = "colleague", "A colleague"
    PRINCIPAL = "principal", "A principal"
    FAMILY = "family", "A family"
    SELF = "self", "Self-nomination"


class Nomination(models.Model):
    """Someone nominates a teacher for a program. Confidential like peer review: the nominee's
    principal does not see it. Personal data: nominee, nominator, their statement."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="nominations")
    nominee = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    nominee_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    nominator_kind = models.CharField(max_length=20, choices=NominatorKind.choices)
    nominator = models.ForeignKey(
        StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nominator_name = models.CharField(max_length=120, blank=True)
    statement = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    selected = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "nominee", "nominator"], name="recognition_nominate_once"
            )
        ]
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.nominee.display_name} for {self.program.name}"


class PanelSeat(models.Model):
    """A reviewer on a program's selection panel. Personal data: who reviews."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="seats")
    reviewer = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "reviewer"], name="recognition_seat_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.display_name} on {self.program.name}"


class Review(models.Model):
    """A reviewer's rubric scores for one nomination, or a declared conflict (then no scores).
    Confidential: only the talent office sees others' scores. Personal data: scores, conflict
    reasons."""

    seat = models.ForeignKey(PanelSeat, on_delete=models.CASCADE, related_name="reviews")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="reviews")
    scores = models.JSONField(default=dict)
    conflict = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seat", "nomination"], name="recognition_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.seat.reviewer.display_name} on {self.nomination}"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.scores.values())
