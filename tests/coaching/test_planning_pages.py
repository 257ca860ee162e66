"""Readiness results and the feedback map on the persona cast."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lattice.coaching import actions, queries
from lattice.coaching.models import Approach
from lattice.coaching.readiness import STATEMENTS
from lattice.roles import actions as role_actions
from lattice.roles.models import LeadershipRole
from tests.cast import Cast
from tests.coaching.world import World, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Cast) -> World:
    return world(cast)


def test_results_aggregate_every_respondent_with_don_t_know_counted(w: World) -> None:
    results = queries.survey_results(w.survey)
    assert results.respondents == 2
    assert results.dont_know == 2
    assert [g.group for g in results.by_group] == ["principal", "teacher"]
    assert results.spread()["evaluators"] == 1.0


def test_the_principal_reads_the_results_and_a_teacher_only_their_answers(
    w: World, client_for: Callable[[str], Client]
) -> None:
    principal = client_for("principal").get(f"/coaching/readiness/{w.survey.pk}/")
    assert "Most ready for" in principal.content.decode()
    teacher = client_for("teacher").get(f"/coaching/readiness/{w.survey.pk}/").content.decode()
    assert "Most ready for" not in teacher
    assert "Your answers" in teacher


def test_an_answer_left_out_is_named_and_nothing_is_saved(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    data = {s.key: "2" for s in STATEMENTS[1:]} | {"group": "teacher"}
    response = client_for("teacher").post(f"/coaching/readiness/{w.survey.pk}/answer/", data)
    assert response.status_code == 200
    assert "Choose an answer, or" in response.content.decode()
    answers = w.survey.responses.get(respondent=cast.teacher_staff).answers
    assert answers.filter(value=2).count() == 0


def test_the_feedback_map_is_built_from_real_assignments_with_each_load(
    cast: Cast, w: World
) -> None:
    fmap = queries.feedback_map(cast.alder, cast.year)
    loads = {ld.person.pk: ld for ld in fmap.loads}
    pat, rae = loads[cast.principal_staff.pk], loads[cast.reviewer_staff.pk]
    assert (pat.evaluations_before, pat.evaluations_now) == (1, 0)
    assert (rae.evaluations_before, rae.evaluations_now) == (0, 1)
    assert fmap.teachers_without_summative == 0


def test_the_feedback_map_page_draws_the_map_and_the_loads(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    body = client_for("principal").get(f"/coaching/schools/{cast.alder.pk}/feedback/").content
    text = body.decode()
    assert 'id="feedback-map-t"' in text
    assert 'id="evaluator-load-t"' in text
    assert "Secondary evaluator" in text


def test_the_plan_costs_what_its_roles_cost_in_the_catalogue(w: World) -> None:
    summary = queries.plan_summary(w.plan)
    role = w.plan.steps.get(role__isnull=False).role
    (cost,) = summary.costs
    assert cost.cost.supplements == role.stipend_dollars * 2
    assert summary.total_cost == cost.cost.total > 0


def test_a_step_owner_marks_their_step_done_and_progress_follows(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    step = w.plan.steps.get(owner=cast.reviewer_staff)
    rae = client_for("reviewer")
    assert rae.post(f"/coaching/steps/{step.pk}/status/", {"status": "done"}).status_code == 302
    assert queries.plan_summary(w.plan).percent_done == 50
    page = rae.get(f"/coaching/plans/{w.plan.pk}/").content.decode()
    assert "50%" in page
    assert "Add a step" not in page


def test_the_principal_starts_a_plan_from_the_recommendation(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    w.plan.delete()
    response = client_for("principal").post(f"/coaching/readiness/{w.survey.pk}/plan/")
    plan = queries.Plan.objects.get(school=cast.alder, school_year=cast.year)
    assert response["Location"] == f"/coaching/plans/{plan.pk}/"
    recommended = queries.survey_results(w.survey).recommendation
    assert recommended is not None
    assert plan.approach == recommended.approach.key


def test_the_plan_s_evaluator_positions_lighten_the_principal_s_load(cast: Cast, w: World) -> None:
    role = role_actions.install_template(None, cast.district, "mentor", activate=True)
    LeadershipRole.objects.filter(pk=role.pk).update(peer_relation="evaluates")
    actions.add_step(
        None, w.plan, title="Post two secondary evaluators", due_on=cast.year.end,
        role=LeadershipRole.objects.get(pk=role.pk), positions=2,
    )  # fmt: skip
    pat = cast.principal_staff
    fmap = queries.FeedbackMap(
        cast.alder, cast.year, [],
        [queries.Edge(pat.pk, 1000 + i, Approach.PRINCIPAL, True) for i in range(7)],
        [queries.Load(pat, evaluations_before=7, evaluations_now=7)],
    )  # fmt: skip
    rows = queries.loads_after_plan(fmap, w.plan)
    assert [(r.before, r.now, r.after) for r in rows] == [(7, 7, 3), (0, 0, 2), (0, 0, 2)]
    assert rows[1].label.endswith("1 (planned)")
    assert queries.loads_after_plan(fmap, None)[0].after == 7


def test_the_feedback_map_page_shows_the_load_after_the_plan(
    cast: Cast, w: World, client_for: Callable[[str], Client]
) -> None:
    text = client_for("principal").get(f"/coaching/schools/{cast.alder.pk}/feedback/").content
    assert b"After the plan" in text
