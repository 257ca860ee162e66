"""Forms of a district's curriculum teams, trust pulse and network cabinets; each error names
the field and the fix."""

from __future__ import annotations

from typing import Any

from django import forms

from lattice.councils.models import Body
from lattice.lib import rubric
from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices, missing
from lattice.lib.where_added import Addable
from lattice.network.models.curriculum import RUBRIC, RUBRIC_SCALE
from lattice.network.models.pulse import QUESTIONS, SCALE
from lattice.people.models import District, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year

DATE = forms.DateInput(attrs={"type": "date"})


def teachers_of(district: District) -> Any:
    """The district's active staff teaching this school year: who may lead, write or review
    curriculum (principals and the office do not)."""
    year = current_school_year(district)
    return (
        StaffMember.objects.filter(
            district=district,
            active=True,
            assignments__school_year=year,
            assignments__position__in=list(TEACHING_POSITIONS),
        )
        .distinct()
        .order_by("family_name", "given_name")
    )


class TeamForm(forms.Form):
    subject = forms.CharField(max_length=80, help_text="e.g. Mathematics, English language arts.")
    grade_band = forms.CharField(max_length=20, label="Grade band", help_text="e.g. 6-8.")
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class StaffChoice(forms.ModelChoiceField[StaffMember]):
    def label_from_instance(self, obj: StaffMember) -> str:
        return obj.display_name


class StaffChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class TeamMemberForm(ExplainsEmptyChoices, forms.Form):
    staff_member = StaffChoice(queryset=StaffMember.objects.none(), label="Teacher leader")
    lead = forms.BooleanField(required=False, label="Leads the team")

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff_member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teachers_of(district)
        self.empty_choices = {"staff_member": missing(Addable.STAFF, "No teachers yet")}


class UnitForm(forms.Form):
    title = forms.CharField(max_length=200)
    goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What students will know and be able to do.",
    )
    outline = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The lessons, in order, with their materials.",
    )
    assessment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="How students show what they learned."
    )


class VersionForm(forms.Form):
    goals = UnitForm.base_fields["goals"]
    outline = UnitForm.base_fields["outline"]
    assessment = UnitForm.base_fields["assessment"]
    change_note = forms.CharField(max_length=300, label="What changed, and why")


class ReviewersForm(ExplainsEmptyChoices, forms.Form):
    reviewers = StaffChoices(
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="At least two teachers of other schools than the writer's, not on the team.",
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = candidates
        self.empty_choices = {
            "reviewers": missing(
                Addable.STAFF, "No teachers of other schools, off the team, to review it yet"
            )
        }


# The unit rubric's four levels, 1 up, as the shared rubric fields describe them.
SCALE_WORDS = [RUBRIC_SCALE[n] for n in sorted(RUBRIC_SCALE)]


class ReviewForm(forms.Form):
    comments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What is strong, and what to change."
    )
    ready = forms.TypedChoiceField(
        label="Your recommendation",
        choices=[("yes", "Ready to pilot"), ("no", "Revise first")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in RUBRIC:
            self.fields[key] = rubric.level_field(label, len(RUBRIC_SCALE), SCALE_WORDS)
        self.order_fields([k for k, _ in RUBRIC] + ["comments", "ready"])

    def scores(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k, _ in RUBRIC}


class TeachingForm(forms.Form):
    taught_on = forms.DateField(label="Taught on", widget=DATE)
    worked = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What worked with your students"
    )
    change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What you would change"
    )


class RoundForm(forms.Form):
    title = forms.CharField(max_length=120, help_text="e.g. Trust pulse, spring.")
    opens_on = forms.DateField(label="Opens on", widget=DATE)
    closes_on = forms.DateField(label="Closes on", widget=DATE)


class PulseForm(forms.Form):
    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        statements = dict(QUESTIONS)
        for key in keys:
            self.fields[key] = forms.TypedChoiceField(
                label=statements.get(key, key),
                coerce=int,
                widget=forms.RadioSelect,
                choices=list(SCALE.items()),
            )


class CabinetForm(ExplainsEmptyChoices, forms.Form):
    host: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        queryset=District.objects.none(),
        label="Kept by",
        empty_label=None,
        help_text="The member district whose councils pages keep the cabinet's meetings and votes.",
    )
    name = forms.CharField(max_length=160)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    empty_choices = {
        "host": EmptyChoice(
            "No member district of yours to keep it", "a district joins the network first"
        )
    }

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["host"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hosts


class CouncilForm(ExplainsEmptyChoices, forms.Form):
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        queryset=Body.objects.none(), label="Council", empty_label=None
    )

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name")
        self.empty_choices = {"body": missing(Addable.COUNCIL_BODIES, "No councils yet")}
