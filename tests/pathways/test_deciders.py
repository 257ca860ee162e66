"""Whoever decides a pathway application never reviews it, and no reviewer decides it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from lattice.notifications.models import Notification
from lattice.pathways import actions
from tests.cast import Cast
from tests.pathways.world import World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(build_world)]


@pytest.fixture
def world(cast: Cast) -> World:
    return build_world(cast)


def _scored(cast: Cast, world: World) -> None:
    actions.assign_reviewer(
        cast.user("officer"), world.application, cast.teacher_other_school_staff
    )
    for reviewer in (cast.reviewer_staff, cast.teacher_other_school_staff):
        assignment = world.application.reviews.get(reviewer=reviewer)
        actions.submit_review(
            reviewer.user, assignment, scores=dict.fromkeys(world.cohort.domains, 3), comments="."
        )


def test_a_reviewer_of_the_application_cannot_decide_it(cast: Cast, world: World) -> None:
    _scored(cast, world)
    with pytest.raises(ValidationError, match="cannot also decide it"):
        actions.decide_application(cast.user("reviewer"), world.application)
    world.application.refresh_from_db()
    assert world.application.status == "scored"


def test_the_person_seating_reviewers_cannot_seat_themselves(cast: Cast, world: World) -> None:
    with pytest.raises(ValidationError, match="whoever decides never reviews"):
        actions.assign_reviewer(
            cast.teacher_other_school_staff.user,
            world.application,
            cast.teacher_other_school_staff,
        )


def test_a_reviewer_seated_on_an_application_is_told(cast: Cast, world: World) -> Any:
    note = Notification.objects.filter(
        user=cast.user("reviewer"), kind="pathways.review_assigned"
    ).get()
    assert note.link.startswith("/pathways/reviews/")
