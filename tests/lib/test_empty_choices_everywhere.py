"""Every drop-down of records in every form says what is missing when a new district has none,
so a new form cannot forget to.

The guard finds every form class in ``lattice/**/forms*.py`` with a model choice field and
requires a way to build it for a district with nothing in it yet (``BUILDERS``); forms whose
plain choice fields list a district's records are built here too. Each such field must be
named in the form's ``empty_choices``, and an empty one must show its sentence where the
shared field template draws it, with the link to where the missing thing is added for
someone who may open that page and the words instead for someone who may not.
"""

from __future__ import annotations

import html
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory

import lattice
from lattice.api.forms import TokenForm
from lattice.budgets import forms as budgets_forms
from lattice.budgets.models import BudgetScenario
from lattice.coaching import forms as coaching_forms
from lattice.coaching.models import CoachingProgram
from lattice.councils import forms as councils_forms
from lattice.councils.models import AgendaItem, Body
from lattice.lib.choices import ExplainsEmptyChoices, empty_choice_for, link_for
from lattice.lib.where_added import Addable, registered
from lattice.network import forms as network_forms
from lattice.network import forms_district
from lattice.network.models import Idea
from lattice.pathways.models import AdoptionDraft
from lattice.people import actions as people_actions
from lattice.people.models import District, Network, School, SchoolYear, StaffMember
from lattice.roles import forms as roles_forms
from lattice.roles.models import LeadershipRole
from tests.cast import Cast


class Empty:
    """A district with nothing in it yet, in a network of its own with nothing in it."""

    def __init__(self, cast: Cast) -> None:
        self.network = people_actions.create_network(None, key="empty-net", name="Empty network")
        self.district = people_actions.create_district(
            None, key="empty", name="Empty Unified", network=self.network
        )
        self.officer = cast.user("officer")
        self.idea = Idea.objects.create(
            network=self.network,
            district=self.district,
            posted_by=cast.teacher_staff,
            title="An idea nobody joined",
            summary="Nobody has joined its team yet.",
        )
        self.scenario = BudgetScenario.objects.create(
            district=self.district,
            name="A plan without sources",
            first_school_year=2027,
            budget_line=1_000_000,
            policy="adopted",
        )

    @property
    def staff(self) -> Any:
        return StaffMember.objects.filter(district=self.district)

    @property
    def schools(self) -> Any:
        return School.objects.filter(district=self.district)


Builder = Callable[[Empty], forms.BaseForm]

# How each form that picks a district's records is built for the empty district, with the
# querysets (or choice lists) its view builds, scoped to that district.
BUILDERS: dict[type[forms.BaseForm], Builder] = {
    TokenForm: lambda e: TokenForm(district=e.district, officer=e.officer),
    budgets_forms.PositionForm: lambda e: budgets_forms.PositionForm(scenario=e.scenario),
    budgets_forms.LeverForm: lambda e: budgets_forms.LeverForm(scenario=e.scenario),
    councils_forms.BodyForm: lambda e: councils_forms.BodyForm(
        schools=e.schools, bodies=Body.objects.filter(district=e.district)
    ),
    councils_forms.SeatForm: lambda e: councils_forms.SeatForm(schools=e.schools),
    councils_forms.AgendaItemForm: lambda e: councils_forms.AgendaItemForm(
        items=AgendaItem.objects.filter(meeting__body__district=e.district), people=e.staff
    ),
    councils_forms.DecisionForm: lambda e: councils_forms.DecisionForm(people=e.staff),
    councils_forms.ProposalForm: lambda e: councils_forms.ProposalForm(
        drafts=AdoptionDraft.objects.filter(district=e.district),
        roles=LeadershipRole.objects.filter(district=e.district),
    ),
    network_forms.JoinForm: lambda e: network_forms.JoinForm(
        networks=Network.objects.filter(pk__in=[]),
        districts=District.objects.filter(pk=e.district.pk, network__isnull=True),
    ),
    network_forms.PlanStepForm: lambda e: network_forms.PlanStepForm(idea=e.idea),
    network_forms.MaterialForm: lambda e: network_forms.MaterialForm(network=e.network),
    forms_district.TeamMemberForm: lambda e: forms_district.TeamMemberForm(district=e.district),
    forms_district.ReviewersForm: lambda e: forms_district.ReviewersForm(candidates=e.staff),
    forms_district.CabinetForm: lambda e: forms_district.CabinetForm(
        hosts=District.objects.filter(network=e.network, pk__in=[])
    ),
    forms_district.CouncilForm: lambda e: forms_district.CouncilForm(bodies=[]),
    roles_forms.PostingForm: lambda e: roles_forms.PostingForm(
        roles=LeadershipRole.objects.filter(district=e.district),
        schools=e.schools,
        years=SchoolYear.objects.filter(district=e.district),
        district_wide=True,
    ),
    roles_forms.SeatForm: lambda e: roles_forms.SeatForm(staff=e.staff),
    roles_forms.ProposalForm: lambda e: roles_forms.ProposalForm(
        schools=e.schools, colleagues=e.staff
    ),
    # Plain choice fields listing a district's records (the views pass lists of pairs).
    coaching_forms.ProgramForm: lambda e: coaching_forms.ProgramForm(roles=[]),
    coaching_forms.AssignForm: lambda e: coaching_forms.AssignForm(
        program=CoachingProgram(district=e.district), coaches=[], teachers=[]
    ),
    coaching_forms.CollaboratorForm: lambda e: coaching_forms.CollaboratorForm(people=[]),
    coaching_forms.EvaluatorForm: lambda e: coaching_forms.EvaluatorForm(people=[]),
}

# The plain choice fields above whose options are a district's records.
RECORD_CHOICES = {
    coaching_forms.ProgramForm: {"coach_role"},
    coaching_forms.AssignForm: {"coach", "teacher"},
    coaching_forms.CollaboratorForm: {"person"},
    coaching_forms.EvaluatorForm: {"evaluator", "teacher"},
}


def form_classes_with_model_choices() -> set[type[forms.BaseForm]]:
    """Every form class defined in a ``forms*.py`` module under lattice/ with a model choice
    field among its declared (or model) fields."""
    root = Path(lattice.__file__).parent
    found: set[type[forms.BaseForm]] = set()
    for path in sorted(root.rglob("forms*.py")):
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
                and any(
                    isinstance(f, forms.ModelChoiceField)
                    for f in getattr(value, "base_fields", {}).values()
                )
            ):
                found.add(value)
    return found


def record_fields(form: forms.BaseForm) -> list[str]:
    named = RECORD_CHOICES.get(type(form), set())
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField) or name in named
    ]


def shown(form: forms.BaseForm, name: str, user: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return html.unescape(
        render_to_string("shared/field.html", {"field": form[name], "request": request})
    )


def test_every_form_that_picks_records_is_built_by_this_guard() -> None:
    missing = sorted(
        f"{c.__module__}.{c.__name__}" for c in form_classes_with_model_choices() - set(BUILDERS)
    )
    assert not missing, (
        "These forms pick records but the guard cannot build them for an empty district; add "
        f"each to BUILDERS and name its model choice fields in empty_choices: {missing}"
    )


@pytest.mark.parametrize("form_class", list(BUILDERS), ids=lambda c: c.__name__)
def test_each_empty_record_select_says_what_is_missing(
    cast: Cast, form_class: type[forms.BaseForm]
) -> None:
    empty = Empty(cast)
    form = BUILDERS[form_class](empty)
    fields = record_fields(form)
    assert fields, f"{form_class.__name__} picks no records"
    assert isinstance(form, ExplainsEmptyChoices), (
        f"{form_class.__name__} must say what is missing: mix in ExplainsEmptyChoices"
    )
    unnamed = [name for name in fields if name not in form.empty_choices]
    assert not unnamed, f"{form_class.__name__}: name {unnamed} in empty_choices"
    for name in fields:
        sentence = empty_choice_for(form[name])
        if sentence is None:  # something to choose even in an empty district (the officer)
            continue
        assert sentence == form.empty_choices[name]
        page = shown(form, name, empty.officer)
        assert sentence.missing in page, f"{form_class.__name__}.{name} does not say so"
        url = link_for(sentence, empty.officer)
        if url:
            assert f'<a href="{url}">{sentence.link_text}</a>' in page


def test_the_empty_district_leaves_most_selects_empty(cast: Cast) -> None:
    """The guard is not vacuous: nearly every select it builds has nothing to choose."""
    empty = Empty(cast)
    counted = [
        empty_choice_for(form[name]) is not None
        for form in (build(empty) for build in BUILDERS.values())
        for name in record_fields(form)
    ]
    assert sum(counted) >= len(counted) - 1  # the token's owner can always be the officer


def test_schools_staff_and_councils_say_where_they_are_added() -> None:
    assert set(registered()) == set(Addable)


def test_someone_who_may_not_open_the_imports_page_reads_who_imports_the_roster(
    cast: Cast,
) -> None:
    empty = Empty(cast)
    form = roles_forms.ProposalForm(schools=empty.schools, colleagues=empty.staff)
    officer_sees = shown(form, "school", empty.officer)
    teacher_sees = shown(form, "school", cast.user("teacher"))
    assert '<a href="/imports/">the imports page</a>' in officer_sees
    assert "/imports/" not in teacher_sees
    assert "which the district's talent office imports" in teacher_sees
