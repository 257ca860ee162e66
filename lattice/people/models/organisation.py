"""Networks, districts, schools and school years: the places personnel data belongs to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Network(models.Model):
    """A group of districts that share resources and compare results (a state office, a PLN).

    Personal data: none.
    """

    key = models.SlugField(unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A local education agency: owns schools, staff and policies; the tenant boundary.

    Personal data: none.
    """

    key = models.SlugField(unique=True, help_text="Short id used by the CLI and imports.")
    name = models.CharField(max_length=200)
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="districts"
    )
    sourced_id = models.CharField(max_length=255, blank=True, help_text="OneRoster org id.")
    rating_labels = models.JSONField(
        default=list,
        blank=True,
        help_text="The district's rating vocabulary, lowest first (e.g. Ineffective … Highly "
        "Effective). Older years may use other labels; policies map each label to units.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolYear(models.Model):
    """A district's school year, e.g. ``2024-25``, with its first and last day.

    Personal data: none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_years")
    label = models.CharField(max_length=7, help_text="e.g. 2024-25")
    start = models.DateField()
    end = models.DateField()
    sourced_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["district", "start"]
        constraints = [
            models.UniqueConstraint(fields=["district", "label"], name="one_school_year_label"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="school_year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The school year must end after it starts."})

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @staticmethod
    def label_for(start_year: int) -> str:
        return f"{start_year}-{(start_year + 1) % 100:02d}"


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", "Elementary"
    MIDDLE = "middle", "Middle"
    HIGH = "high", "High"
    K8 = "k8", "K–8"
    OTHER = "other", "Other"


class School(models.Model):
    """A school of a district.

    Personal data: none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    key = models.SlugField(help_text="Short id, unique in the district.")
    name = models.CharField(max_length=200)
    sourced_id = models.CharField(max_length=255, blank=True, help_text="OneRoster org id.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "key"], name="one_school_key_per_district")
        ]

    def __str__(self) -> str:
        return self.name


class SchoolYearProfile(models.Model):
    """What a school was in one school year: level, free/reduced-lunch share, Title I, and the
    campus facts a designation allotment reads (average student point value, rural).

    Policies pay differently by these (DC LIFT's high-poverty schools at ≥ 60% FRL; Texas
    TIA's allotment by the campus's points), so they are kept per year, not overwritten.

    Personal data: none.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="profiles")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=12, choices=SchoolLevel.choices)
    frl_share = models.DecimalField(
        "free/reduced-lunch share",
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Share of students eligible for free or reduced-price lunch, 0 to 1.",
    )
    title_i = models.BooleanField("Title I", default=False)
    campus_points = models.DecimalField(
        "average student point value",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
        help_text="Texas TIA: the campus's average student point value by socioeconomic tier "
        "(TEC §48.112(e)), e.g. 2.1893; empty when the district does not use designations.",
    )
    rural = models.BooleanField(
        default=False, help_text="A rural campus (Texas TIA counts its students two tiers higher)."
    )

    class Meta:
        ordering = ["school", "school_year__start"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year"], name="one_profile_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.school_year}"
