"""Forms of the councils pages; each error names the field and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from lattice.councils import eligibility
from lattice.councils.actions import CARRY_OUTS
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
from lattice.councils.models.bodies import default_eligible_positions
from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices, missing
from lattice.lib.formatting import day, money
from lattice.lib.where_added import Addable
from lattice.people.models import Position

if TYPE_CHECKING:
    from lattice.councils.models import AgendaItem, Body
    from lattice.pathways.models import AdoptionDraft
    from lattice.people.models import School, StaffMember
    from lattice.roles.models import LeadershipRole


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
    allows_proxies = forms.BooleanField(
        required=False,
        label="The bylaws allow proxies",
        help_text="A member may hand their vote in a poll to another voter present, who "
        "casts it as a separate ballot.",
    )
    proxies_per_holder = forms.IntegerField(
        min_value=1,
        max_value=20,
        initial=1,
        required=False,
        label="Proxies one member may hold in a poll",
        help_text="Used only where the bylaws allow proxies.",
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
    share = forms.IntegerField(
        min_value=1,
        max_value=100,
        initial=1,
        required=False,
        label="Voting share (votes the seat carries)",
        help_text="1 unless the bylaws weigh this seat more, e.g. 2 for a seat that stands "
        "for two schools.",
    )
    eligibility_rules = forms.MultipleChoiceField(
        choices=eligibility.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who may hold it",
        help_text="Checked against the person's records.",
    )
    eligible_positions = forms.MultipleChoiceField(
        label="Open to",
        choices=Position.choices,
        initial=default_eligible_positions,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The positions on the staff records whose holders may sit, when the seat "
        "needs its holder to hold one (New Bedford opened councils to librarians, nurses, "
        "specialists…); none ticked means teachers and instructional coaches.",
    )

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_choices = {
            "constituency_school": missing(
                Addable.SCHOOLS, "No schools yet for a seat that represents one"
            ),
        }
        cast(forms.ModelChoiceField, self.fields["constituency_school"]).queryset = schools

    def clean_eligible_positions(self) -> list[str]:
        return list(self.cleaned_data.get("eligible_positions") or default_eligible_positions())


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


class DraftChoiceField(forms.ModelChoiceField):
    """A policy draft as the office's preview page names it."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.policy_name} ({obj.policy_key} v{obj.version}) from {day(obj.effective_from)}"


class StipendRoleField(forms.ModelChoiceField):
    """A catalogue role with the stipend it pays now."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} (pays {money(obj.stipend_dollars)} now)"


# What the proposal form offers to carry out (adding a role takes the role's whole form: the
# demo raises those with their fields).
FORM_CARRY_OUTS = ("adopt_policy", "change_stipend")


class ProposalForm(ExplainsEmptyChoices, forms.Form):
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
    carries_out = forms.ChoiceField(
        choices=[("", "Nothing: the decision is carried out outside Lattice")]
        + [(key, CARRY_OUTS[key].label) for key in FORM_CARRY_OUTS],
        required=False,
        label="If it passes, Lattice will",
        help_text="Only the talent office carries out a change of pay, after the vote passes.",
    )
    draft: forms.ModelChoiceField[AdoptionDraft] = DraftChoiceField(
        queryset=None,
        required=False,
        label="Pathway policy to adopt",
        help_text="For adopting a policy: one the talent office has drafted and previewed.",
    )
    role: forms.ModelChoiceField[LeadershipRole] = StipendRoleField(
        queryset=None,
        required=False,
        label="Role whose stipend changes",
        help_text="For a change of stipend: a catalogue role that pays one.",
    )
    stipend_dollars = forms.IntegerField(
        min_value=0,
        max_value=100_000,
        required=False,
        label="New stipend ($ a year)",
        help_text="For a change of stipend: paid to the role's current holders from the day below.",
        error_messages={
            "invalid": "Write the new stipend in whole dollars a year, e.g. 2500.",
            "min_value": "A stipend cannot be below $0 a year.",
            "max_value": "A stipend is at most $100,000 a year; check the amount.",
        },
    )

    stipend_from = forms.DateField(
        required=False,
        label="New stipend paid from",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For a change of stipend: the first day holders are paid it, e.g. the first "
        "day of next semester or school year. Leave empty to pay it from the day the talent "
        "office carries the decision out.",
        error_messages={"invalid": "Write the day the new stipend is paid from, e.g. 2027-01-01."},
    )
    backdated = forms.BooleanField(
        required=False,
        label="Back-date the change",
        help_text="Tick only if the new stipend is paid for days already past (from a day "
        "before this proposal, this school year at most): holders are owed the difference.",
    )

    def __init__(self, *args, drafts=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_choices = {
            "draft": EmptyChoice(
                "No pathway policy drafts yet",
                "the talent office previews a policy on its Pathway policy page first",
            ),
            "role": missing(Addable.LEADERSHIP_ROLES, "No roles that pay a stipend yet"),
        }
        cast(forms.ModelChoiceField, self.fields["draft"]).queryset = drafts
        cast(forms.ModelChoiceField, self.fields["role"]).queryset = roles

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("carries_out")
        if kind == "adopt_policy" and not data.get("draft"):
            self.add_error(
                "draft", "Choose the pathway policy draft the proposal adopts if it passes."
            )
        if kind == "change_stipend":
            if not data.get("role"):
                self.add_error("role", "Choose the role whose stipend the proposal changes.")
            if data.get("stipend_dollars") is None and "stipend_dollars" not in self.errors:
                self.add_error(
                    "stipend_dollars", "Give the new stipend in whole dollars a year, e.g. 2500."
                )
        return data

    def carry_out(self) -> tuple[str, dict[str, Any]]:
        """What the valid form carries out, as ``raise_proposal`` takes it."""
        data = self.cleaned_data
        kind = data.get("carries_out") or ""
        if kind == "adopt_policy":
            return kind, {"draft": data["draft"].pk}
        if kind == "change_stipend":
            fields: dict[str, Any] = {
                "role": data["role"].pk,
                "stipend_dollars": data["stipend_dollars"],
            }
            if data.get("stipend_from"):
                fields["effective_from"] = data["stipend_from"].isoformat()
                fields["backdated"] = bool(data.get("backdated"))
            return kind, fields
        return "", {}


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
