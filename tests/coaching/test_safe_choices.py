"""The coaching pages' forms preselect nobody, leave out impossible picks, and say plainly
who reads what (review of issue #18)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from lattice.coaching import readiness
from lattice.coaching.models import ReadinessResponse
from lattice.coaching.readiness import DIMENSIONS, STATEMENTS
from lattice.people import actions as people_actions
from tests.cast import Cast
from tests.coaching.world import World, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Cast) -> World:
    return world(cast)


def _select(page: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert match, f"no select {name}"
    return match.group(1)


def test_the_match_form_preselects_nobody_and_leaves_out_teachers_already_matched(
    w: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("officer").get(f"/coaching/programs/{w.program.pk}/").content.decode()
    coaches, teachers = _select(page, "coach"), _select(page, "teacher")
    assert coaches.lstrip().startswith('<option value="" selected>Choose a coach…')
    assert teachers.lstrip().startswith('<option value="" selected>Choose a teacher…')
    assert str(w.ben_now.teacher) not in teachers  # Ben already has Rae this year


def test_the_evaluator_form_preselects_nobody_and_refuses_self_evaluation(
    w: World, cast: Cast, client_for: Callable[[str], Client]
) -> None:
    client = client_for("officer")
    page = client.get(f"/coaching/schools/{cast.alder.pk}/feedback/").content.decode()
    assert _select(page, "evaluator").lstrip().startswith('<option value="" selected>Choose')
    assert _select(page, "teacher").lstrip().startswith('<option value="" selected>Choose')
    from lattice.coaching.forms import EvaluatorForm

    me = cast.principal_staff.pk
    form = EvaluatorForm(
        {"evaluator": me, "teacher": me, "approach": "assistant_principal", "use": "summative"},
        people=[(me, "Pat Principal")],
    )
    assert not form.is_valid()
    assert "nobody evaluates themselves" in form.errors["teacher"][0]


def test_the_feedback_map_counts_one_teacher_in_the_singular(
    w: World, cast: Cast, client_for: Callable[[str], Client]
) -> None:
    page = client_for("officer").get(f"/coaching/schools/{cast.alder.pk}/feedback/")
    assert not re.search(r"\b1 teachers\b", page.content.decode())


def _alder_teacher_who_has_not_answered(cast: Cast) -> Client:
    staff = people_actions.save_staff_member(
        None, cast.district, employee_id="N1099", given_name="Uma", family_name="Union"
    )[0]
    people_actions.add_assignment(
        None, staff, school=cast.alder, school_year=cast.year, position="teacher"
    )
    user = people_actions.create_login(None, username="uma", password="x-Long-pass-1", staff=staff)
    client = Client()
    client.force_login(user)
    return client


def test_a_teacher_answers_as_a_teacher_or_for_the_union_but_never_as_a_principal(
    w: World, cast: Cast
) -> None:
    client = _alder_teacher_who_has_not_answered(cast)
    url = f"/coaching/readiness/{w.survey.pk}/answer/"
    form = client.get(url).content.decode()
    assert '<option value="teacher" selected>Teacher</option>' in form
    assert '<option value="union">Union representative</option>' in form
    assert 'value="principal"' not in form
    data = {s.key: "3" for s in STATEMENTS} | {"group": "principal"}
    refused = client.post(url, data)
    assert refused.status_code == 200  # the form again, with the choice refused
    assert ReadinessResponse.objects.filter(survey=w.survey).count() == 2  # the world's two
    client.post(url, data | {"group": "union"})
    assert list(ReadinessResponse.objects.filter(survey=w.survey, group="union")) != []
    again = client.get(url).content.decode()
    assert 'name="group"' not in again  # a later answer keeps the first one's group
    assert "You answer as: <strong>Union representative</strong>" in again


def test_a_teacher_who_answered_keeps_the_group_of_the_first_answer(
    w: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("teacher").get(f"/coaching/readiness/{w.survey.pk}/answer/").content
    assert 'name="group"' not in page.decode()
    assert "You answer as: <strong>Teacher</strong>" in page.decode()


def test_a_principal_answers_as_a_school_leader_with_no_choice(
    w: World, cast: Cast, client_for: Callable[[str], Client]
) -> None:
    form = client_for("principal").get(f"/coaching/readiness/{w.survey.pk}/answer/")
    page = form.content.decode()
    assert 'name="group"' not in page
    assert "You answer as: <strong>Principal or school leader</strong>" in page


def test_the_readiness_comparison_says_don_t_know_in_words(
    w: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("officer").get("/coaching/readiness/").content.decode()
    assert "?)" not in page
    assert "don't know" in page
    assert f"Answer: {w.survey}" in page


def test_a_tie_between_ready_approaches_is_explained() -> None:
    everyone_agrees = [(s.key, 4) for s in STATEMENTS] * 3
    recommendation = readiness.recommend(readiness.dimension_results(everyone_agrees))
    assert len(DIMENSIONS) == 6
    assert any("comes first because it is the most formal" in r for r in recommendation.reasons)


def test_the_pair_page_says_invited_colleagues_read_the_goal(
    w: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("teacher").get(f"/coaching/assignments/{w.ada_last_year.pk}/")
    text = page.content.decode()
    assert "Only you and" in text
    assert "colleagues you invite to a goal read that goal" in text
