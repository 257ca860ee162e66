"""Shared curriculum teams (Northampton's "teachers leading the way"): a team of teacher
leaders per subject and grade band owns units; each unit moves draft → peer review → pilot →
adopted, keeps every version it had, is reviewed against a rubric by teachers of other
schools, and hears from the teachers who taught it."""

from __future__ import annotations

from django.db import models

from lattice.people.models import District, School, StaffMember


class UnitStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In peer review"
    PILOT = "pilot", "Being piloted"
    ADOPTED = "adopted", "Adopted"


# The peer-review rubric: criteria after Achieve's EQuIP rubric for lessons and units
# (https://www.achieve.org/equip), each scored 1 (not yet) to 4 (exemplary).
RUBRIC: tuple[tuple[str, str], ...] = (
    ("alignment", "Aligned to the standards it names"),
    ("coherence", "Lessons build on each other toward the unit's goals"),
    ("rigor", "Asks students to reason, not only recall"),
    ("supports", "Supports every learner (scaffolds, extensions, language)"),
    ("assessment", "Assessments show whether students reached the goals"),
)
RUBRIC_SCALE = {1: "Not yet", 2: "Developing", 3: "Meets", 4: "Exemplary"}


class CurriculumTeam(models.Model):
    """The teacher leaders who own a district's units for one subject and grade band.

    Personal data: none (its members are :class:`CurriculumTeamMember` rows).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=80)
    grade_band = models.CharField(max_length=20, help_text="e.g. K-2, 3-5, 6-8, 9-12.")
    purpose = models.TextField(blank=True)
    created_on = models.DateField()

    class Meta:
        ordering = ["subject", "grade_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "subject", "grade_band"], name="network_one_team_a_band"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject}, grades {self.grade_band}"


class CurriculumTeamMember(models.Model):
    """A teacher leader on a curriculum team, from ``joined_on`` until ``left_on``.

    Personal data: the staff member and the period they served.
    """

    team = models.ForeignKey(CurriculumTeam, on_delete=models.CASCADE, related_name="members")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    lead = models.BooleanField(default=False, help_text="Leads the team (e.g. the chair).")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "-lead", "staff_member__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "staff_member"],
                condition=models.Q(left_on__isnull=True),
                name="network_one_open_team_seat",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} on {self.team}"


class Unit(models.Model):
    """A unit of the shared curriculum, owned by a team; its text lives in its versions.

    Personal data: none.
    """

    team = models.ForeignKey(CurriculumTeam, on_delete=models.CASCADE, related_name="units")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=UnitStatus.choices, default=UnitStatus.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> UnitVersion | None:
        return self.versions.order_by("-number").first()


class UnitVersion(models.Model):
    """One version of a unit, never changed once written (the history is kept).

    Personal data: the team member who wrote it.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    goals = models.TextField(help_text="What students will know and be able to do.")
    outline = models.TextField(help_text="The lessons, in order, with their materials.")
    assessment = models.TextField(help_text="How students show what they learned.")
    change_note = models.CharField(max_length=300, blank=True, help_text="What changed, and why.")
    written_by = models.ForeignKey(CurriculumTeamMember, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateField()

    class Meta:
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="network_one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.unit}, version {self.number}"


class UnitReview(models.Model):
    """A peer review of one version by a teacher of another school, against the rubric.
    Asked for by the team (``scores`` empty) until the reviewer submits it.

    Personal data: who reviewed, their scores and comments.
    """

    version = models.ForeignKey(UnitVersion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    reviewer_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(default=dict, blank=True)
    comments = models.TextField(blank=True)
    ready = models.BooleanField(null=True, help_text="Ready to pilot (True) or revise (False).")
    asked_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["version", "asked_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reviewer"], name="network_one_review_a_version"
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.version} by {self.reviewer}"

    @property
    def ordered_scores(self) -> list[int | None]:
        """The scores in the rubric's order, for a table row."""
        return [self.scores.get(key) for key, _ in RUBRIC]

    @property
    def mean(self) -> float | None:
        values = [int(v) for v in self.scores.values()]
        return round(sum(values) / len(values), 1) if values else None


class UnitFeedback(models.Model):
    """What a teacher who taught the unit (in its pilot, or after adoption) reports.

    Personal data: who taught it, where, and what they said.
    """

    version = models.ForeignKey(UnitVersion, on_delete=models.CASCADE, related_name="feedback")
    teacher = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    taught_on = models.DateField()
    worked = models.TextField(help_text="What worked with your students.")
    change = models.TextField(blank=True, help_text="What you would change.")

    class Meta:
        ordering = ["-taught_on", "id"]

    def __str__(self) -> str:
        return f"{self.teacher} taught {self.version}"


class CurriculumService(models.Model):
    """That a team member's year of work on the team has gone into their ledger as a role
    served (once a school year), through :mod:`lattice.lib.roles_served`.

    Personal data: the member and the school year.
    """

    member = models.ForeignKey(
        CurriculumTeamMember, on_delete=models.CASCADE, related_name="service"
    )
    school_year_start = models.DateField()
    recorded_on = models.DateField()
    reason = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "school_year_start"], name="network_one_service_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} served {self.school_year_start:%Y}"
