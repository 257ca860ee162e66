"""The talent office's forms for API tokens and webhook subscriptions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from lattice.api.actions import MAX_DAYS
from lattice.api.scopes import CHOICES
from lattice.lib.choices import ExplainsEmptyChoices, missing
from lattice.lib.facts import Fact
from lattice.lib.where_added import Addable
from lattice.people.models import AccessGrant, District


def owners_for(district: District, officer: Any) -> QuerySet[Any]:
    """Accounts a token may act as: the officer themselves, the district's other officers,
    and people of the district with a log-in (a token for one person's own data)."""
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(
            Q(pk=officer.pk)
            | Q(
                access_grants__role=AccessGrant.Role.TALENT_OFFICER,
                access_grants__district=district,
            )
            | Q(staff_member__district=district, staff_member__active=True)
        )
        .distinct()
        .order_by("username")
    )


class TokenForm(ExplainsEmptyChoices, forms.Form):
    name = forms.CharField(
        max_length=120, help_text="The system that will call with it, e.g. “HR system”."
    )
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label="Acts as",
        help_text="The token sees and writes only what this account may on the pages.",
    )
    scopes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, label="It may"
    )
    expires_on = forms.DateField(
        label="Expires on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=f"At most {MAX_DAYS} days from today.",
    )
    allowed_networks = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Allowed address ranges",
        help_text="Optional: one per line (e.g. 10.20.0.0/16). Calls from elsewhere are refused.",
    )

    def __init__(self, *args: Any, district: District, officer: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"owner": officer.pk, "expires_on": timezone.localdate() + dt.timedelta(days=90)},
        )
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        owner_field.queryset = owners_for(district, officer)
        self.empty_choices = {"owner": missing(Addable.STAFF, "No accounts to act as yet")}
        owner_field.label_from_instance = lambda obj: (  # type: ignore[method-assign]
            f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"
        )

    def networks(self) -> list[str]:
        return self.cleaned_data.get("allowed_networks", "").splitlines()


EVENT_LABELS = {
    Fact.RATING: "Ratings",
    Fact.CREDIT: "Graduate credits",
    Fact.PD_HOURS: "Professional development hours",
    Fact.DEGREE: "Degrees",
    Fact.CERTIFICATE: "Certificates",
    Fact.ASSIGNMENT: "Assignments",
    Fact.SCHOOL_PROFILE: "School profiles (level, free/reduced lunch)",
    Fact.DECISION: "Pathway decisions",
    Fact.CLAIM: "Decided claims",
    Fact.ROLE_SERVED: "Leadership roles served",
    Fact.HIRE: "Hires and returns",
    Fact.EXIT: "People who left",
    Fact.PERSON: "Personal records (hire date, prior experience)",
    Fact.POLICY: "Policy adoptions",
    Fact.SCHOOL_YEAR: "School years",
    Fact.CALENDAR: "School calendars",
}


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        max_length=500,
        assume_scheme="https",
        label="Endpoint address",
        help_text="Must start with https://.",
    )
    description = forms.CharField(max_length=200, required=False)
    events = forms.MultipleChoiceField(
        choices=[(f.value, EVENT_LABELS[f]) for f in Fact],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Changes to send",
        help_text="Leave all unticked to be told of every change.",
    )
