"""Forms of the people pages: directory filters and audit filters."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from lattice.lib.widgets import ListSelect
from lattice.people.models import School

SORT_CHOICES = [
    ("name", "Name (A–Z)"),
    ("-name", "Name (Z–A)"),
    ("employee", "Employee id (ascending)"),
    ("-employee", "Employee id (descending)"),
    ("school", "School (A–Z)"),
    ("-school", "School (Z–A)"),
    ("hired", "Hire date (earliest first)"),
    ("-hired", "Hire date (latest first)"),
]


class StaffFilterForm(forms.Form):
    """Search and filters of a staff list; every field is optional and bad values are ignored."""

    q = forms.CharField(label="Search by name or employee id", required=False, max_length=100)
    subject = forms.ChoiceField(label="Subject", required=False, widget=ListSelect)
    grades = forms.ChoiceField(label="Grades", required=False, widget=ListSelect)
    position = forms.ChoiceField(label="Position", required=False, widget=ListSelect)
    school = forms.TypedChoiceField(
        label="School", required=False, coerce=int, empty_value=None, widget=ListSelect
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=SORT_CHOICES, widget=ListSelect
    )

    def __init__(
        self, data: Any, *, choices: dict[str, list[Any]], schools: list[School] | None = None
    ) -> None:
        super().__init__(data)
        any_ = [("", "Any")]
        cast(forms.ChoiceField, self.fields["subject"]).choices = any_ + [
            (s, s) for s in choices["subjects"]
        ]
        cast(forms.ChoiceField, self.fields["grades"]).choices = any_ + [
            (g, g) for g in choices["grades"]
        ]
        cast(forms.ChoiceField, self.fields["position"]).choices = any_ + list(choices["positions"])
        if schools is None:
            del self.fields["school"]
        else:
            cast(forms.ChoiceField, self.fields["school"]).choices = [("", "All schools")] + [
                (s.pk, s.name) for s in schools
            ]

    def cleaned_or_blank(self) -> dict[str, Any]:
        """The valid fields' values; an invalid field counts as not filled in."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) for name in self.fields if name not in self.errors}


class AuditFilterForm(forms.Form):
    person = forms.CharField(label="Person (name or id)", required=False, max_length=100)
    action = forms.ChoiceField(label="Action", required=False, widget=ListSelect)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Any, *, actions: list[tuple[str, str]]) -> None:
        """``actions`` are (name, label) pairs: the action's current name and how it reads."""
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", "Any action"), *actions]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date is before the start date; swap them.")
        return cleaned
