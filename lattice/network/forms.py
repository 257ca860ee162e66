"""Forms of the network pages; each error names the field and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.urls import reverse

from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices
from lattice.network.models import Measure, ResourceKind, TeamMember
from lattice.network.models.ideas import TeamRole

if TYPE_CHECKING:
    from lattice.network.models import Resource
    from lattice.people.models import District, Network


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the library", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Every kind"), *ResourceKind.choices]
    )
    tag = forms.SlugField(required=False, widget=forms.HiddenInput)


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(choices=ResourceKind.choices)
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your own words: what it is and what another district can learn from it.",
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label="Lessons or full text"
    )
    source_title = forms.CharField(
        max_length=300, label="Source", help_text="Who published it, and its title."
    )
    source_url = forms.URLField(
        max_length=500, required=False, label="Source address", assume_scheme="https"
    )
    tags = forms.CharField(
        max_length=300, required=False, help_text="Comma-separated, e.g. trust, hybrid roles."
    )


class SharingForm(forms.Form):
    measures = forms.MultipleChoiceField(
        label="Share with the network",
        choices=Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only aggregates are shared; any count under 10 people is hidden.",
    )


class JoinForm(ExplainsEmptyChoices, forms.Form):
    network: forms.ModelChoiceField[Network] = forms.ModelChoiceField(
        queryset=None, empty_label=None
    )
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        queryset=None, empty_label=None
    )

    empty_choices = {
        "network": EmptyChoice("No networks yet", "the site's administrators set networks up"),
        "district": EmptyChoice(
            "Every district whose office you run is already in a network",
            "leave its network first to join another",
        ),
    }

    def __init__(self, *args: Any, networks: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class IdeaForm(forms.Form):
    title = forms.CharField(max_length=200, label="Your idea, in a line")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What would change, for whom, and why now.",
    )


class JoinTeamForm(forms.Form):
    role = forms.ChoiceField(
        choices=[(TeamRole.MEMBER, "Join the team"), (TeamRole.FRIEND, "Be a critical friend")],
        label="How you take part",
    )


class LogicModelForm(forms.Form):
    problem = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The problem of practice it answers.",
    )
    inputs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="People, time and money it needs.",
    )
    activities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="What the team will do."
    )
    outputs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="What the activities produce.",
    )
    outcomes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="What changes for teachers and students.",
    )
    measures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="How the team will know it worked.",
    )


class PlanStepForm(ExplainsEmptyChoices, forms.Form):
    description = forms.CharField(max_length=300, label="Step")
    owner = forms.ModelChoiceField(queryset=TeamMember.objects.none(), empty_label=None)
    due = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="By")
    resources = forms.CharField(max_length=300, required=False, label="Resources needed")

    empty_choices = {
        "owner": EmptyChoice(
            "No one has joined the team yet", "a step's owner is a member of the team, not a friend"
        )
    }

    def __init__(self, *args: Any, idea: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = idea.team.exclude(role=TeamRole.FRIEND).select_related(  # type: ignore[attr-defined]
            "staff_member"
        )
        field.label_from_instance = lambda seat: seat.staff_member.display_name  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Your note")


class ConveningForm(forms.Form):
    title = forms.CharField(max_length=200)
    starts_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="First day")
    ends_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Last day")
    place = forms.CharField(max_length=200)
    keynote = forms.CharField(max_length=300, required=False, help_text="Speaker and title.")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SessionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Session")
    speaker = forms.CharField(max_length=200, required=False)
    starts_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label="Starts",
    )
    capacity = forms.IntegerField(min_value=1, max_value=5000, label="Seats")


class MaterialForm(ExplainsEmptyChoices, forms.Form):
    title = forms.CharField(max_length=200, label="Material")
    url = forms.URLField(max_length=500, required=False, label="Address", assume_scheme="https")
    resource: forms.ModelChoiceField[Resource] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Or a library resource",
    )
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lattice.network.models import Resource

        self.fields["resource"].queryset = Resource.objects.filter(network=network)  # type: ignore[attr-defined]
        self.empty_choices = {
            "resource": EmptyChoice(
                "No resources in the network's library yet",
                "give the address above, or share one in",
                reverse("network:library", args=[network.key]),
                "the library",
            )
        }
