"""Staff members and the facts about them: assignments, ratings, degrees, credits, certificates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models.organisation import District, School, SchoolYear
from lattice.rules.experience import years_in_district, years_of_experience
from lattice.rules.records import Degree as EngineDegree


class DegreeLevel(models.TextChoices):
    """Highest degree, lowest first; the order matters for lanes.

    The values are the rules engine's degree names (``lattice.rules.records.Degree``), so a
    degree is spelled one way from the HR file to the salary lane; a specialist degree counts
    as a master's for lanes.
    """

    NONE = "none", "No degree"
    BACHELOR = "bachelors", "Bachelor's"
    MASTER = "masters", "Master's"
    SPECIALIST = "specialist", "Specialist"
    DOCTORATE = "doctorate", "Doctorate"

    @property
    def engine_degree(self) -> EngineDegree | None:
        """The degree the rules engine reads (None for "no degree")."""
        return ENGINE_DEGREES.get(self)


DEGREE_ORDER = [level.value for level in DegreeLevel]
ENGINE_DEGREES = {
    DegreeLevel.BACHELOR: EngineDegree.BACHELORS,
    DegreeLevel.MASTER: EngineDegree.MASTERS,
    DegreeLevel.SPECIALIST: EngineDegree.MASTERS,
    DegreeLevel.DOCTORATE: EngineDegree.DOCTORATE,
}


def engine_degree(level: str) -> EngineDegree | None:
    """The rules engine's degree for a stored level (None for none or an unknown value)."""
    try:
        return DegreeLevel(level).engine_degree
    except ValueError:
        return None


class StaffMemberQuerySet(models.QuerySet["StaffMember"]):
    def active(self) -> StaffMemberQuerySet:
        return self.filter(active=True)


class StaffMember(models.Model):
    """A person employed by a district.

    Personal data: names, work email, employee id and OneRoster ids, hire date, prior years
    of experience, active/inactive status, and (through related rows) assignments, ratings,
    degrees, credits and certificates.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="staff")
    employee_id = models.CharField(max_length=64, help_text="The HR system's employee number.")
    sourced_id = models.CharField(max_length=255, blank=True, help_text="OneRoster user id.")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    hire_date = models.DateField(null=True, blank=True)
    prior_years_experience = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text="Years of teaching before joining this district.",
    )
    active = models.BooleanField(default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "employee_id"], name="one_employee_id"),
            models.UniqueConstraint(
                fields=["district", "sourced_id"],
                condition=~models.Q(sourced_id=""),
                name="one_sourced_id",
            ),
        ]
        indexes = [models.Index(fields=["district", "family_name"], name="staff_by_name")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def years_of_service(self, on: dt.date) -> Decimal:
        """School years in this district completed by ``on``, not counting prior experience
        (``lattice.rules.experience``: the one definition of experience)."""
        return Decimal(years_in_district(self.hire_date, on))

    def total_experience(self, on: dt.date) -> Decimal:
        """Years of teaching experience on ``on``, as the rules engine counts them."""
        return Decimal(years_of_experience(self.prior_years_experience, self.hire_date, on))


class Position(models.TextChoices):
    """A staff member's position at a school in a year, as the roster or HR file says it.

    Beyond classroom teachers (New Bedford broadened who counts as a teacher leader and who is
    supported): nurses, librarians and specialists (reading, math, intervention) are their own
    positions, so a district can open a leadership role or a coaching program to them; they
    are not "teachers" in the counts (:data:`TEACHING_POSITIONS`).
    """

    TEACHER = "teacher", "Teacher"
    PRINCIPAL = "principal", "Principal"
    ASSISTANT_PRINCIPAL = "assistant_principal", "Assistant principal"
    INSTRUCTIONAL_COACH = "instructional_coach", "Instructional coach"
    COUNSELOR = "counselor", "Counselor"
    NURSE = "nurse", "School nurse"
    LIBRARIAN = "librarian", "Librarian"
    SPECIALIST = "specialist", "Specialist"
    AIDE = "aide", "Aide"
    DISTRICT_ADMINISTRATOR = "district_administrator", "District administrator"
    OTHER = "other", "Other staff"


# Who counts as a teacher in every headcount (people.queries.teaching): classroom teachers and
# instructional coaches (often hybrid teacher and coach), never nurses, librarians,
# specialists, counselors or aides.
TEACHING_POSITIONS = {Position.TEACHER, Position.INSTRUCTIONAL_COACH}


class Assignment(models.Model):
    """A staff member's position at a school for a school year, with FTE.

    A hybrid role (teacher 0.6 + instructional coach 0.4) is two assignments.

    Personal data: where and in what position a person works, subject, grades and FTE.
    """

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="assignments"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="assignments")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.CharField(max_length=32, choices=Position.choices)
    title = models.CharField(max_length=120, blank=True, help_text="As the district names it.")
    subject = models.CharField(max_length=80, blank=True)
    grades = models.CharField(max_length=40, blank=True, help_text="e.g. K-2, 6-8, 9-12")
    fte = models.DecimalField(
        "FTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
    )
    begin_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    sourced_id = models.CharField(max_length=255, blank=True, help_text="OneRoster role id.")

    class Meta:
        ordering = ["school_year__start", "school__name", "position"]
        indexes = [
            models.Index(fields=["school", "school_year"], name="assignment_by_school_year"),
            models.Index(fields=["staff_member", "school_year"], name="assignment_by_person"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_position_display()} at {self.school} ({self.school_year}, {self.fte} FTE)"
        )

    @property
    def job_words(self) -> str:
        """The position with the district's own title, said once: "Instructional coach
        (Grade 1)", never "Instructional coach (Instructional coach (Grade 1))"."""
        position, title = str(self.get_position_display()), self.title.strip()
        if not title or title.lower() == position.lower():
            return position
        if title.lower().startswith(position.lower()):
            return title
        return f"{position} ({title})"

    @property
    def grades_words(self) -> str:
        """ "grades 6-8", or nothing when the subject already names them ("Grade 1")."""
        if not self.grades or "grade" in self.subject.lower() or "grade" in self.title.lower():
            return ""
        return f"grade {self.grades}" if self.grades.isdigit() else f"grades {self.grades}"


class RatingRecord(models.Model):
    """A staff member's annual summative rating for a school year, in that year's vocabulary.

    Personal data: the evaluation result, a confidential personnel fact.
    """

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="ratings")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=60)

    class Meta:
        ordering = ["school_year__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "school_year"], name="one_rating_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school_year}: {self.label}"


class Degree(models.Model):
    """A degree a staff member holds, with when it was conferred.

    Personal data: education history.
    """

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="degrees")
    level = models.CharField(max_length=12, choices=DegreeLevel.choices)
    field = models.CharField(max_length=120, blank=True)
    conferred_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["conferred_on"]

    def __str__(self) -> str:
        return self.get_level_display()


class CreditRecord(models.Model):
    """Graduate credits earned, dated, so policies can count credits over time.

    Personal data: education history.
    """

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="credits")
    credits = models.DecimalField(
        max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    earned_on = models.DateField()
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["earned_on"]

    def __str__(self) -> str:
        return f"{self.credits} credits ({self.earned_on})"


class Certificate(models.Model):
    """A licence or certificate a staff member holds (kind, issued, expires).

    Personal data: licensure status and its dates.
    """

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(max_length=120, help_text="e.g. Standard Professional Certificate")
    number = models.CharField(max_length=64, blank=True)
    issued = models.DateField()
    expires = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-issued"]

    def __str__(self) -> str:
        return self.kind

    def is_current(self, on: dt.date) -> bool:
        return self.issued <= on and (self.expires is None or on <= self.expires)
