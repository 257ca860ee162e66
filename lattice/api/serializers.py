"""The JSON shapes of the API: what each endpoint returns and accepts.

Read serializers name fields as the pages do; money is whole dollars (``int``), dates ISO
8601. The standing and pay shapes are built from ``lattice.pathways.queries`` and
``lattice.lib.pay`` — the same reads as "My path" and payroll, so the numbers are equal by
construction.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lattice.audit.models import AuditEntry
from lattice.councils.models import Decision
from lattice.forecasts.models import ForecastRun
from lattice.imports.models import ImportRun
from lattice.imports.safety import Guard
from lattice.pathways.models import Claim, ClaimKind
from lattice.people.models import Assignment, District, School, SchoolYear, StaffMember
from lattice.recognition.models import Award
from lattice.roles.models import LeadershipRole, Posting, RoleAssignment


class SchoolSerializer(serializers.ModelSerializer[School]):
    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)

    class Meta:
        model = School
        fields = ["id", "district", "key", "name", "sourced_id"]


class SchoolYearSerializer(serializers.ModelSerializer[SchoolYear]):
    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)

    class Meta:
        model = SchoolYear
        fields = ["id", "district", "label", "start", "end", "sourced_id"]


class AssignmentSerializer(serializers.ModelSerializer[Assignment]):
    school = serializers.SlugRelatedField[School](slug_field="key", read_only=True)
    school_year = serializers.SlugRelatedField[SchoolYear](slug_field="label", read_only=True)

    class Meta:
        model = Assignment
        fields = ["school", "school_year", "position", "title", "subject", "grades", "fte"]


class StaffSerializer(serializers.ModelSerializer[StaffMember]):
    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)

    class Meta:
        model = StaffMember
        fields = [
            "id",
            "district",
            "employee_id",
            "sourced_id",
            "given_name",
            "family_name",
            "preferred_name",
            "email",
            "hire_date",
            "active",
        ]


class StaffDetailSerializer(StaffSerializer):
    assignments = serializers.SerializerMethodField()

    class Meta(StaffSerializer.Meta):
        fields = [*StaffSerializer.Meta.fields, "assignments"]

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, staff: StaffMember) -> Any:
        """The person's assignments the caller may read (the view passes them)."""
        return AssignmentSerializer(self.context["assignments"], many=True).data


class PayLineSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    label = serializers.CharField()  # type: ignore[assignment]
    amount = serializers.IntegerField(help_text="Whole dollars for the school year.")
    explanation = serializers.CharField()
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    source = serializers.CharField()  # type: ignore[assignment]
    reference = serializers.CharField()
    effective_from = serializers.DateField(allow_null=True)


class StandingSerializer(serializers.Serializer[Any]):
    staff_id = serializers.IntegerField()
    employee_id = serializers.CharField()
    on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=["placed", "unplaced", "pending", "none"],
        help_text="none: the person has no standing (not a teacher, or no policy adopted).",
    )
    fresh = serializers.BooleanField(
        help_text="False while a changed fact waits for its recompute; payroll waits too."
    )
    why_not_fresh = serializers.CharField(allow_blank=True)
    where = serializers.CharField(allow_blank=True, help_text="Where they stand, in words.")
    policy = serializers.CharField(allow_blank=True)
    pathway = serializers.CharField(allow_blank=True)
    step = serializers.IntegerField(allow_null=True)
    lane = serializers.CharField(allow_blank=True)
    units_banked = serializers.IntegerField(allow_null=True)
    problem = serializers.CharField(allow_blank=True)
    fix = serializers.CharField(allow_blank=True)
    pay_lines = PayLineSerializer(many=True)
    pay_total = serializers.IntegerField(help_text="The sum of the pay lines: what payroll pays.")


class PayrollLineSerializer(serializers.Serializer[Any]):
    employee_id = serializers.CharField()
    name = serializers.CharField()
    standing = serializers.CharField(allow_blank=True)
    policy = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    label = serializers.CharField()  # type: ignore[assignment]
    amount = serializers.IntegerField()
    annual_total = serializers.IntegerField()
    explanation = serializers.CharField()
    reference = serializers.CharField()
    effective_date_of_change = serializers.DateField(allow_null=True)


class BlockerSerializer(serializers.Serializer[Any]):
    employee_id = serializers.CharField()
    name = serializers.CharField()
    why = serializers.CharField()
    fix = serializers.CharField()


class PayrollPageSerializer(serializers.Serializer[Any]):
    district = serializers.CharField()
    on = serializers.DateField()
    complete = serializers.BooleanField(
        help_text="False when some teachers' pay cannot be exported yet (see blockers)."
    )
    blockers = BlockerSerializer(many=True)
    next = serializers.CharField(allow_null=True)
    results = PayrollLineSerializer(many=True)


class RoleAssignmentSerializer(serializers.ModelSerializer[RoleAssignment]):
    role = serializers.CharField(source="role.title", read_only=True)
    role_key = serializers.CharField(source="role.key", read_only=True)
    staff_id = serializers.IntegerField(source="staff_member_id", read_only=True)
    employee_id = serializers.CharField(source="staff_member.employee_id", read_only=True)
    school = serializers.SlugRelatedField[School](slug_field="key", read_only=True)
    school_year = serializers.SlugRelatedField[SchoolYear](slug_field="label", read_only=True)
    # Declared, so the schema is the same on SQLite and PostgreSQL (whose integer ranges
    # differ for positive integer columns).
    stipend_dollars = serializers.IntegerField(read_only=True, help_text="Whole dollars a year.")
    extra_days = serializers.IntegerField(read_only=True)

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "role",
            "role_key",
            "role_type",
            "staff_id",
            "employee_id",
            "school",
            "school_year",
            "starts_on",
            "ends_on",
            "status",
            "stipend_dollars",
            "release_fte",
            "extra_days",
        ]


class RatingWriteSerializer(serializers.Serializer[Any]):
    employee_id = serializers.CharField(max_length=64, help_text="The HR system's employee number.")
    school_year = serializers.CharField(max_length=7, help_text="The year's label, e.g. 2025-26.")
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=60, help_text="One of the district's rating labels, e.g. Effective."
    )


class RatingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    staff_id = serializers.IntegerField()
    employee_id = serializers.CharField()
    school_year = serializers.CharField()
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    label = serializers.CharField()  # type: ignore[assignment]
    created = serializers.BooleanField(help_text="False when an earlier rating was corrected.")


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)
    staff_id = serializers.IntegerField(source="staff_member_id", read_only=True)
    employee_id = serializers.CharField(source="staff_member.employee_id", read_only=True)
    # Declared, so the schema is the same on SQLite and PostgreSQL.
    quantity = serializers.IntegerField(
        read_only=True, help_text="Credits, hours or units claimed, by kind (0: not counted)."
    )
    evidence_files = serializers.SerializerMethodField(
        help_text="How many evidence files are attached (read them on the claim's page)."
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "district",
            "staff_id",
            "employee_id",
            "kind",
            "title",
            "provider",
            "category",
            "quantity",
            "completed",
            "expires",
            "status",
            "submitted_on",
            "window_exception",
            "decided_at",
            "reason",
            "evidence_files",
        ]

    def get_evidence_files(self, claim: Claim) -> int:
        return len(claim.evidence.all())


class EvidenceFileSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(
        max_length=200, help_text="The file's name with its extension, e.g. transcript.pdf."
    )
    content_base64 = serializers.CharField(
        max_length=7_000_000,
        help_text="The file's bytes in base64 (PDF, PNG or JPEG; at most 5 MB).",
    )


class ClaimWriteSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    title = serializers.CharField(max_length=200, help_text="Course, programme, project or role.")
    provider = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    category = serializers.CharField(max_length=80, required=False, default="", allow_blank=True)
    quantity = serializers.IntegerField(
        min_value=0,
        max_value=10_000,
        required=False,
        default=0,
        help_text="Credits, hours or units (needed for credits, pd_hours and project).",
    )
    completed = serializers.DateField(help_text="When it was completed (not in the future).")
    expires = serializers.DateField(required=False, allow_null=True, default=None)
    evidence = EvidenceFileSerializer(
        many=True, help_text="One to five files: a transcript, certificate or completion record."
    )


class LeadershipRoleSerializer(serializers.ModelSerializer[LeadershipRole]):
    """A role of the district's catalogue as its page shows it (who holds it is a role
    assignment). Numbers are declared so the schema is the same on SQLite and PostgreSQL."""

    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)
    duties = serializers.SerializerMethodField(help_text="One duty an item.")
    tlms_domains = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Teacher Leader Model Standards."
    )
    required_certificates = serializers.ListField(child=serializers.CharField(), read_only=True)
    min_rating_years = serializers.IntegerField(read_only=True)
    min_years_experience = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=False, read_only=True
    )
    release_percent = serializers.IntegerField(read_only=True, help_text="Share of the day.")
    extra_days = serializers.IntegerField(read_only=True)
    stipend_dollars = serializers.IntegerField(read_only=True, help_text="Whole dollars a year.")
    pay_units = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, read_only=True
    )
    term_years = serializers.IntegerField(read_only=True)
    positions = serializers.IntegerField(read_only=True)
    default_share_percent = serializers.IntegerField(read_only=True)
    team_min = serializers.IntegerField(read_only=True, allow_null=True)
    team_max = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = LeadershipRole
        fields = [
            "id",
            "district",
            "key",
            "title",
            "role_type",
            "status",
            "purpose",
            "duties",
            "tlms_domains",
            "peer_relation",
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
        ]

    def get_duties(self, role: LeadershipRole) -> list[str]:
        return [line.strip() for line in role.duties.splitlines() if line.strip()]


class RubricCriterionSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    label = serializers.CharField()  # type: ignore[assignment]
    max_points = serializers.IntegerField()
    levels = serializers.ListField(
        child=serializers.CharField(),
        help_text="What each score from 1 up to max_points looks like; empty for a criterion "
        "written before postings described their levels.",
    )


class PostingSerializer(serializers.ModelSerializer[Posting]):
    district = serializers.CharField(source="role.district.key", read_only=True)
    role = serializers.CharField(source="role.title", read_only=True)
    role_key = serializers.CharField(source="role.key", read_only=True)
    role_id = serializers.IntegerField(read_only=True)
    school = serializers.SlugRelatedField[School](
        slug_field="key", read_only=True, help_text="Empty (null) for a district-wide posting."
    )
    school_year = serializers.SlugRelatedField[SchoolYear](slug_field="label", read_only=True)
    positions = serializers.IntegerField(read_only=True)
    rubric = serializers.SerializerMethodField()

    class Meta:
        model = Posting
        fields = [
            "id",
            "district",
            "role_id",
            "role",
            "role_key",
            "school",
            "school_year",
            "opens_on",
            "closes_on",
            "positions",
            "status",
            "rubric",
        ]

    @extend_schema_field(RubricCriterionSerializer(many=True))
    def get_rubric(self, posting: Posting) -> Any:
        return [
            {
                "key": str(c.get("key", "")),
                "label": str(c.get("label", "")),
                "max_points": int(c.get("max", 0) or 0),
                "levels": [str(x) for x in c.get("levels") or []],
            }
            for c in posting.rubric
            if isinstance(c, dict)
        ]


class AuditEntrySerializer(serializers.ModelSerializer[AuditEntry]):
    """One audit entry: its action under the name it goes by now, in its plain sentence."""

    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)
    action = serializers.CharField(source="action_name", read_only=True)
    sentence = serializers.CharField(read_only=True, help_text="The entry in plain English.")
    actor = serializers.CharField(source="actor_label", read_only=True)
    staff_id = serializers.IntegerField(source="staff_member_id", read_only=True, allow_null=True)
    employee_id = serializers.SerializerMethodField()
    before = serializers.DictField(read_only=True, help_text="Changed fields, before.")
    after = serializers.DictField(read_only=True, help_text="Changed fields, after.")

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "district",
            "action",
            "sentence",
            "actor",
            "object_type",
            "object_id",
            "object_label",
            "staff_id",
            "employee_id",
            "summary",
            "before",
            "after",
        ]

    def get_employee_id(self, entry: AuditEntry) -> str | None:
        return entry.staff_member.employee_id if entry.staff_member else None


class ImportProblemSerializer(serializers.Serializer[Any]):
    file = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True)
    value = serializers.CharField(allow_blank=True)
    problem = serializers.CharField()
    fix = serializers.CharField(allow_blank=True)


class ImportRunSerializer(serializers.ModelSerializer[ImportRun]):
    """An import run's state as its page shows it: progress while reading, the counts of
    its preview, and the errors and warnings that name the file, line, column and fix."""

    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)
    progress = serializers.FloatField(read_only=True, help_text="0 to 1 while reading.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    created_by = serializers.SerializerMethodField()
    applied_by = serializers.SerializerMethodField()
    file_names = serializers.ListField(child=serializers.CharField(), read_only=True)
    counts = serializers.DictField(
        read_only=True, help_text="What the preview found or the apply wrote, by table."
    )
    error_total = serializers.IntegerField(
        read_only=True, help_text="Every error found; the list keeps the first ones."
    )
    # A declared field of this name: DRF's metaclass moves it off the class, so it shadows nothing.
    errors = ImportProblemSerializer(many=True, read_only=True)  # type: ignore[assignment]
    warnings = ImportProblemSerializer(many=True, read_only=True)
    confirm_count = serializers.SerializerMethodField(
        help_text="When applying removes more than the safety limit allows: the number of "
        "removals to send back with apply to confirm them (null: no confirmation needed)."
    )
    safety_warning = serializers.SerializerMethodField(
        help_text="Why a confirmation is needed, in words (empty when none is)."
    )

    class Meta:
        model = ImportRun
        fields = [
            "id",
            "district",
            "kind",
            "origin",
            "mode",
            "status",
            "status_label",
            "progress",
            "progress_label",
            "message",
            "failed_during",
            "file_names",
            "counts",
            "error_total",
            "errors",
            "warnings",
            "confirm_count",
            "safety_warning",
            "created_by",
            "created_at",
            "applied_by",
            "applied_at",
            "expires_at",
            "undone_at",
        ]

    def get_created_by(self, run: ImportRun) -> str:
        return _who(run.created_by)

    def get_confirm_count(self, run: ImportRun) -> int | None:
        guard = Guard.from_dict(run.guard) if run.guard else None
        return guard.confirm_count if guard is not None and guard.exceeded else None

    def get_safety_warning(self, run: ImportRun) -> str:
        guard = Guard.from_dict(run.guard) if run.guard else None
        return guard.message if guard is not None and guard.exceeded else ""

    def get_applied_by(self, run: ImportRun) -> str:
        return _who(run.applied_by)


class ForecastRunSerializer(serializers.ModelSerializer[ForecastRun]):
    """A forecast run: what the officer asked for, how far it got, and — once done — its
    summary (district-wide aggregates per policy and year; never a teacher's own numbers)."""

    district = serializers.SlugRelatedField[District](slug_field="key", read_only=True)
    progress = serializers.FloatField(read_only=True, help_text="0 to 1 while running.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    inputs = serializers.DictField(read_only=True, help_text="The form's choices, as submitted.")
    created_by = serializers.SerializerMethodField()
    result = serializers.DictField(
        read_only=True,
        allow_null=True,
        help_text="The result summary once finished (null before): the inputs that produced "
        "it, each policy's yearly payroll (mean, 10th, 50th, 90th percentile), headcounts by "
        "pathway and leadership share, and each policy's difference from the baseline.",
    )

    class Meta:
        model = ForecastRun
        fields = [
            "id",
            "district",
            "title",
            "status",
            "status_label",
            "progress",
            "message",
            "inputs",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "result",
        ]

    def get_created_by(self, run: ForecastRun) -> str:
        return _who(run.created_by)


def _percent(help_text: str, low: int = 0, high: int = 100) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=low,
        max_value=high,
        required=False,
        coerce_to_string=False,
        help_text=f"{help_text} In percent, as the form asks (1.5 for 1.5%).",
    )


class ForecastStartSerializer(serializers.Serializer[Any]):
    """What the forecast form asks, field for field; the form's own checks decide (the
    policies the district may run, the size limit), so the page and the API agree. A field
    left out takes the form's default."""

    policy = serializers.CharField(
        max_length=200,
        help_text="The policy to forecast: adopted (the district's policy in force) or "
        "shipped:KEY (a shipped policy file, e.g. shipped:baltimore-2010).",
    )
    vs = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="A second policy to compare with, named the same way (empty: none).",
    )
    workforce = serializers.ChoiceField(
        choices=["district", "synthetic"],
        required=False,
        default="district",
        help_text="district: this district's teachers; synthetic: a made-up district of "
        "`teachers` teachers shaped like Baltimore in 2011.",
    )
    teachers = serializers.IntegerField(
        min_value=10, max_value=100_000, required=False, help_text="Only for synthetic."
    )
    years = serializers.IntegerField(min_value=1, max_value=20, required=False)
    first_school_year = serializers.IntegerField(
        min_value=2000,
        max_value=2200,
        required=False,
        help_text="The first school year forecast: 2027 for 2027-28 (default: next year).",
    )
    runs = serializers.IntegerField(
        min_value=10, max_value=5000, required=False, help_text="More runs, narrower bands."
    )
    seed = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text="The same seed and inputs always give the same forecast.",
    )
    calibrate = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Estimate ratings, leaving and courses from the district's history.",
    )
    cola = _percent("Cost-of-living raise per year.", -5, 15)
    replacement_rate = _percent("Leavers replaced.")
    certificate_rate = _percent("Teachers without a certificate who earn one each year.")
    accelerated_approved = _percent("Accelerated applications approved each year.")
    peer_review_passed = _percent("Peer reviews passed each year.")
    selected_as_lead = _percent("Selected as Lead each year.")


class OneRosterUploadSerializer(serializers.Serializer[Any]):
    """The OneRoster upload, as the imports page takes it (multipart/form-data)."""

    files = serializers.ListField(
        child=serializers.FileField(),
        min_length=1,
        help_text="The ZIP the SIS exports, or its CSV files (manifest.csv, orgs.csv, "
        "academicSessions.csv, users.csv and, for 1.2, roles.csv): one `files` part each.",
    )
    mode = serializers.ChoiceField(
        choices=["", "bulk", "delta"],
        required=False,
        default="",
        help_text="Empty: as the manifest says; bulk: the whole roster (people missing from "
        "the files become inactive, never deleted); delta: changes only.",
    )


def _who(user: Any) -> str:
    """A user as the pages name them (empty: the system, or an account since removed)."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


MAX_HR_ROWS = 20_000


class StrictText(serializers.CharField):
    """Text that must be sent as a JSON string (DRF would turn 0 into "0"): a cell of an HR
    row is what the file would hold, and a number where text belongs is a client's bug."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class HrRowsSerializer(serializers.Serializer[Any]):
    rows = serializers.ListField(
        child=serializers.DictField(
            child=StrictText(allow_blank=True, max_length=500, trim_whitespace=False)
        ),
        min_length=1,
        max_length=MAX_HR_ROWS,
        help_text="One object per person, keyed by the HR file's column names (employee_id, "
        "hire_date, rating_2025_26, …; see the HR template), values as text. Row 1 of the "
        "list is line 2 of the import (line 1: the column names), as the errors count lines.",
    )

    def validate_rows(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for index, row in enumerate(rows):
            for name in row:
                if not name.strip() or len(name) > 80 or any(c in name for c in '\r\n,"\x00'):
                    raise serializers.ValidationError(
                        f"Row {index + 1} has the column name “{name[:80]}”: use the HR "
                        "template's column names (letters, digits and underscores)."
                    )
        return rows


class ImportApplySerializer(serializers.Serializer[Any]):
    confirm_count = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text="When the import removes more people or assignments than the district's "
        "safety limit allows, the number it removes (the run's guard says it), as the page "
        "asks the officer to type it.",
    )


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    """A row of the decision register, as its page and CSV show it."""

    district = serializers.CharField(source="body.district.key", read_only=True)
    body_id = serializers.IntegerField(read_only=True)
    body = serializers.CharField(source="body.name", read_only=True)
    meeting = serializers.SerializerMethodField(help_text="The meeting's title (empty: none).")
    carried_out_by = serializers.SerializerMethodField(help_text="Who carries it out.")
    carried_out_by_staff_id = serializers.IntegerField(
        source="owner_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "district",
            "body_id",
            "body",
            "statement",
            "vote_summary",
            "decided_on",
            "meeting",
            "carried_out_by",
            "carried_out_by_staff_id",
            "review_on",
            "status",
            "carried_out_as",
        ]

    def get_meeting(self, decision: Decision) -> str:
        return decision.meeting.title if decision.meeting else ""

    def get_carried_out_by(self, decision: Decision) -> str:
        return str(decision.owner) if decision.owner else ""


class AwardSerializer(serializers.ModelSerializer[Award]):
    """An award: the achievement a person earned, issued as a signed Open Badges 3.0
    credential. The credential itself is downloaded from its pages; ``public_url`` is the
    verification page, only when the holder made it public."""

    district = serializers.CharField(source="achievement.district.key", read_only=True)
    achievement_key = serializers.CharField(source="achievement.key", read_only=True)
    achievement = serializers.CharField(source="achievement.name", read_only=True)
    achievement_type = serializers.CharField(source="achievement.achievement_type", read_only=True)
    criteria = serializers.CharField(source="achievement.criteria", read_only=True)
    staff_id = serializers.IntegerField(source="staff_member_id", read_only=True)
    employee_id = serializers.CharField(source="staff_member.employee_id", read_only=True)
    revoked = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField(
        help_text="The credential's public verification page (null: not made public)."
    )

    class Meta:
        model = Award
        fields = [
            "id",
            "district",
            "achievement_key",
            "achievement",
            "achievement_type",
            "criteria",
            "staff_id",
            "employee_id",
            "awarded_on",
            "valid_until",
            "narrative",
            "issued_at",
            "revoked",
            "revoked_at",
            "revoked_reason",
            "public",
            "public_url",
        ]

    def get_revoked(self, award: Award) -> bool:
        return award.revoked_at is not None

    def get_public_url(self, award: Award) -> str | None:
        if not award.public:
            return None
        return reverse("recognition:credential", args=[award.public_id])
