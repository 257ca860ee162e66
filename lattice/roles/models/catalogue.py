"""The district's catalogue of leadership roles and its role settings."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import District, Position, School


class TLMSDomain(models.TextChoices):
    """The seven Teacher Leader Model Standards domains (Teacher Leadership Exploratory
    Consortium, 2011: https://nea.org/resource-library/teacher-leader-model-standards)."""

    CULTURE = "culture", "1 Fostering a collaborative culture"
    RESEARCH = "research", "2 Accessing and using research"
    PROFESSIONAL_LEARNING = "learning", "3 Promoting professional learning"
    INSTRUCTION = "instruction", "4 Facilitating improvements in instruction"
    ASSESSMENT = "assessment", "5 Promoting the use of assessments and data"
    FAMILIES = "families", "6 Improving outreach to families and community"
    ADVOCACY = "advocacy", "7 Advocating for student learning and the profession"


class RoleType(models.TextChoices):
    """What kind of role it is; the coverage dashboard groups by it."""

    MODEL = "model", "Model teacher"
    MENTOR = "mentor", "Mentor teacher"
    LEAD = "lead", "Lead teacher"
    MULTI_CLASSROOM = "mcl", "Multi-classroom leader"
    COACH = "coach", "Instructional coach"
    TEAM_LEAD = "team_lead", "PLC or department lead"
    COUNCIL = "council", "Council member"
    CURRICULUM = "curriculum", "Curriculum writer"
    OTHER = "other", "Other"


class PeerRelation(models.TextChoices):
    """Whether the holder evaluates peers or only supports them (the trust boundary)."""

    SUPPORTS = "supports", "Supports peers (never evaluates)"
    EVALUATES = "evaluates", "Evaluates peers"


class PayKind(models.TextChoices):
    STIPEND = "stipend", "Stipend in dollars"
    UNITS = "units", "Units under the district policy"


class PositionScope(models.TextChoices):
    PER_SCHOOL = "school", "Per school"
    PER_DISTRICT = "district", "Per district"


class Selector(models.TextChoices):
    PRINCIPAL = "principal", "The school's principal"
    PANEL = "panel", "A review panel"


class RoleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class RoleOrigin(models.TextChoices):
    TEMPLATE = "template", "From a template"
    PROPOSAL = "proposal", "A teacher's proposal"
    DISTRICT = "district", "Written by the district"


def default_eligible_positions() -> list[str]:
    """Who may hold a role unless the district says otherwise: classroom teachers and
    instructional coaches (the people app's teaching positions)."""
    return [Position.TEACHER.value, Position.INSTRUCTIONAL_COACH.value]


class LeadershipRole(models.Model):
    """A defined teacher-leader job in a district's catalogue: purpose, duties, time, pay, term.

    Personal data: none (who holds a role is a :class:`RoleAssignment`).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="roles")
    key = models.SlugField(help_text="Short id, unique in the district.")
    title = models.CharField(max_length=120)
    role_type = models.CharField(max_length=12, choices=RoleType.choices, default=RoleType.OTHER)
    purpose = models.TextField()
    duties = models.TextField(help_text="One duty a line.")
    tlms_domains = models.JSONField(
        "Teacher Leader Model Standards domains",
        default=list,
        blank=True,
        help_text="Keys of the TLMS domains the role exercises.",
    )
    peer_relation = models.CharField(
        max_length=10, choices=PeerRelation.choices, default=PeerRelation.SUPPORTS
    )
    # qualifications
    eligible_positions = models.JSONField(
        "who may hold it",
        default=default_eligible_positions,
        help_text="The staff positions (from the staff records) whose holders may apply: "
        "classroom teachers, counselors, paraprofessionals… as the district chooses.",
    )
    min_pathway = models.CharField(
        "minimum pathway or stage",
        max_length=40,
        blank=True,
        help_text="Key of the lowest pathway/stage that qualifies (e.g. model); empty for none.",
    )
    min_rating = models.CharField(
        "minimum rating",
        max_length=60,
        blank=True,
        help_text="The lowest rating label that counts, in the district's vocabulary.",
    )
    min_rating_years = models.PositiveSmallIntegerField(
        "recent years at that rating",
        default=0,
        validators=[MaxValueValidator(10)],
        help_text="How many of the most recent rated years must be at the minimum rating or above.",
    )
    required_certificates = models.JSONField(
        default=list, blank=True, help_text="Certificate kinds the holder must currently hold."
    )
    min_years_experience = models.DecimalField(
        "minimum years of experience",
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    # time
    release_percent = models.PositiveSmallIntegerField(
        "release share of the day (%)", default=0, validators=[MaxValueValidator(100)]
    )
    extra_days = models.PositiveSmallIntegerField(
        "extra contract days", default=0, validators=[MaxValueValidator(60)]
    )
    # pay
    pay_kind = models.CharField(max_length=8, choices=PayKind.choices, default=PayKind.STIPEND)
    stipend_dollars = models.PositiveIntegerField(
        "stipend ($ a year)", default=0, validators=[MaxValueValidator(100_000)]
    )
    pay_units = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text="Units earned per term when pay is in units under the district policy.",
    )
    # term, positions, selection
    term_years = models.PositiveSmallIntegerField(
        "term (years)", default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    renewable = models.BooleanField(default=True)
    position_scope = models.CharField(
        max_length=8, choices=PositionScope.choices, default=PositionScope.PER_SCHOOL
    )
    positions = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text="How many positions per school (or in the district).",
    )
    pilot_school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A pilot runs at this school only; empty for a role of every school.",
    )
    default_share_percent = models.PositiveSmallIntegerField(
        "target share of teachers (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Share of teachers the district aims to hold this role (Iowa: 10/10/5).",
    )
    selected_by = models.CharField(max_length=10, choices=Selector.choices, default=Selector.PANEL)
    team_min = models.PositiveSmallIntegerField(
        "smallest team",
        null=True,
        blank=True,
        help_text="For leaders of a team of teachers (multi-classroom leader: 4).",
    )
    team_max = models.PositiveSmallIntegerField(
        "largest team",
        null=True,
        blank=True,
        help_text="For leaders of a team of teachers (multi-classroom leader: 6).",
    )
    status = models.CharField(max_length=8, choices=RoleStatus.choices, default=RoleStatus.DRAFT)
    origin = models.CharField(
        max_length=10, choices=RoleOrigin.choices, default=RoleOrigin.DISTRICT
    )
    template_key = models.CharField(max_length=40, blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the role's figures come from."
    )

    class Meta:
        ordering = ["district", "title"]
        constraints = [
            models.UniqueConstraint(fields=["district", "key"], name="one_role_key_per_district"),
            models.CheckConstraint(
                condition=models.Q(team_min__isnull=True)
                | models.Q(team_max__isnull=True)
                | models.Q(team_min__lte=models.F("team_max")),
                name="team_min_not_above_max",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def eligible_labels(self) -> list[str]:
        labels = dict(Position.choices)
        return [str(labels.get(p, p)) for p in self.eligible_positions]

    @property
    def evaluates(self) -> bool:
        return self.peer_relation == PeerRelation.EVALUATES

    @property
    def release_fte(self) -> Decimal:
        return Decimal(self.release_percent) / 100

    @property
    def duty_lines(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]

    def positions_text(self) -> str:
        """``2 at Maple Elementary (a pilot)``, ``1 per school``, ``3 in the district``."""
        if self.pilot_school_id is not None:
            return f"{self.positions} at {self.pilot_school} (a pilot)"
        if self.position_scope == PositionScope.PER_SCHOOL:
            return f"{self.positions} per school"
        return f"{self.positions} in the district"

    def domain_labels(self) -> list[str]:
        labels = dict(TLMSDomain.choices)
        return [labels.get(key, key) for key in self.tlms_domains]


# The fields a talent office edits, in the order the role form shows them (roles.forms);
# the catalogue action (roles.actions.catalogue) audits these and the ones Lattice sets.
EDITABLE_ROLE_FIELDS: tuple[str, ...] = (
    "title",
    "key",
    "role_type",
    "status",
    "purpose",
    "duties",
    "tlms_domains",
    "peer_relation",
    "eligible_positions",
    "min_pathway",
    "min_rating",
    "min_rating_years",
    "required_certificates",
    "min_years_experience",
    "release_percent",
    "extra_days",
    "pay_kind",
    "stipend_dollars",
    "pay_units",
    "term_years",
    "renewable",
    "position_scope",
    "positions",
    "default_share_percent",
    "selected_by",
    "team_min",
    "team_max",
    "source",
)
SYSTEM_ROLE_FIELDS: tuple[str, ...] = (
    "origin",
    "template_key",
    "pilot_school",
)  # where the role came from


# Documented defaults of the district settings (ASSUMPTION [U]; no source gives these figures):
# a full-time coverage teacher costs about what an average teacher costs with benefits, and an
# extra contract day is paid at a day's rate of an average salary.
DEFAULT_COVERAGE_FTE_COST = 65_000
DEFAULT_EXTRA_DAY_COST = 350


class RoleSettings(models.Model):
    """A district's settings for leadership roles: the target share and cost rates.

    The target share defaults to Iowa's 25% (10% model + 10% mentor + 5% lead: the TLC default
    state model, https://www.educateiowa.gov/teacher-leadership-and-compensation-system).
    Rounding a share up to whole leaders is ASSUMPTION [U]: the law states no rounding rule.

    Personal data: none.
    """

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="role_settings"
    )
    target_share_percent = models.PositiveSmallIntegerField(
        "target share of teachers in roles (%)", default=25, validators=[MaxValueValidator(100)]
    )
    round_up = models.BooleanField(
        "round leader counts up",
        default=True,
        help_text="Round a share of teachers up to whole people (an assumption; Iowa's rule "
        "is unconfirmed).",
    )
    coverage_fte_cost = models.PositiveIntegerField(
        "cost of 1.0 FTE of coverage ($)",
        default=DEFAULT_COVERAGE_FTE_COST,
        validators=[MaxValueValidator(500_000)],
        help_text="What one full-time position replacing released time costs a year.",
    )
    extra_day_cost = models.PositiveIntegerField(
        "cost of one extra contract day ($)",
        default=DEFAULT_EXTRA_DAY_COST,
        validators=[MaxValueValidator(5_000)],
    )

    def __str__(self) -> str:
        return f"Role settings of {self.district}"
