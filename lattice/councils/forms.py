"""Forms of the councils pages; each error names the field and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms

from lattice.councils import eligibility
from lattice.councils.models import (
    Base,
    BodyKind,
    BodyScope,
    DecisionStatus,
    PollKind,
    Presence,
    RightLevel,
    SeatPosition,
    Selection,
    Threshold,
    Workflow,
)
from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices, missing
from lattice.lib.where_added import Addable

if TYPE_CHECKING:
    from lattice.councils.models import AgendaItem, Body
    from lattice.people.models import School, StaffMember


class BodyForm(ExplainsEmptyChoices, forms.Form):
    name = forms.CharField(max_length=160)
    kind = forms.ChoiceField(choices=BodyKind.choices)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.ChoiceField(choices=BodyScope.choices)
    school: forms.ModelChoiceField[School] = forms.ModelChoiceField(
        queryset=None, required=False, help_text="Needed when the body serves one school."
    )
    parent: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        queryset=None, required=False, label="Parent body"
    )
    workflow = forms.ChoiceField(choices=Workflow.choices)
    quorum_percent = forms.IntegerField(
        min_value=0, max_value=99, initial=50, label="Quorum (more than this % of filled seats)"
    )
    allows_absentee_votes = forms.BooleanField(
        required=False,
        label="The bylaws allow absentee votes",
        help_text="A member recorded absent or excused from a meeting may still vote in its "
        "polls; quorum counts only those present.",
    )
    rights = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Decision rights",
        help_text="One a line: topic: decides | recommends | consulted, "
        "e.g. 'Teacher leader stipends: recommends'.",
    )

    def __init__(self, *args, schools=None, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_choices = {
            "school": missing(Addable.SCHOOLS, "No schools yet for a body that serves one"),
            "parent": EmptyChoice("No other bodies yet", "leave it empty for a top-level body"),
        }
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = bodies

    def clean_rights(self) -> list[tuple[str, str]]:
        out = []
        for n, line in enumerate(self.cleaned_data["rights"].splitlines(), start=1):
            if not line.strip():
                continue
            topic, _, level = line.rpartition(":")
            level = level.strip().lower()
            if not topic.strip() or level not in RightLevel.values:
                raise forms.ValidationError(
                    f"Line {n}: write 'topic: decides', 'topic: recommends' or 'topic: consulted'."
                )
            out.append((topic.strip(), level))
        return out


class SeatForm(ExplainsEmptyChoices, forms.Form):
    label = forms.CharField(max_length=120)
    position = forms.ChoiceField(choices=SeatPosition.choices, initial=SeatPosition.MEMBER)
    selection = forms.ChoiceField(choices=Selection.choices)
    constituency = forms.CharField(
        max_length=120, required=False, help_text="e.g. a subject or 'Union seat'."
    )
    constituency_school: forms.ModelChoiceField[School] = forms.ModelChoiceField(
        queryset=None, required=False, label="Represents the school"
    )
    term_years = forms.IntegerField(min_value=1, max_value=6, initial=2, label="Term (years)")
    term_limit = forms.IntegerField(
        min_value=1, max_value=10, initial=2, label="Term limit (consecutive terms)"
    )
    eligibility_rules = forms.MultipleChoiceField(
        choices=eligibility.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who may hold it",
        help_text="Checked against the person's records.",
    )

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_choices = {
            "constituency_school": missing(
                Addable.SCHOOLS, "No schools yet for a seat that represents one"
            ),
        }
        cast(forms.ModelChoiceField, self.fields["constituency_school"]).queryset = schools


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=160)
    starts_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    location = forms.CharField(max_length=200, required=False)
    agenda = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One agenda item a line.",
    )


class AgendaItemForm(ExplainsEmptyChoices, forms.Form):
    title = forms.CharField(max_length=200)
    parent: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        queryset=None, required=False, label="Under item"
    )
    owner: forms.ModelChoiceField[StaffMember] = forms.ModelChoiceField(
        queryset=None, required=False
    )
    minutes = forms.IntegerField(
        min_value=1, max_value=600, required=False, label="Minutes planned"
    )

    empty_choices = {
        "parent": EmptyChoice("No items on the agenda yet", "leave it empty for a top-level item"),
        "owner": EmptyChoice(
            "No members seated yet", "fill the body's seats on its page, or leave it empty"
        ),
    }

    def __init__(self, *args, items=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = items
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = people


class MinutesForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Minutes")


class ProposalForm(forms.Form):
    title = forms.CharField(max_length=200)
    problem = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    proposal = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    cost = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Cost per year ($), if any",
    )


class PollForm(forms.Form):
    kind = forms.ChoiceField(choices=[c for c in PollKind.choices if c[0] != "election"])
    threshold = forms.ChoiceField(choices=Threshold.choices)
    base = forms.ChoiceField(choices=Base.choices)
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Ranked and score votes: one option a line.",
    )
    anonymous = forms.BooleanField(required=False, label="Secret ballot (cannot be undone)")
    hide_results = forms.BooleanField(required=False, label="Hide results until closed")


class DecisionForm(ExplainsEmptyChoices, forms.Form):
    status = forms.ChoiceField(choices=DecisionStatus.choices)
    review_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    owner: forms.ModelChoiceField[StaffMember] = forms.ModelChoiceField(
        queryset=None, required=False, label="Carried out by"
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = people
        self.empty_choices = {"owner": missing(Addable.STAFF, "No active staff yet")}


PRESENCE_CHOICES = [("", "—"), *Presence.choices]
