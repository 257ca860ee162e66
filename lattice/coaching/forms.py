"""Forms of the coaching pages: they check shape and say which field to fix; who may do what
is the actions' business."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from lattice.coaching.models import (
    CoachingProgram,
    Goal,
    GoalRight,
    InteractionKind,
    ReferralReason,
    RespondentGroup,
)
from lattice.coaching.models.evaluation import EVALUATIVE_APPROACHES, Approach, EvaluationAssignment
from lattice.coaching.readiness import DONT_KNOW, SCALE, STATEMENTS
from lattice.lib.choices import EmptyChoice, ExplainsEmptyChoices, missing
from lattice.lib.where_added import Addable
from lattice.people.models import Position


class ProgramForm(ExplainsEmptyChoices, forms.Form):
    name = forms.CharField(max_length=120)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    capacity = forms.ChoiceField(
        choices=[("coaching", "Coaching"), ("mentoring", "Mentoring")], initial="coaching"
    )
    coach_role = forms.TypedChoiceField(
        label="Coaches hold the role", coerce=int, choices=(),
        help_text="The leadership role (assigned in Leadership roles) whose holders coach.",
    )  # fmt: skip
    caseload_limit = forms.IntegerField(
        min_value=1, max_value=60, initial=8, help_text="Most teachers one coach works with."
    )
    eligible_positions = forms.MultipleChoiceField(
        label="Who may be coached",
        choices=Position.choices,
        initial=[Position.TEACHER, Position.INSTRUCTIONAL_COACH],
        widget=forms.CheckboxSelectMultiple,
        help_text="Any educators the district chooses, not only classroom teachers.",
    )
    referral_reasons = forms.MultipleChoiceField(
        label="How teachers come to the program",
        choices=ReferralReason.choices,
        initial=list(ReferralReason.values),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, roles: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["coach_role"].choices = roles  # type: ignore[attr-defined]
        self.empty_choices = {
            "coach_role": missing(Addable.LEADERSHIP_ROLES, "No leadership roles for coaches yet")
        }


def _not_future(day: dt.date) -> dt.date:
    if day > timezone.localdate():
        raise forms.ValidationError("Choose today or an earlier day.")
    return day


class AssignForm(ExplainsEmptyChoices, forms.Form):
    coach = forms.TypedChoiceField(coerce=int, choices=())
    teacher = forms.TypedChoiceField(coerce=int, choices=())
    reason = forms.ChoiceField(choices=ReferralReason.choices)
    focus = forms.CharField(max_length=120, help_text="What the coaching is about, in a phrase.")

    def __init__(
        self,
        *args: object,
        program: CoachingProgram,
        coaches: list[tuple[int, str]],
        teachers: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Nobody is preselected: one click must never match a person the officer did not pick.
        self.fields["coach"].choices = [("", "Choose a coach…"), *coaches]  # type: ignore[attr-defined]
        self.fields["teacher"].choices = [("", "Choose a teacher…"), *teachers]  # type: ignore[attr-defined]
        self.empty_choices = {
            "coach": EmptyChoice(
                "No coaches yet", "a coach is a holder of the program's coach role this year"
            ),
            "teacher": missing(Addable.STAFF, "No one the program may coach yet"),
        }
        reasons = dict(ReferralReason.choices)
        self.fields["reason"].choices = [(r, reasons[r]) for r in program.referral_reasons]  # type: ignore[attr-defined]


class RequestForm(forms.Form):
    focus = forms.CharField(max_length=120, label="What would you like support with?")
    message = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything your coach should know (only you and your coach read it)",
    )  # fmt: skip


class CycleForm(forms.Form):
    focus = forms.CharField(max_length=160, label="What this cycle works on")


class GoalForm(forms.Form):
    statement = forms.CharField(max_length=300, label="Goal")


class GoalEditForm(forms.Form):
    statement = forms.CharField(max_length=300, label="Goal")
    status = forms.ChoiceField(choices=Goal.Status.choices)


class CollaboratorForm(ExplainsEmptyChoices, forms.Form):
    """The teacher invites a colleague; reading is every collaborator's right, the other
    three are ticked one by one."""

    person = forms.TypedChoiceField(coerce=int, choices=(), label="Colleague")
    rights = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="They may also",
        choices=[(r.value, r.label) for r in GoalRight if r != GoalRight.VIEW],
        help_text="Every collaborator reads the goal and what is filed on it; untick all and "
        "choose 'Remove' to take someone off.",
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].choices = [("", "Choose a colleague"), *people]  # type: ignore[attr-defined]
        self.empty_choices = {"person": missing(Addable.STAFF, "No colleagues are recorded yet")}


class GoalFilingForm(forms.Form):
    kind = forms.ChoiceField(choices=())
    occurred_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    body = forms.CharField(label="What you file", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, kinds: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(choices=())
    occurred_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    body = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 4}))
    cycle = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, choices=())
    private = forms.BooleanField(
        required=False, label="Keep this private to me (the teacher will not see it)"
    )
    score = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None,
        choices=[("", "No score"), *[(k, f"{k} — {v}") for k, v in SCALE.items()]],
        help_text="A score stays private to you.",
    )  # fmt: skip

    def __init__(
        self,
        *args: object,
        kinds: tuple[str, ...],
        cycles: list[tuple[int, str]],
        is_coach: bool,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(InteractionKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in kinds]  # type: ignore[attr-defined]
        self.fields["cycle"].choices = [("", "Not in a cycle"), *cycles]  # type: ignore[attr-defined]
        if not is_coach:
            del self.fields["private"]
            del self.fields["score"]

    def clean_occurred_on(self) -> dt.date:
        return _not_future(self.cleaned_data["occurred_on"])


class EvaluationNoteForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (InteractionKind.OBSERVATION, "Observation"),
            (InteractionKind.CONVERSATION, "Conversation"),
            (InteractionKind.NOTE, "Note"),
        ]
    )
    occurred_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    body = forms.CharField(label="What you observed", widget=forms.Textarea(attrs={"rows": 4}))

    def clean_occurred_on(self) -> dt.date:
        return _not_future(self.cleaned_data["occurred_on"])


class EvaluatorForm(ExplainsEmptyChoices, forms.Form):
    evaluator = forms.TypedChoiceField(coerce=int, choices=())
    teacher = forms.TypedChoiceField(coerce=int, choices=())
    approach = forms.ChoiceField(
        choices=[(a.value, a.label) for a in EVALUATIVE_APPROACHES if a != Approach.PRINCIPAL]
    )
    use = forms.ChoiceField(
        choices=EvaluationAssignment.Use.choices, initial=EvaluationAssignment.Use.SUMMATIVE
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Empty first: a preselected pair would be the same person evaluating themselves.
        self.fields["evaluator"].choices = [("", "Choose an evaluator…"), *people]  # type: ignore[attr-defined]
        self.fields["teacher"].choices = [("", "Choose a teacher…"), *people]  # type: ignore[attr-defined]
        self.empty_choices = {
            "evaluator": missing(Addable.STAFF, "No staff yet"),
            "teacher": missing(Addable.STAFF, "No staff yet"),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("evaluator") is not None and data.get("evaluator") == data.get("teacher"):
            self.add_error(
                "teacher", "Choose someone other than the evaluator: nobody evaluates themselves."
            )
        return data


ANSWER_CHOICES = [*[(str(k), f"{k} — {v}") for k, v in SCALE.items()], ("dk", DONT_KNOW)]


class SurveyForm(forms.Form):
    """One radio group per statement; "don't know" is an answer, and every statement needs one.
    Whom one answers as comes from the person's position (a principal as a school leader, the
    talent office as the district office), so nobody can skew a leaders' group; a teacher
    alone may say they answer for the union, which Lattice's records do not hold
    (``groups`` lists what they may choose; one group is no choice and shows no field)."""

    def __init__(self, *args: object, groups: tuple[str, ...] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if len(groups) > 1:
            self.fields["group"] = forms.ChoiceField(
                label="You answer as",
                choices=[(g, RespondentGroup(g).label) for g in groups],
                initial=groups[0],
                help_text="Union representative only if you represent the union at your school.",
            )
        for s in STATEMENTS:
            self.fields[s.key] = forms.ChoiceField(
                label=s.text,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": 'Choose an answer, or "Don\'t know".'},
            )

    def group(self, fixed: str) -> str:
        """The group chosen, or ``fixed`` when there was no choice."""
        return str(self.cleaned_data.get("group") or fixed)

    def answers(self) -> dict[str, int | None]:
        return {
            s.key: None if self.cleaned_data[s.key] == "dk" else int(self.cleaned_data[s.key])
            for s in STATEMENTS
        }


class StepForm(forms.Form):
    title = forms.CharField(max_length=200, label="Step")
    owner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, choices=())
    due_on = forms.DateField(label="Due", widget=forms.DateInput(attrs={"type": "date"}))
    milestone = forms.BooleanField(required=False, label="This step is a milestone")
    measure = forms.CharField(
        max_length=200, required=False, label="Measure", help_text="How we will know it worked."
    )
    role = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, choices=(),
        label="Sets up the role", help_text="Its cost comes from the role catalogue.",
    )  # fmt: skip
    positions = forms.IntegerField(min_value=1, max_value=200, initial=1)
    program = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, choices=(), label="Sets up the program"
    )

    def __init__(
        self,
        *args: object,
        owners: list[tuple[int, str]],
        roles: list[tuple[int, str]],
        programs: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner"].choices = [("", "Nobody yet"), *owners]  # type: ignore[attr-defined]
        self.fields["role"].choices = [("", "No role"), *roles]  # type: ignore[attr-defined]
        self.fields["program"].choices = [("", "No program"), *programs]  # type: ignore[attr-defined]


class StepBodyForm(forms.Form):
    """The draft of the body a plan step forms: its name, kind and purpose (the kinds are the
    ones the app keeping bodies offers, through lattice.lib.plan_links)."""

    name = forms.CharField(max_length=160, help_text="e.g. Alder curriculum council")
    kind = forms.ChoiceField(choices=())
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="What it decides or recommends."
    )

    def __init__(self, *args: object, kinds: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class StepBodyLinkForm(forms.Form):
    """Which of the district's bodies a plan step links."""

    body = forms.TypedChoiceField(coerce=int, choices=(), label="Body")

    def __init__(self, *args: object, bodies: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["body"].choices = bodies  # type: ignore[attr-defined]
