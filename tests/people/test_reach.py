"""Reach providers: apps give a staff member a principal's reach over colleagues through a
registry (lattice.people.reach); the people app reads no other app's models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lattice.people import reach
from lattice.people.access import scope_for, staff_visible_to
from lattice.people.models import Assignment
from tests.cast import Cast

pytestmark = pytest.mark.django_db


def _fresh(user: Any) -> Any:
    return get_user_model().objects.get(pk=user.pk)


def test_the_roles_app_registers_the_reach_of_evaluating_roles() -> None:
    assert [p.key for p in reach.providers()] == ["roles.evaluating"]


def test_a_registered_provider_gives_its_school_years_and_no_more(cast: Cast, monkeypatch) -> None:
    """A provider granting Rae the reach of her own teaching years at Birch: she sees Birch's
    teachers of those years, as a principal would, and still no other school's."""

    def own_teaching(staff_id: int, today: dt.date) -> Any:
        return Assignment.objects.filter(staff_member_id=staff_id)

    monkeypatch.setattr(reach, "_providers", {})
    reach.register(reach.ReachProvider("test.own-teaching", own_teaching))
    scope = scope_for(_fresh(cast.user("reviewer")))
    visible = set(staff_visible_to(_fresh(cast.user("reviewer"))))
    assert (cast.birch.pk, cast.year.pk) in scope.evaluated_school_years
    assert not scope.is_principal
    assert cast.teacher_other_school_staff in visible
    assert cast.teacher_staff not in visible


def test_without_a_provider_nobody_gains_reach(cast: Cast, monkeypatch) -> None:
    """Rae holds an evaluating role, but with no provider registered the people app grants
    her nothing: it reads no roles model itself."""
    from lattice.roles import actions
    from lattice.roles.models import PeerRelation, RoleAssignment, RoleStatus

    role = actions.save_role(
        None, cast.district, key="evaluator", title="Secondary evaluator", role_type="lead",
        purpose="Evaluate colleagues.", duties="Observe lessons",
        peer_relation=PeerRelation.EVALUATES, status=RoleStatus.ACTIVE,
    )  # fmt: skip
    held = actions.assign_role(None, role, cast.reviewer_staff, cast.year)
    today = timezone.localdate()
    RoleAssignment.objects.filter(pk=held.pk).update(
        starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=30)
    )
    assert scope_for(_fresh(cast.user("reviewer"))).evaluated_school_years
    monkeypatch.setattr(reach, "_providers", {})
    assert scope_for(_fresh(cast.user("reviewer"))).evaluated_school_years == frozenset()
