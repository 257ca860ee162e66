"""Teach to Lead: an idea gathers a team across districts, a logic model, an action plan,
critical friends' feedback and progress reports; names show to the team, not to the network."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.network import actions
from lattice.network.models import IdeaStatus, PlanStep
from lattice.network.models.ideas import TeamRole
from tests.network.world import world


def test_an_idea_moves_from_posted_to_under_way_as_the_team_works(cast: Any) -> None:
    idea = actions.post_idea(None, cast.teacher_staff, cast.network, title="T", summary="S")
    assert idea.status == IdeaStatus.IDEA
    lead = idea.team.get()
    assert lead.role == TeamRole.LEAD
    actions.join_team(None, idea, cast.other_district_teacher_staff)
    assert idea.status == IdeaStatus.TEAM
    actions.save_logic_model(None, idea, lead, problem="p", inputs="i", activities="a",
                             outputs="o", outcomes="c", measures="m")  # fmt: skip
    assert idea.status == IdeaStatus.MODEL
    actions.add_plan_step(None, idea, lead, description="Step", owner=lead,
                          due=dt.date(2026, 2, 1))  # fmt: skip
    assert idea.status == IdeaStatus.PLAN
    actions.give_feedback(None, idea, lead, text="First round held.")
    assert idea.status == IdeaStatus.UNDER_WAY


def test_a_team_forms_across_districts(cast: Any) -> None:
    w = world(cast)
    seat = actions.join_team(None, w.idea, cast.other_district_teacher_staff)
    assert seat.staff_member.district == cast.other_district


def test_a_critical_friend_gives_feedback_but_does_not_write_the_plan(cast: Any) -> None:
    w = world(cast)
    note = actions.give_feedback(None, w.idea, w.friend_seat, text="Measure early.")
    assert note.progress is False
    with pytest.raises(actions.NetworkError, match="only the idea's team"):
        actions.add_plan_step(None, w.idea, w.friend_seat, description="x", owner=w.lead_seat,
                              due=dt.date(2026, 2, 1))  # fmt: skip


def test_a_step_is_owned_by_a_team_member_not_a_friend(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(actions.NetworkError, match="owner"):
        actions.add_plan_step(None, w.idea, w.lead_seat, description="x", owner=w.friend_seat,
                              due=dt.date(2026, 2, 1))  # fmt: skip
    assert PlanStep.objects.filter(idea=w.idea).count() == 1


def test_nobody_joins_a_team_twice(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(actions.NetworkError, match="already on this team"):
        actions.join_team(None, w.idea, cast.teacher_other_school_staff)


def test_another_districts_staff_see_how_many_are_on_the_team_but_no_names(
    cast: Any, client_for: Any
) -> None:
    w = world(cast)
    page = client_for("other_officer").get(f"/network/river-valley/ideas/{w.idea.pk}/")
    text = page.content.decode()
    assert "Open classrooms" in text
    assert "2 on the team and 1 critical friend" in text
    assert "Ada" not in text
    assert "Rae" not in text


def test_the_team_sees_each_others_names(cast: Any, client_for: Any) -> None:
    w = world(cast)
    text = client_for("reviewer").get(f"/network/river-valley/ideas/{w.idea.pk}/").content.decode()
    assert "Ada Teacher" in text
    assert "Ben Other" in text


def test_a_teacher_posts_an_idea_from_the_page(cast: Any, client_for: Any) -> None:
    response = client_for("teacher_other_school").post(
        "/network/river-valley/ideas/", {"title": "Shared unit bank", "summary": "Pool units."}
    )
    assert response.status_code == 302
    assert "Shared unit bank" in client_for("principal").get(response["Location"]).content.decode()


def test_an_empty_idea_is_refused_with_the_field_named(cast: Any, client_for: Any) -> None:
    response = client_for("teacher").post(
        "/network/river-valley/ideas/", {"title": "", "summary": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_an_idea_becomes_a_role_proposal_for_the_principal_through_the_roles_app(
    cast: Any,
) -> None:
    from lattice.roles.models import RoleProposal

    w = world(cast)
    actions.save_logic_model(None, w.idea, w.lead_seat, activities="Visit rounds",
                             measures="Share who tried something new")  # fmt: skip
    proposal = actions.propose_role_from_idea(None, w.idea, w.lead_seat, on=dt.date(2026, 3, 1))
    assert RoleProposal.objects.get(pk=proposal.pk).school == cast.alder
    assert proposal.duties == "Agree the protocol"
    assert set(proposal.proposers.all()) == {cast.teacher_staff, cast.teacher_other_school_staff}
    assert w.idea.feedback.filter(
        progress=True, text__startswith="Proposed as a hybrid role"
    ).exists()


def test_an_idea_without_its_logic_model_is_not_proposed(cast: Any) -> None:
    w = world(cast)
    with pytest.raises(actions.NetworkError, match="write the problem, the activities"):
        actions.propose_role_from_idea(None, w.idea, w.lead_seat, on=dt.date(2026, 3, 1))
