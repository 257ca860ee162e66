"""Forms of the roles pages. Forms parse and label; actions enforce the rules."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.text import slugify

from lattice.lib.choices import ExplainsEmptyChoices, missing
from lattice.lib.rubric import level_field, levels_problem
from lattice.lib.where_added import Addable
from lattice.people.models import Position
from lattice.roles.evidence import ACCEPT, ALLOWED_TEXT
from lattice.roles.models import (
    DEFAULT_RUBRIC,
    LeadershipRole,
    PositionScope,
    Renewal,
    RoleProposal,
    RoleSettings,
    RoleType,
    TLMSDomain,
)
from lattice.roles.models.catalogue import EDITABLE_ROLE_FIELDS, default_eligible_positions
from lattice.roles.models.selection import standard_rubric
from lattice.roles.role_templates import TEMPLATES

if TYPE_CHECKING:
    from lattice.people.models import School, SchoolYear, StaffMember

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class RoleForm(forms.ModelForm):
    tlms_domains = forms.MultipleChoiceField(
        label="Teacher Leader Model Standards domains",
        choices=TLMSDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    eligible_positions = forms.MultipleChoiceField(
        label="Who may hold it",
        choices=Position.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Positions on the staff records whose holders may apply (New Bedford opened "
        "teacher leadership to specialists, counselors and paraprofessionals); none ticked "
        "means teachers and instructional coaches.",
    )
    required_certificates = forms.CharField(
        label="Required certificates",
        required=False,
        help_text="Certificate kinds, one a line, exactly as recorded on staff records.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = LeadershipRole
        fields = list(EDITABLE_ROLE_FIELDS)
        widgets = {"purpose": TEXTAREA, "duties": TEXTAREA}

    def __init__(self, *args: Any, rating_labels: list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["required_certificates"] = "\n".join(self.instance.required_certificates)
        labels = rating_labels or []
        self.fields["min_rating"] = forms.ChoiceField(
            label="Minimum rating",
            required=False,
            choices=[("", "No rating requirement")] + [(x, x) for x in labels],
            initial=self.instance.min_rating,
        )

    def clean_eligible_positions(self) -> list[str]:
        return list(self.cleaned_data.get("eligible_positions") or default_eligible_positions())

    def clean_required_certificates(self) -> list[str]:
        raw = self.cleaned_data.get("required_certificates") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label="Start from a template", choices=[(t.key, t.label) for t in TEMPLATES]
    )


def rubric_text(criteria: list[dict[str, Any]]) -> str:
    """A rubric as the posting form shows it: each criterion's line, then its levels'."""
    lines: list[str] = []
    for c in criteria:
        lines.append(f"{c['label']} | {c['max']}")
        lines += [f"{n}: {text}" for n, text in enumerate(c.get("levels") or [], start=1)]
    return "\n".join(lines)


class PostingForm(ExplainsEmptyChoices, forms.Form):
    role = forms.ModelChoiceField(
        queryset=LeadershipRole.objects.none(), label="Role", empty_label="Choose a role"
    )
    school: forms.ModelChoiceField[School] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="School",
        empty_label="District-wide",
        help_text="Per-school roles need a school.",
    )
    school_year: forms.ModelChoiceField[SchoolYear] = forms.ModelChoiceField(
        queryset=None, label="School year"
    )
    opens_on = forms.DateField(
        label="Applications open", widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label="Applications close", widget=forms.DateInput(attrs={"type": "date"})
    )
    positions = forms.IntegerField(min_value=1, max_value=100, initial=1, label="Positions to fill")
    rubric = forms.CharField(
        label="Rubric",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        initial=rubric_text(DEFAULT_RUBRIC),
        help_text="Each criterion on its own line: what reviewers judge | most points (1–10); "
        "then one line for each score from 1 up saying what it looks like, e.g. "
        "'1: Shows growth for one class'. Reviewers pick a score by these sentences.",
    )

    def __init__(
        self,
        *args: Any,
        roles: Any,
        schools: Any,
        years: Any,
        district_wide: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The roster brings schools and years; its page belongs to a sibling app, which says
        # where in lattice.lib.where_added (roles names no other app's URLs).
        self.empty_choices = {
            "role": missing(Addable.LEADERSHIP_ROLES, "No active roles yet"),
            "school": missing(Addable.SCHOOLS, "No schools yet"),
            "school_year": missing(Addable.SCHOOL_YEARS, "No school years yet"),
        }
        cast(forms.ModelChoiceField, self.fields["role"]).queryset = roles
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        cast(forms.ModelChoiceField, self.fields["school_year"]).queryset = years
        if not district_wide:
            self.fields["school"].required = True
            cast(forms.ModelChoiceField, self.fields["school"]).empty_label = None

    def clean_rubric(self) -> list[dict[str, Any]]:
        return parse_rubric(self.cleaned_data.get("rubric") or "")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        role, school = data.get("role"), data.get("school")
        if role and role.position_scope == PositionScope.PER_SCHOOL and not school:
            self.add_error("school", f"{role.title} is a per-school role; choose the school.")
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The window must close on or after the day it opens.")
        return data


LEVEL_LINE = re.compile(r"^(\d+)\s*[:.)]\s*(.*)$")
MAX_CRITERIA = 10
MAX_DESCRIPTOR = 300


def parse_rubric(text: str) -> list[dict[str, Any]]:
    """Rubric criteria from lines "label | max", each followed by its levels ("1: what a 1
    looks like", up to the most points); an empty text gives the standard rubric."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        return standard_rubric()
    out: list[dict[str, Any]] = []
    starts: list[int] = []
    for n, line in lines:
        level = LEVEL_LINE.match(line)
        if level:
            _add_level(out, n, int(level.group(1)), level.group(2).strip())
            continue
        label, sep, top = line.rpartition("|")
        label = label.strip()
        if not sep or not label:
            raise forms.ValidationError(
                f"Line {n}: write the criterion, a bar and its most points, e.g. "
                f"'Evidence of student growth | 4', or a score and what it looks like, e.g. "
                f"'1: Shows growth for one class'."
            )
        try:
            most = int(top.strip())
        except ValueError:
            most = 0
        if not 1 <= most <= 10:
            raise forms.ValidationError(
                f"Line {n}: the most points must be a whole number from 1 to 10."
            )
        key = slugify(label)[:40] or f"c{n}"
        if any(c["key"] == key for c in out):
            key = f"{key[:36]}-{n}"
        out.append({"key": key, "label": label[:120], "max": most, "levels": []})
        starts.append(n)
    if len(out) > MAX_CRITERIA:
        raise forms.ValidationError(f"Use at most {MAX_CRITERIA} criteria.")
    for n, c in zip(starts, out, strict=True):
        problem = levels_problem(c["max"], c["levels"])
        if problem:
            missing = ", ".join(str(k) for k in range(len(c["levels"]) + 1, c["max"] + 1))
            raise forms.ValidationError(
                f"Line {n}: under “{c['label']}”, {problem}, each like "
                f"'{len(c['levels']) + 1}: what a {len(c['levels']) + 1} looks like' "
                f"(still to write: {missing})."
            )
    return out


def _add_level(out: list[dict[str, Any]], n: int, score: int, words: str) -> None:
    """Add the descriptor on line ``n`` to the criterion above it, in order from 1."""
    if not out:
        raise forms.ValidationError(
            f"Line {n}: a score's description goes under its criterion; write the criterion "
            f"first, e.g. 'Evidence of student growth | 4'."
        )
    c = out[-1]
    expected = len(c["levels"]) + 1
    if score != expected or score > c["max"]:
        if expected > c["max"]:
            raise forms.ValidationError(
                f"Line {n}: “{c['label']}” goes up to {c['max']} points, so it has no score "
                f"{score}; raise its most points or remove the line."
            )
        raise forms.ValidationError(
            f"Line {n}: describe the scores of “{c['label']}” in order from 1; this line "
            f"should start '{expected}:', not '{score}:'."
        )
    if not words:
        raise forms.ValidationError(f"Line {n}: say what a {score} looks like after '{score}:'.")
    if len(words) > MAX_DESCRIPTOR:
        raise forms.ValidationError(
            f"Line {n}: keep what a {score} looks like under {MAX_DESCRIPTOR} characters "
            f"(it has {len(words)})."
        )
    c["levels"].append(words)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ApplicationForm(forms.Form):
    statement = forms.CharField(
        label="Your statement",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Why you want the role, the evidence of your practice, and what you would do.",
    )
    evidence = MultipleFileField(
        label="Evidence (optional)",
        required=False,
        help_text=f"Up to 5 files, 5 MB each: {ALLOWED_TEXT}.",
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )


class ConflictForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Why you cannot review this applicant", max_length=300)


class SeatForm(ExplainsEmptyChoices, forms.Form):
    reviewer: forms.ModelChoiceField[StaffMember] = forms.ModelChoiceField(
        queryset=None, label="Reviewer", empty_label="Choose a staff member"
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["reviewer"]).queryset = staff
        self.empty_choices = {
            "reviewer": missing(Addable.STAFF, "No staff member is free to seat on this panel")
        }


# What a 0 means on every posting's rubric: the reviewer found nothing to score.
NOTHING_SHOWS_IT = "nothing in the application shows this"


def score_form(
    criteria: list[dict[str, Any]], data: Any = None, initial: dict[str, Any] | None = None
) -> forms.Form:
    """A reviewer's scores: one group of radio buttons a criterion, each labelled with what
    that score looks like (the posting's ``levels``), from 0 (nothing shows it) up."""
    form = forms.Form(data, initial=initial)
    for c in criteria:
        top = int(c["max"])
        form.fields[f"points_{c['key']}"] = level_field(
            c["label"],
            top,
            c.get("levels") or [],
            zero=NOTHING_SHOWS_IT,
            help_text=f"0 to {top} points.",
        )
        form.fields[f"comment_{c['key']}"] = forms.CharField(
            label=f"Comment on “{c['label']}” (optional)", required=False, max_length=500
        )
    return form


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label="Feedback to the applicant",
        max_length=3000,
        widget=TEXTAREA,
        help_text="What was strong, and what would strengthen a future application.",
    )


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label="What you did, what changed and what you learned",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RenewalForm(forms.Form):
    decision = forms.ChoiceField(
        label="Renewal decision",
        choices=[(Renewal.RENEW, Renewal.RENEW.label), (Renewal.END, Renewal.END.label)],
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)


class InterestForm(forms.Form):
    role_types = forms.MultipleChoiceField(
        label="Kinds of role you are interested in",
        choices=RoleType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_roles = forms.IntegerField(
        label="Most roles you could hold at once", min_value=0, max_value=3, initial=1
    )
    note = forms.CharField(
        label="Anything the talent office should know (optional)", required=False, max_length=500
    )


PROPOSAL_WIDGETS = {
    "problem": TEXTAREA,
    "duties": TEXTAREA,
    "success_measure": TEXTAREA,
    "scope": forms.RadioSelect,
}


class ProposalForm(ExplainsEmptyChoices, forms.ModelForm):
    co_proposers: forms.ModelMultipleChoiceField[StaffMember] = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Co-proposers (your team, optional)",
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    class Meta:
        model = RoleProposal
        fields = [
            "title",
            "school",
            "problem",
            "duties",
            "scope",
            "positions",
            "release_percent",
            "extra_days",
            "stipend_dollars",
            "success_measure",
        ]
        widgets = PROPOSAL_WIDGETS

    def __init__(self, *args: Any, schools: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        cast(forms.ModelChoiceField, self.fields["school"]).empty_label = "Choose your school"
        cast(forms.ModelChoiceField, self.fields["co_proposers"]).queryset = colleagues
        team = self.fields["co_proposers"]
        team.help_text = "Hold Ctrl (Cmd on a Mac) to choose several colleagues."
        self.empty_choices = {
            "school": missing(Addable.SCHOOLS, "No school assignment of yours is recorded yet"),
            "co_proposers": missing(Addable.STAFF, "No colleagues are recorded yet"),
        }


class ProposalEditForm(forms.ModelForm):
    """A returned proposal, changed by its proposers and sent again (school and team stay)."""

    resubmit_note = forms.CharField(
        label="What you changed, for the reviewer (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = RoleProposal
        fields = [
            "title",
            "problem",
            "duties",
            "scope",
            "positions",
            "release_percent",
            "extra_days",
            "stipend_dollars",
            "success_measure",
        ]
        widgets = PROPOSAL_WIDGETS


class ProposalReviewForm(forms.Form):
    """A reviewer's decision. No decision is preselected, and a bound form keeps every
    choice when it comes back with an error (so adding a forgotten note never approves)."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("return", "Return for changes"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision: approve, return for changes, or decline."},
    )
    note = forms.CharField(
        label="Note to the proposers",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when returning or declining: say what to change, or why.",
        error_messages={"max_length": "Keep the note under 2,000 characters."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision in ("return", "decline") and not (data.get("note") or "").strip():
            self.add_error(
                "note",
                "Write a note to the proposers saying what to change, so they can act on it."
                if decision == "return"
                else "Write a note to the proposers saying why you decline it.",
            )
        return data


class PlaceForm(forms.Form):
    how = forms.ChoiceField(
        label="How to place the proposer",
        choices=[
            ("assign", "Give the proposer the role now, for this school year"),
            ("post", "Open a posting at their school they can apply to"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to place the proposer."},
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = RoleSettings
        fields = ["target_share_percent", "round_up", "coverage_fte_cost", "extra_day_cost"]
