"""Shared curriculum teams: a unit goes draft → peer review by teachers of other schools →
pilot → adopted, keeps every version, hears from teachers who taught it, and adoption enters
the team's year into each member's ledger as a role served (through the pathways app's
recorder, not a mock)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.network import actions
from lattice.network.models import UnitStatus
from lattice.pathways.models import Claim, ClaimKind, ClaimStatus

ON = dt.date(2026, 3, 2)
SCORES = {"alignment": 3, "coherence": 4, "rigor": 3, "supports": 3, "assessment": 4}


def _team(cast: Any) -> tuple[Any, Any]:
    team = actions.create_team(
        None, cast.district, subject="Mathematics", grade_band="3-5", purpose="", on=ON
    )
    lead = actions.add_team_member(None, team, cast.teacher_staff, lead=True, on=ON)
    return team, lead


def _unit(cast: Any) -> tuple[Any, Any]:
    team, lead = _team(cast)
    unit = actions.start_unit(
        None, team, lead, title="Fractions on the number line", goals="Place fractions.",
        outline="1. Halves. 2. Thirds.", assessment="Exit tickets.", on=ON,
    )  # fmt: skip
    return unit, lead


def _reviewed(cast: Any) -> tuple[Any, Any]:
    unit, lead = _unit(cast)
    asked = actions.ask_for_review(
        None, unit, lead, [cast.teacher_other_school_staff, cast.reviewer_staff], on=ON
    )
    for review in asked:
        actions.submit_review(
            None, review, review.reviewer, scores=SCORES, comments="Clear.", ready=True, on=ON
        )
    return unit, lead


def test_a_unit_moves_from_draft_through_review_and_pilot_to_adopted(cast: Any) -> None:
    unit, lead = _reviewed(cast)
    assert unit.status == UnitStatus.REVIEW
    actions.start_pilot(None, unit, lead)
    assert unit.status == UnitStatus.PILOT
    actions.report_teaching(
        None, unit, cast.teacher_other_school_staff, taught_on=ON, worked="Students argued.",
        on=ON,
    )  # fmt: skip
    actions.adopt_unit(None, unit, lead, on=ON)
    unit.refresh_from_db()
    assert (unit.status, unit.adopted_on) == (UnitStatus.ADOPTED, ON)


def test_reviewers_come_from_other_schools_than_the_writers(cast: Any) -> None:
    unit, lead = _unit(cast)
    with pytest.raises(actions.NetworkError, match="the writer's school"):
        actions.ask_for_review(
            None, unit, lead, [cast.principal_staff, cast.reviewer_staff], on=ON
        )  # Pat works at Alder, like Ada who wrote it
    unit.refresh_from_db()
    assert unit.status == UnitStatus.DRAFT
    assert not unit.versions.get().reviews.exists()


def test_a_review_scores_every_criterion_of_the_rubric(cast: Any) -> None:
    unit, lead = _unit(cast)
    review = actions.ask_for_review(
        None, unit, lead, [cast.teacher_other_school_staff, cast.reviewer_staff], on=ON
    )[0]
    with pytest.raises(actions.NetworkError, match="rigor"):
        actions.submit_review(
            None, review, review.reviewer, scores={**SCORES, "rigor": 7}, comments="x",
            ready=True, on=ON,
        )  # fmt: skip
    review.refresh_from_db()
    assert review.submitted_on is None


def test_a_unit_is_piloted_only_after_two_reviews_none_asking_for_revision(cast: Any) -> None:
    unit, lead = _unit(cast)
    first, second = actions.ask_for_review(
        None, unit, lead, [cast.teacher_other_school_staff, cast.reviewer_staff], on=ON
    )
    actions.submit_review(None, first, first.reviewer, scores=SCORES, comments="Good.",
                          ready=True, on=ON)  # fmt: skip
    with pytest.raises(actions.NetworkError, match="1 of the 2 reviews"):
        actions.start_pilot(None, unit, lead)
    actions.submit_review(None, second, second.reviewer, scores=SCORES, comments="Revise.",
                          ready=False, on=ON)  # fmt: skip
    with pytest.raises(actions.NetworkError, match="asked for a revision"):
        actions.start_pilot(None, unit, lead)


def test_a_new_version_keeps_the_old_one_and_its_reviews(cast: Any) -> None:
    unit, lead = _reviewed(cast)
    version = actions.revise_unit(
        None, unit, lead, goals="Place and compare fractions.", outline="1. Halves.",
        assessment="Exit tickets.", change_note="Reviewers asked for comparing.", on=ON,
    )  # fmt: skip
    assert version.number == 2
    assert list(unit.versions.values_list("number", flat=True)) == [1, 2]
    assert unit.versions.get(number=1).reviews.filter(submitted_on__isnull=False).count() == 2
    unit.refresh_from_db()
    assert unit.status == UnitStatus.DRAFT


def test_adoption_needs_feedback_from_a_teacher_who_taught_it(cast: Any) -> None:
    unit, lead = _reviewed(cast)
    actions.start_pilot(None, unit, lead)
    with pytest.raises(actions.NetworkError, match="who piloted"):
        actions.adopt_unit(None, unit, lead, on=ON)


def test_adoption_enters_each_members_year_into_their_ledger_once(cast: Any) -> None:
    unit, lead = _reviewed(cast)
    actions.start_pilot(None, unit, lead)
    actions.report_teaching(None, unit, cast.reviewer_staff, taught_on=ON, worked="Yes.", on=ON)
    actions.adopt_unit(None, unit, lead, on=ON)
    claims = Claim.objects.filter(staff_member=cast.teacher_staff, kind=ClaimKind.ROLE)
    assert [(c.title, c.status, c.completed) for c in claims] == [
        ("Shared curriculum team: Mathematics, grades 3-5", ClaimStatus.VERIFIED, cast.year.start)
    ]
    assert actions.record_service(None, unit.team, on=ON, reason="again") == []
    assert claims.count() == 1


def test_only_the_team_moves_its_units(cast: Any) -> None:
    unit, _ = _unit(cast)
    stranger = actions.seat_on(unit.team, cast.teacher_other_school_staff)
    with pytest.raises(actions.NetworkError, match="only the team's members"):
        actions.ask_for_review(
            None, unit, stranger, [cast.teacher_other_school_staff, cast.reviewer_staff], on=ON
        )


def test_the_unit_page_shows_reviews_to_the_district_and_404s_elsewhere(
    cast: Any, client_for: Any
) -> None:
    unit, _ = _reviewed(cast)
    page = client_for("teacher_other_school").get(f"/network/curriculum/units/{unit.pk}/")
    assert page.status_code == 200
    assert "Ready to pilot" in page.content.decode()
    assert (
        client_for("other_officer").get(f"/network/curriculum/units/{unit.pk}/").status_code == 404
    )
