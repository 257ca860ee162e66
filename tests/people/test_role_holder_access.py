"""A leadership role's peer relation drives what its holder may see (issue 7).

Rae Reviewer teaches at Birch. Holding a role that *evaluates* peers there (Wareham's secondary
evaluator), she sees Birch's teachers as a principal would for the role's year; holding one
that only *supports* them (New Bedford's confidential coaching), she sees no one.

``assign_role`` copies the school year's dates into the term; the cast's years are fixed, so
each test sets the term around today (or in the past) to not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from lattice.people import actions as people_actions
from lattice.people.access import (
    assignments_visible_to,
    ratings_visible_to,
    scope_for,
    staff_visible_to,
)
from lattice.people.models import Position
from lattice.roles import actions
from lattice.roles.models import LeadershipRole, PeerRelation, RoleAssignment, RoleStatus
from tests.cast import Cast

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _set_term(held: RoleAssignment, starts_on: dt.date, ends_on: dt.date) -> None:
    RoleAssignment.objects.filter(pk=held.pk).update(starts_on=starts_on, ends_on=ends_on)


def _fresh(user: Any) -> Any:
    """The user read again, so the scope cached on the object is resolved anew."""
    return get_user_model().objects.get(pk=user.pk)


def _evaluator_role(cast: Cast) -> LeadershipRole:
    return actions.save_role(
        None,
        cast.district,
        key="secondary-evaluator",
        title="Secondary evaluator",
        role_type="lead",
        purpose="Evaluate colleagues alongside the principal and support their growth.",
        duties="Observe lessons\nWrite evaluation reports",
        peer_relation=PeerRelation.EVALUATES,
        status=RoleStatus.ACTIVE,
    )


def _hold(cast: Cast, role: LeadershipRole, *, active: bool = True) -> RoleAssignment:
    """Rae holds ``role`` at Birch (her home school) for 2025-26, in force today or ended."""
    held = actions.assign_role(None, role, cast.reviewer_staff, cast.year)
    t = _today()
    if active:
        _set_term(held, t - dt.timedelta(days=30), t + dt.timedelta(days=30))
    else:
        _set_term(held, t - dt.timedelta(days=400), t - dt.timedelta(days=1))
    return held


@pytest.fixture
def ben_last_year(cast: Cast) -> None:
    """Ben also taught at Birch in 2024-25 and was rated Developing that year."""
    ben = cast.teacher_other_school_staff
    people_actions.add_assignment(
        None, ben, school=cast.birch, school_year=cast.last_year, position=Position.TEACHER
    )
    people_actions.record_rating(None, ben, cast.last_year, "Developing")


@pytest.fixture
def evaluator(cast: Cast, ben_last_year: None) -> RoleAssignment:
    return _hold(cast, _evaluator_role(cast))


# --- evaluating roles ----------------------------------------------------------------------


def test_an_evaluating_holder_is_given_their_roles_school_and_year(
    cast: Cast, evaluator: RoleAssignment
) -> None:
    scope = scope_for(_fresh(cast.user("reviewer")))
    assert evaluator.school == cast.birch
    assert scope.evaluated_school_years == {(cast.birch.pk, cast.year.pk)}
    assert scope.persona.key == "teacher"
    assert not scope.is_principal


def test_an_evaluating_holder_opens_a_colleagues_page_with_this_years_rating(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    ben = cast.teacher_other_school_staff
    response = client_for("reviewer").get(f"/staff/{ben.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ben" in page
    assert "Highly Effective" in page
    assert "Developing" not in page


def test_an_evaluating_holder_reads_only_the_roles_years_ratings_and_assignments(
    cast: Cast, evaluator: RoleAssignment
) -> None:
    rae, ben = cast.user("reviewer"), cast.teacher_other_school_staff
    ratings = list(ratings_visible_to(rae, ben))
    assert [(r.school_year, r.label) for r in ratings] == [(cast.year, "Highly Effective")]
    assignments = list(assignments_visible_to(rae, ben))
    assert [(a.school, a.school_year) for a in assignments] == [(cast.birch, cast.year)]


def test_an_evaluating_holder_does_not_see_another_schools_teacher(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    ada = cast.teacher_staff
    assert client_for("reviewer").get(f"/staff/{ada.pk}/").status_code == 404
    assert not ratings_visible_to(cast.user("reviewer"), ada).exists()


def test_an_evaluating_holder_does_not_see_the_principal(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    olive = cast.other_principal_staff
    assert client_for("reviewer").get(f"/staff/{olive.pk}/").status_code == 404


def test_an_evaluating_holder_gets_no_school_page_and_no_directory(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    client = client_for("reviewer")
    assert client.get(f"/schools/{cast.birch.pk}/").status_code == 404
    assert client.get("/staff/").status_code == 404


def test_access_ends_with_the_roles_term(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    t = _today()
    _set_term(evaluator, t - dt.timedelta(days=400), t - dt.timedelta(days=1))
    ben = cast.teacher_other_school_staff
    assert client_for("reviewer").get(f"/staff/{ben.pk}/").status_code == 404
    assert not ratings_visible_to(_fresh(cast.user("reviewer")), ben).exists()


def test_a_term_that_has_not_started_gives_no_access(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    t = _today()
    _set_term(evaluator, t + dt.timedelta(days=1), t + dt.timedelta(days=200))
    ben = cast.teacher_other_school_staff
    assert client_for("reviewer").get(f"/staff/{ben.pk}/").status_code == 404


def test_access_follows_the_role_when_it_stops_evaluating(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    actions.save_role(None, cast.district, evaluator.role, peer_relation=PeerRelation.SUPPORTS)
    ben = cast.teacher_other_school_staff
    assert client_for("reviewer").get(f"/staff/{ben.pk}/").status_code == 404


def test_resolving_the_roles_costs_one_query(
    cast: Cast, evaluator: RoleAssignment, django_assert_num_queries: Any
) -> None:
    plain = _fresh(cast.user("teacher"))
    holder = _fresh(cast.user("reviewer"))
    with django_assert_num_queries(1):  # grants, staff record, led and evaluated: one UNION
        scope_for(plain)
    with django_assert_num_queries(1):
        scope_for(holder)


# --- supporting roles ----------------------------------------------------------------------


def test_a_coach_sees_no_colleague_and_no_rating(
    cast: Cast, ben_last_year: None, client_for: Callable[[str], Client]
) -> None:
    coach = actions.install_template(None, cast.district, "coach", activate=True)
    assert coach.peer_relation == PeerRelation.SUPPORTS
    _hold(cast, coach)
    rae = _fresh(cast.user("reviewer"))
    assert scope_for(rae).evaluated_school_years == frozenset()
    assert set(staff_visible_to(rae)) == {cast.reviewer_staff}
    for colleague in (cast.teacher_other_school_staff, cast.teacher_staff):
        assert client_for("reviewer").get(f"/staff/{colleague.pk}/").status_code == 404
        assert not ratings_visible_to(rae, colleague).exists()
        assert not assignments_visible_to(rae, colleague).exists()


# --- everyone else is unchanged ----------------------------------------------------------


def test_principals_keep_their_reach_while_a_teacher_evaluates(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    ben = cast.teacher_other_school_staff
    olive, pat = cast.user("other_principal"), cast.user("principal")
    assert {r.label for r in ratings_visible_to(olive, ben)} == {"Highly Effective", "Developing"}
    assert client_for("other_principal").get(f"/staff/{ben.pk}/").status_code == 200
    assert client_for("principal").get(f"/staff/{ben.pk}/").status_code == 404
    assert not ratings_visible_to(pat, ben).exists()


def test_officers_keep_their_reach_while_a_teacher_evaluates(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    ben = cast.teacher_other_school_staff
    assert ratings_visible_to(cast.user("officer"), ben).count() == 2
    assert client_for("officer").get(f"/staff/{ben.pk}/").status_code == 200
    assert client_for("other_officer").get(f"/staff/{ben.pk}/").status_code == 404


def test_other_teachers_still_see_only_themselves(
    cast: Cast, evaluator: RoleAssignment, client_for: Callable[[str], Client]
) -> None:
    ben = cast.teacher_other_school_staff
    assert set(staff_visible_to(cast.user("teacher"))) == {cast.teacher_staff}
    assert client_for("teacher").get(f"/staff/{ben.pk}/").status_code == 404
