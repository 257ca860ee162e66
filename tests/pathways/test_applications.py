"""Applications to move pathway: windows, independent reviews, reconciliation, decisions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from lattice.pathways import actions
from lattice.pathways.access import applications_visible_to
from lattice.pathways.models import Decision
from lattice.pathways.queries import standing_for
from lattice.people.queries import today
from tests.cast import Cast
from tests.pathways.world import World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world.with_args(build_world)]


@pytest.fixture
def world(cast: Cast) -> World:
    return build_world(cast)


def _score(cast: Cast, world: World, reviewer: Any, value: int) -> None:
    assignment = world.application.reviews.get(reviewer=reviewer)
    scores = dict.fromkeys(world.cohort.domains, value)
    actions.submit_review(reviewer.user, assignment, scores=scores, comments="Strong profile.")


def _second_reviewer(cast: Cast, world: World) -> Any:
    actions.assign_reviewer(cast.user("officer"), world.application,
                            cast.teacher_other_school_staff)  # fmt: skip
    return cast.teacher_other_school_staff


def test_two_agreeing_reviews_above_the_cut_move_the_teacher_to_model(
    cast: Cast, world: World
) -> None:
    _score(cast, world, cast.reviewer_staff, 3)
    _score(cast, world, _second_reviewer(cast, world), 3)
    world.application.refresh_from_db()
    assert (world.application.status, world.application.final_score) == ("scored", Decimal("12"))
    actions.decide_application(cast.user("officer"), world.application, feedback="Well done")
    standing = standing_for(cast.teacher_staff).standing
    assert standing is not None
    assert standing.standing_label == "Model interval 1"
    assert Decision.objects.get(staff_member=cast.teacher_staff).kind == "peer_review_passed"


def test_one_review_is_not_enough_to_decide(cast: Cast, world: World) -> None:
    _score(cast, world, cast.reviewer_staff, 4)
    with pytest.raises(ValidationError, match="2 independent reviews"):
        actions.decide_application(cast.user("officer"), world.application)


def test_reviewers_who_disagree_beyond_the_margin_send_it_to_reconciliation(
    cast: Cast, world: World
) -> None:
    _score(cast, world, cast.reviewer_staff, 4)
    _score(cast, world, _second_reviewer(cast, world), 2)
    world.application.refresh_from_db()
    assert world.application.status == "reconcile"
    actions.reconcile_application(
        cast.user("officer"), world.application, score=Decimal("11"), note="Panel met"
    )
    actions.decide_application(cast.user("officer"), world.application)
    world.application.refresh_from_db()
    assert world.application.status == "not_passed"
    assert Decision.objects.get().kind == "peer_review_failed"


def test_a_reviewer_from_the_applicants_school_is_never_assigned(cast: Cast, world: World) -> None:
    from lattice.people import actions as people_actions

    alder_teacher, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N1009", given_name="Al", family_name="Same"
    )
    people_actions.add_assignment(None, alder_teacher, school=cast.alder, school_year=cast.year,
                                  position="teacher")  # fmt: skip
    actions.add_panel_member(cast.user("officer"), cast.district, alder_teacher)
    with pytest.raises(ValidationError, match="works at the applicant's school"):
        actions.assign_reviewer(cast.user("officer"), world.application, alder_teacher)


def test_only_panel_members_review(cast: Cast, world: World) -> None:
    with pytest.raises(ValidationError, match="not on the review panel"):
        actions.assign_reviewer(cast.user("officer"), world.application,
                                cast.other_principal_staff)  # fmt: skip


def test_a_reviewer_who_declares_a_conflict_no_longer_sees_the_application(
    cast: Cast, world: World
) -> None:
    actions.declare_conflict(cast.user("reviewer"), world.review, note="I mentored her")
    assert not applications_visible_to(cast.user("reviewer")).exists()
    with pytest.raises(ValidationError, match="conflict of interest"):
        _score(cast, world, cast.reviewer_staff, 4)


def test_principals_see_no_applications_even_at_their_own_school(cast: Cast, world: World) -> None:
    assert not applications_visible_to(cast.user("principal")).exists()
    assert not applications_visible_to(cast.user("other_principal")).exists()


def test_scores_outside_the_rubric_are_refused(cast: Cast, world: World) -> None:
    with pytest.raises(ValidationError, match="from 1 to 4"):
        _score(cast, world, cast.reviewer_staff, 5)


def test_an_appeal_can_be_lodged_once(cast: Cast, world: World) -> None:
    _score(cast, world, cast.reviewer_staff, 2)
    _score(cast, world, _second_reviewer(cast, world), 2)
    actions.decide_application(cast.user("officer"), world.application)
    actions.lodge_appeal(cast.user("teacher"), world.application, text="The video was missed")
    with pytest.raises(ValidationError, match="appealed once"):
        actions.lodge_appeal(cast.user("teacher"), world.application, text="Again")


def test_an_upheld_appeal_moves_the_teacher(cast: Cast, world: World) -> None:
    _score(cast, world, cast.reviewer_staff, 2)
    _score(cast, world, _second_reviewer(cast, world), 2)
    actions.decide_application(cast.user("officer"), world.application)
    actions.lodge_appeal(cast.user("teacher"), world.application, text="The video was missed")
    actions.decide_appeal(cast.user("officer"), world.application, upheld=True,
                          outcome="The panel re-scored the lesson video")  # fmt: skip
    standing = standing_for(cast.teacher_staff).standing
    assert standing is not None
    assert standing.pathway == "model"


def test_registration_outside_the_window_is_refused(cast: Cast, world: World) -> None:
    late = today() + dt.timedelta(days=60)
    with pytest.raises(ValidationError, match="Registration for Model cohort 1 is open"):
        actions.register_application(cast.user("reviewer"), cast.reviewer_staff, world.cohort,
                                     on=late)  # fmt: skip


def test_a_teacher_on_another_pathway_cannot_register(cast: Cast, world: World) -> None:
    with pytest.raises(ValidationError, match="another pathway; you are on Standard"):
        actions.register_application(cast.user("reviewer"), cast.reviewer_staff, world.cohort)


def test_a_profile_needs_an_artifact_in_every_domain(cast: Cast, world: World) -> None:
    staff = cast.teacher_other_school_staff
    actions.record_starting_placement(cast.user("officer"), staff, on=dt.date(2024, 7, 1),
                                      pathway="professional")  # fmt: skip
    actions.recompute_standing(staff, reason="test")
    application = actions.register_application(staff.user, staff, world.cohort)
    with pytest.raises(ValidationError, match="Add at least one artifact in: Learner"):
        actions.submit_application(staff.user, application)


def test_a_reviewer_reads_which_end_of_the_rubric_scale_is_which() -> None:
    from lattice.pathways.forms import ReviewForm

    form = ReviewForm(domains=["Leading adults"], top=4)
    labels = [label for _, label in form.fields["score_0"].choices]
    assert labels == ["1 (lowest)", "2", "3", "4 (highest)"]
