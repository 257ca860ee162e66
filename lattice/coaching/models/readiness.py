"""The readiness self-assessment: a survey per school (or the district) and year, answered
by several people; statements and dimensions are data (lattice.coaching.statements)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import District, School, SchoolYear, StaffMember


class RespondentGroup(models.TextChoices):
    PRINCIPAL = "principal", "Principal or school leader"
    TEACHER = "teacher", "Teacher"
    UNION = "union", "Union representative"
    DISTRICT = "district", "District office"


class ReadinessSurvey(models.Model):
    """A readiness self-assessment of one school (or of the district when ``school`` is
    empty) for a school year.

    Personal data: none (answers are :class:`ReadinessResponse`).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["school_year__start", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "school", "school_year"], name="one_survey_a_year"
            )
        ]

    def __str__(self) -> str:
        where = self.school.name if self.school else f"{self.district.name} (district)"
        return f"Readiness of {where}, {self.school_year}"


class ReadinessResponse(models.Model):
    """One person's answers to a readiness survey, with the group they answer for.

    Personal data: who answered and in which group; their ratings of the school's readiness.
    """

    survey = models.ForeignKey(ReadinessSurvey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_response_each")
        ]

    def __str__(self) -> str:
        return f"Readiness answers of {self.respondent}"


class ReadinessAnswer(models.Model):
    """An answer to one statement: 1 (not at all true) to 4 (fully true), or empty for
    "don't know", which is counted, never averaged in.

    Personal data: one person's rating.
    """

    response = models.ForeignKey(
        ReadinessResponse, on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.statement}"
