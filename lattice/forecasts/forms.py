"""The forecast form: policies to compare, the workforce, and the assumptions people change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from lattice.forecast.assumptions import Assumptions
from lattice.forecasts.choices import policy_choices
from lattice.people.models import District
from lattice.rules.records import school_year_label, school_year_of

DEFAULTS = Assumptions()
MAX_TEACHER_YEARS = 2_000_000_000  # about a minute of work on two cores
# Text inputs with a numeric keyboard: styled like every other field and friendly on phones.
WHOLE = forms.TextInput(attrs={"inputmode": "numeric"})
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})


def _percent(
    label: str, value: float, help_text: str, low: int = 0, high: int = 100
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=Decimal(str(round(value * 100, 2))),
        min_value=low,
        max_value=high,
        decimal_places=2,
        help_text=help_text,
        widget=DECIMAL,
    )


class ForecastForm(forms.Form):
    policy = forms.ChoiceField(label="Policy to forecast")
    vs = forms.ChoiceField(
        label="Compare with (optional)",
        required=False,
        help_text="Both run on the same teachers and the same random draws, so the "
        "difference is fair.",
    )
    workforce = forms.ChoiceField(
        label="Starting workforce",
        choices=[
            ("district", "This district's teachers, placed under the adopted policy"),
            ("synthetic", "A made-up district shaped like Baltimore in 2011"),
        ],
    )
    teachers = forms.IntegerField(
        widget=WHOLE,
        label="Teachers in the made-up district",
        initial=1000,
        min_value=10,
        max_value=100_000,
        help_text="Only used for a made-up district.",
    )
    years = forms.IntegerField(
        widget=WHOLE, label="Years ahead", initial=10, min_value=1, max_value=20
    )
    first_school_year = forms.IntegerField(
        widget=WHOLE,
        label="First school year forecast",
        min_value=2000,
        max_value=2200,
        help_text="The year it starts: 2027 for 2027-28.",
    )
    runs = forms.IntegerField(
        widget=WHOLE,
        label="Runs",
        initial=500,
        min_value=10,
        max_value=5000,
        help_text="More runs give narrower bands and take longer.",
    )
    seed = forms.IntegerField(
        widget=WHOLE,
        label="Seed",
        initial=0,
        min_value=0,
        max_value=2**31 - 1,
        help_text="The same seed and inputs always give the same forecast.",
    )
    calibrate = forms.BooleanField(
        label="Estimate ratings, leaving and courses from this district's history",
        required=False,
        help_text="Used where the history has at least 3 school years and enough teachers; "
        "the result lists every estimate with its sample size.",
    )
    cola = _percent(
        "Cost-of-living raise per year (%)",
        DEFAULTS.cola,
        "Default 1%, as in Baltimore's 2014 contract.",
        -5,
        15,
    )
    replacement_rate = _percent(
        "Leavers replaced (%)", DEFAULTS.replacement_rate, "100% keeps headcount level."
    )
    certificate_rate = _percent(
        "Teachers without a professional certificate who earn one each year (%)",
        DEFAULTS.certificate_rate,
        "An assumption; change it to your district's.",
    )
    accelerated_approved = _percent(
        "Accelerated applications approved each year (% of eligible)",
        DEFAULTS.decision_rate("accelerated_approved"),
        "An assumption.",
    )
    peer_review_passed = _percent(
        "Peer reviews passed each year (% of eligible)",
        DEFAULTS.decision_rate("peer_review_passed"),
        "An assumption.",
    )
    selected_as_lead = _percent(
        "Selected as Lead each year (% of eligible)",
        DEFAULTS.decision_rate("selected_as_lead"),
        "An assumption.",
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_school_year"].initial = school_year_of(dt.date.today()) + 1
        choices = policy_choices(district)
        self.fields["policy"].choices = choices  # type: ignore[attr-defined]  # ChoiceField
        self.fields["vs"].choices = [("", "No comparison"), *choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        size = (data.get("teachers") or 0) * (data.get("years") or 0) * (data.get("runs") or 0)
        if data.get("workforce") == "synthetic" and size > MAX_TEACHER_YEARS:
            raise forms.ValidationError(
                f"That is {size:,} teacher-years to simulate; keep teachers × years × runs at "
                f"or under {MAX_TEACHER_YEARS:,} (for example, fewer runs)."
            )
        return data

    def _short(self, choice: str) -> str:
        """The policy as people call it: its name, without the file's key and version."""
        labels = dict(self.fields["policy"].choices)  # type: ignore[attr-defined]
        label = str(labels.get(choice, choice.removeprefix("shipped:")))
        return label.split(" (shipped ")[0].removeprefix("Adopted: ")

    def title(self) -> str:
        """The run's name in the list of past forecasts: what it forecasts, over what."""
        d = self.cleaned_data
        title = self._short(d["policy"])
        if d["vs"]:
            title += f" compared with {self._short(d['vs'])}"
        first = school_year_label(d["first_school_year"])
        years = f"{d['years']} year{'' if d['years'] == 1 else 's'}"
        return f"{title}, {years} from {first}, {d['runs']} runs"

    def inputs(self) -> dict[str, Any]:
        """The choices as JSON for the run (assumption percentages as fractions)."""
        d = self.cleaned_data
        rates = [
            (key, float(d[key]) / 100)
            for key in ("accelerated_approved", "peer_review_passed", "selected_as_lead")
        ]
        return {
            "policy": d["policy"],
            "vs": d["vs"] or "",
            "workforce": d["workforce"],
            "teachers": d["teachers"],
            "years": d["years"],
            "first_school_year": d["first_school_year"],
            "runs": d["runs"],
            "seed": d["seed"],
            "calibrate": bool(d.get("calibrate")),
            "assumptions": {
                "cola": float(d["cola"]) / 100,
                "replacement_rate": float(d["replacement_rate"]) / 100,
                "certificate_rate": float(d["certificate_rate"]) / 100,
                "decision_rates": rates,
            },
        }
