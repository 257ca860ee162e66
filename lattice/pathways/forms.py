"""Forms of the pathways pages. They check shapes; the actions check the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from lattice.lib import rubric
from lattice.pathways.models import ClaimKind
from lattice.pathways.models.applications import FOUR_LEVELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label="What are you claiming?", choices=ClaimKind.choices)
    title = forms.CharField(label="Course, programme, project, role or certificate", max_length=200)
    provider = forms.CharField(label="College or provider", max_length=200, required=False)
    quantity = forms.IntegerField(
        label="How many credits, hours or units",
        min_value=0,
        max_value=999,
        required=False,
        help_text="Credits for college courses, hours for PD, units awarded for a project.",
    )
    completed = forms.DateField(
        label="Date completed (course end date)",
        widget=DATE,
        help_text="For a role, any day of the school year you served; for a certificate, "
        "the issue date.",
    )
    category = forms.ChoiceField(label="Kind of project or role", required=False)
    expires = forms.DateField(label="Certificate expires", widget=DATE, required=False)
    # Django's metaclass moves declared fields off the class: form.files stays the uploads.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Evidence (PDF, PNG or JPEG, up to 5 MB each)",
        help_text="A transcript, certificate or completion record.",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if categories:
            cast(forms.ChoiceField, self.fields["category"]).choices = [("", "—"), *categories]
        else:
            del self.fields["category"]


class ExceptionClaimForm(ClaimForm):
    """The talent office records a claim for a person, with a window exception if needed."""

    exception_reason = forms.CharField(
        label="Exception to the submission window (reason)",
        required=False,
        max_length=300,
        help_text="Leave empty unless the claim is late and the office accepts it anyway.",
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the teacher reads this)",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WhatIfForm(forms.Form):
    rating = forms.ChoiceField(label="This year's rating", required=False)
    credits = forms.IntegerField(label="College credits", min_value=0, max_value=60, required=False)
    pd_hours = forms.IntegerField(label="PD hours", min_value=0, max_value=600, required=False)

    def __init__(self, *args: Any, labels: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rating"]).choices = [("", "As recorded")] + [
            (x, x) for x in labels
        ]


class AdoptForm(forms.Form):
    shipped = forms.ChoiceField(label="A policy shipped with Lattice", required=False)
    upload = forms.FileField(
        label="…or upload your district's policy (TOML)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".toml"}),
    )
    effective_from = forms.DateField(label="Effective from", widget=DATE)
    district_copy = forms.BooleanField(
        label="Adopt a district copy: the same rules, in force from this date with no end date",
        required=False,
    )
    note = forms.CharField(label="Note for the record", max_length=300, required=False)
    toml_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, shipped: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["shipped"]).choices = [("", "—"), *shipped]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("shipped") or cleaned.get("upload") or cleaned.get("toml_text")):
            raise forms.ValidationError("Choose a shipped policy or upload a TOML file.")
        upload = cleaned.get("upload")
        if upload is not None:
            if upload.size > 512 * 1024:
                self.add_error("upload", "A policy file is at most 512 KB; this one is larger.")
            else:
                try:
                    cleaned["toml_text"] = upload.read().decode("utf-8")
                except UnicodeDecodeError:
                    self.add_error("upload", "Save the policy as UTF-8 text and upload it again.")
        return cleaned


class PayrollForm(forms.Form):
    effective_date = forms.DateField(label="Pay effective on", widget=DATE)
    file_format = forms.ChoiceField(
        label="Format", choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")]
    )


class CohortForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    transition_key = forms.ChoiceField(label="Move decided")
    register_opens = forms.DateField(label="Registration opens", widget=DATE)
    register_closes = forms.DateField(label="Registration closes", widget=DATE)
    submit_opens = forms.DateField(label="Submissions open", widget=DATE)
    submit_closes = forms.DateField(label="Submissions close", widget=DATE)
    domains = forms.CharField(
        label="Rubric domains (one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave empty for the policy's usual domains (Model: Baltimore's four).",
    )
    max_per_domain = forms.IntegerField(
        label="Top score per domain", min_value=1, max_value=10, initial=4
    )
    level_descriptors = forms.CharField(
        label="What each score means (one a line, from 1 up)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="\n".join(FOUR_LEVELS),
        help_text="Reviewers read each line beside its score. One line for each score up to "
        "the top score; leave it empty for Lattice's four levels (a top score of 4).",
    )
    cut_score = forms.DecimalField(
        label="Cut score (total)", min_value=0, max_digits=5, decimal_places=2, initial=12
    )
    reconcile_margin = forms.DecimalField(
        label="Reconcile when reviewers' totals differ by more than",
        min_value=0,
        max_digits=5,
        decimal_places=2,
        initial=3,
    )

    def __init__(self, *args: Any, transitions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["transition_key"]).choices = transitions


class ArtifactForm(forms.Form):
    domain = forms.ChoiceField(label="Domain")
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="What it shows", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(label="Link (e.g. a lesson video)", required=False, assume_scheme="https")
    # Django's metaclass moves declared fields off the class: form.files stays the uploads.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Files (PDF, PNG or JPEG, up to 5 MB each)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args: Any, domains: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["domain"]).choices = [(d, d) for d in domains]


class ReviewForm(forms.Form):
    comments = forms.CharField(
        label="Feedback for the applicant", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(
        self,
        *args: Any,
        domains: list[str],
        top: int,
        descriptors: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.domain_names = domains
        levels = descriptors or []
        for index, domain in enumerate(domains):
            self.fields[f"score_{index}"] = rubric.level_field(domain, top, levels)

        self.fields["comments"] = self.fields.pop("comments")  # after the rubric

    def scores(self) -> dict[str, int]:
        return {d: self.cleaned_data[f"score_{i}"] for i, d in enumerate(self.domain_names)}


class ConflictForm(forms.Form):
    note = forms.CharField(label="Why you cannot review this application", max_length=300)


class ReconcileForm(forms.Form):
    score = forms.DecimalField(
        label="Reconciled total", min_value=0, max_digits=5, decimal_places=2
    )
    note = forms.CharField(
        label="How the panel reconciled", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecideForm(forms.Form):
    feedback = forms.CharField(
        label="Summary feedback for the applicant",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppealForm(forms.Form):
    text = forms.CharField(label="Your appeal", widget=forms.Textarea(attrs={"rows": 4}))


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label="Decision",
        choices=[("1", "Uphold: the applicant passes"), ("0", "Dismiss")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(label="Reasons", widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(forms.Form):
    reviewer = forms.TypedChoiceField(label="Reviewer", coerce=int)

    def __init__(self, *args: Any, reviewers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reviewer"]).choices = reviewers


class PanelForm(forms.Form):
    employee_id = forms.CharField(label="Employee id of the new panel member", max_length=64)


def default_cohort_dates(on: dt.date) -> dict[str, dt.date]:
    return {
        "register_opens": on,
        "register_closes": on + dt.timedelta(days=30),
        "submit_opens": on,
        "submit_closes": on + dt.timedelta(days=120),
    }


def claim_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The ``submit_claim`` arguments from a valid claim form's cleaned data."""
    return {
        "kind": data["kind"],
        "title": data["title"],
        "provider": data["provider"],
        "quantity": data.get("quantity") or 0,
        "completed": data["completed"],
        "category": data.get("category") or "",
        "expires": data.get("expires"),
        "files": data["files"],
    }
