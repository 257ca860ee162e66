"""A district's budget scenarios: the line, the money, the positions and the levers.

The arithmetic lives in ``lattice.forecast.budget``; these rows are what the talent and
finance office keeps. Writes go through ``lattice.budgets.actions`` only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.forecast.budget import LEVER_KINDS
from lattice.people.models import District

YEAR = [MinValueValidator(2000), MaxValueValidator(2200)]


class BudgetScenario(models.Model):
    """One plan for a district from a first school year, with the forecast it is checked on.

    Personal data: the user who made it only. Positions are roles and FTE, never people.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="budgets")
    name = models.CharField(max_length=200)
    first_school_year = models.PositiveSmallIntegerField(
        validators=YEAR, help_text="The school year the plan starts (2026 for 2026-27)."
    )
    years = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    budget_line = models.PositiveBigIntegerField(
        help_text="What the plan may spend in its first year, teacher pay included ($)."
    )
    line_growth_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=[MinValueValidator(-20), MaxValueValidator(20)],
    )
    policy = models.CharField(max_length=120, help_text="The forecast policy choice.")
    workforce = models.CharField(max_length=10, default="synthetic")
    teachers = models.PositiveIntegerField(default=1000)
    runs = models.PositiveIntegerField(default=200)
    seed = models.PositiveIntegerField(default=0)
    max_factor_percent = models.PositiveSmallIntegerField(
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="No single pay factor above this share of pay above the starting salary.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.Model):
    """Money that pays for positions and levers: recurring, or one-time with a last year.

    Personal data: none.
    """

    scenario = models.ForeignKey(BudgetScenario, on_delete=models.CASCADE, related_name="sources")
    key = models.SlugField()
    name = models.CharField(max_length=200)
    annual_amount = models.PositiveBigIntegerField()
    recurring = models.BooleanField(default=True)
    first_year = models.PositiveSmallIntegerField(validators=YEAR)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR)

    class Meta:
        ordering = ["scenario", "first_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="one_source_key_per_budget")
        ]

    def __str__(self) -> str:
        return self.name


class BudgetPosition(models.Model):
    """A position the plan pays: FTE × cost a year, from a source (a role supplement is marked).

    Personal data: none (a position, not a person).
    """

    scenario = models.ForeignKey(BudgetScenario, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200)
    fte = models.DecimalField(
        max_digits=6, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(5000)]
    )
    cost_per_fte = models.PositiveIntegerField()
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="positions")
    first_year = models.PositiveSmallIntegerField(validators=YEAR)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=YEAR)
    role_supplement = models.BooleanField(default=False)

    class Meta:
        ordering = ["scenario", "title"]

    def __str__(self) -> str:
        return self.title


class BudgetLever(models.Model):
    """A change to the plan with a recurring cost delta (negative: a saving) and prerequisites.

    Personal data: none.
    """

    scenario = models.ForeignKey(BudgetScenario, on_delete=models.CASCADE, related_name="levers")
    key = models.SlugField()
    kind = models.CharField(max_length=20, choices=list(LEVER_KINDS.items()))
    name = models.CharField(max_length=200)
    recurring_delta = models.IntegerField(help_text="A year; negative for a saving.")
    one_time_cost = models.PositiveIntegerField(default=0)
    first_year = models.PositiveSmallIntegerField(validators=YEAR)
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="levers")
    requires = models.JSONField(default=list, blank=True, help_text="Keys of levers needed first.")

    class Meta:
        ordering = ["scenario", "first_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="one_lever_key_per_budget")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def saving(self) -> int:
        return -self.recurring_delta
