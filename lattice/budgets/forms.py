"""Forms for a budget scenario and its sources, positions and levers (money in dollars)."""

from __future__ import annotations

from typing import Any

from django import forms

from lattice.budgets.models import BudgetLever, BudgetPosition, BudgetScenario, FundingSource
from lattice.forecasts.choices import policy_choices
from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices
from lattice.people.models import District

WHOLE = forms.TextInput(attrs={"inputmode": "numeric"})
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})


class ScenarioForm(forms.ModelForm):
    policy = forms.ChoiceField(label="Pay policy to forecast")

    class Meta:
        model = BudgetScenario
        fields = [
            "name",
            "first_school_year",
            "years",
            "budget_line",
            "line_growth_percent",
            "policy",
            "workforce",
            "teachers",
            "runs",
            "seed",
            "max_factor_percent",
        ]
        labels = {
            "first_school_year": "First school year",
            "budget_line": "Budget line in the first year ($)",
            "line_growth_percent": "Budget line growth per year (%)",
            "workforce": "Teachers",
            "teachers": "Teachers in the made-up district",
            "runs": "Forecast runs",
            "max_factor_percent": "Largest share of pay above the starting salary one factor "
            "may take (%)",
        }
        widgets = {
            name: WHOLE
            for name in (
                "first_school_year",
                "years",
                "budget_line",
                "teachers",
                "runs",
                "seed",
                "max_factor_percent",
            )
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = policy_choices(district)  # type: ignore[attr-defined]
        self.fields["workforce"] = forms.ChoiceField(
            label="Teachers",
            choices=[
                ("synthetic", "A made-up district shaped like Baltimore in 2011"),
                ("district", "This district's teachers, placed under the adopted policy"),
            ],
        )
        self.fields["line_growth_percent"].widget = DECIMAL


class SourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["key", "name", "annual_amount", "recurring", "first_year", "last_year"]
        labels = {
            "key": "Code (used in export files and web addresses)",
            "annual_amount": "Amount a year ($)",
            "recurring": "Recurring money",
            "last_year": "Last school year (one-time money)",
        }
        widgets = {n: WHOLE for n in ("annual_amount", "first_year", "last_year")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("recurring") and not data.get("last_year"):
            self.add_error("last_year", "One-time money needs the last school year it pays for.")
        return data


class _ScenarioItem(ExplainsEmptyChoices, forms.ModelForm):
    # The scenario's funding sources are added on the same page, above these forms.
    empty_choices = {
        "source": EmptyChoice(
            "No funding sources in this scenario yet",
            "add one under",
            "#sources-title",
            "Funding sources",
        )
    }

    def __init__(self, *args: Any, scenario: BudgetScenario, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = scenario.sources.all()  # type: ignore[attr-defined]


class PositionForm(_ScenarioItem):
    class Meta:
        model = BudgetPosition
        fields = [
            "title",
            "fte",
            "cost_per_fte",
            "source",
            "first_year",
            "last_year",
            "role_supplement",
        ]
        labels = {
            "fte": "FTE",
            "cost_per_fte": "Cost per FTE a year ($)",
            "role_supplement": "This is a leadership role's supplement",
        }
        widgets = {
            "fte": DECIMAL,
            **{n: WHOLE for n in ("cost_per_fte", "first_year", "last_year")},
        }


class LeverForm(_ScenarioItem):
    requires_text = forms.CharField(
        label="Needs these levers first (keys, comma-separated)", required=False
    )

    class Meta:
        model = BudgetLever
        fields = ["key", "kind", "name", "recurring_delta", "one_time_cost", "first_year", "source"]
        labels = {
            "key": "Code (used in export files and web addresses)",
            "recurring_delta": "Cost change a year ($; negative for a saving)",
            "one_time_cost": "One-time cost ($)",
        }
        widgets = {n: WHOLE for n in ("recurring_delta", "one_time_cost", "first_year")}

    def requires(self) -> list[str]:
        text = self.cleaned_data.get("requires_text") or ""
        return [part.strip() for part in text.split(",") if part.strip()]
