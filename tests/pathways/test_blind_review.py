"""Blind peer review: a reviewer sees only their own scores until the application is decided,
so no reviewer can work out a co-reviewer's total from the panel's result."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.pathways import actions
from tests.cast import Cast
from tests.pathways.world import World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(build_world)]


@pytest.fixture
def world(cast: Cast) -> World:
    world = build_world(cast)
    actions.assign_reviewer(
        cast.user("officer"), world.application, cast.teacher_other_school_staff
    )
    domains = list(world.cohort.domains)
    rae = dict.fromkeys(domains, 4)  # her total: 4 a domain
    ben = {**rae, domains[0]: 3}  # one point less: close enough to agree
    for reviewer, scores in [(cast.reviewer_staff, rae), (cast.teacher_other_school_staff, ben)]:
        assignment = world.application.reviews.get(reviewer=reviewer)
        actions.submit_review(reviewer.user, assignment, scores=scores, comments="Seen.")
    world.application.refresh_from_db()
    return world


def _page(client_for: Any, persona: str, world: World) -> str:
    return (
        client_for(persona).get(f"/pathways/applications/{world.application.pk}/").content.decode()
    )


def test_a_reviewer_sees_neither_the_final_score_nor_the_other_reviewers_total(
    cast: Cast, world: World, client_for: Any
) -> None:
    domains = len(world.cohort.domains)
    assert world.application.final_score is not None
    page = _page(client_for, "reviewer", world)
    assert f"score {world.application.final_score:g}" not in page
    assert f'<td class="num">{3 * domains}</td>' not in page  # Ben's total
    assert f'<td class="num">{4 * domains}</td>' in page  # her own
    assert world.application.get_status_display() not in page
    assert "Under review" in page


def test_the_talent_office_sees_the_final_score_before_deciding(
    cast: Cast, world: World, client_for: Any
) -> None:
    page = _page(client_for, "officer", world)
    assert f"score {world.application.final_score:g}" in page


def test_once_decided_the_reviewer_sees_the_result(
    cast: Cast, world: World, client_for: Any
) -> None:
    actions.decide_application(cast.user("officer"), world.application, feedback="")
    world.application.refresh_from_db()
    page = _page(client_for, "reviewer", world)
    assert f"score {world.application.final_score:g}" in page
