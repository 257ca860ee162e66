"""Loading the demo network into the database: history, log-ins, idempotence, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Count, ProtectedError, Sum
from django.test import Client

from lattice.audit.models import AuditEntry
from lattice.demo.load import DemoExists, load_demo, reset_demo
from lattice.demo.personas import DEMO_PASSWORD, demo_logins
from lattice.people import actions
from lattice.people.access import scope_for
from lattice.people.models import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    District,
    RatingRecord,
    SchoolYear,
    StaffMember,
)
from tests.demo.helpers import SMALL, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> object:
    return load_demo(SMALL)


def _maplewood_years() -> list[SchoolYear]:
    return list(SchoolYear.objects.filter(district__key="maplewood").order_by("start"))


def test_it_ends_with_the_school_year_containing_today(demo: object) -> None:
    assert [y.label for y in _maplewood_years()] == ["2024-25", "2025-26", "2026-27"]
    assert _maplewood_years()[-1].contains(TODAY)


def test_new_teachers_are_hired_every_year(demo: object) -> None:
    for year in _maplewood_years()[1:]:
        hired = StaffMember.objects.filter(
            district__key="maplewood", hire_date__range=(year.start, year.end)
        )
        assert hired.exists(), year


def test_people_who_left_are_inactive_and_have_no_current_assignment(demo: object) -> None:
    current = _maplewood_years()[-1]
    left = StaffMember.objects.filter(district__key="maplewood", active=False)
    assert left.count() > 10
    assert not Assignment.objects.filter(staff_member__in=left, school_year=current).exists()
    assert Assignment.objects.filter(staff_member__in=left).exists()


def test_a_hybrid_role_is_a_teacher_and_a_coach_assignment_in_one_year(demo: object) -> None:
    coach = Assignment.objects.filter(position="instructional_coach").first()
    assert coach is not None
    both = Assignment.objects.filter(staff_member=coach.staff_member, school_year=coach.school_year)
    assert sorted(both.values_list("position", flat=True)) == ["instructional_coach", "teacher"]
    assert both.aggregate(total=Sum("fte"))["total"] == Decimal("1.00")


def test_every_school_has_one_principal_each_year(demo: object) -> None:
    per_school_year = (
        Assignment.objects.filter(position="principal")
        .values("school", "school_year")
        .annotate(n=Count("id"))
    )
    assert per_school_year
    assert all(row["n"] == 1 for row in per_school_year)


def test_ratings_exist_for_finished_years_only(demo: object) -> None:
    *finished, current = _maplewood_years()
    assert not RatingRecord.objects.filter(school_year=current).exists()
    for year in finished:
        assert RatingRecord.objects.filter(school_year=year).count() > 100


def test_degrees_credits_and_certificates_accumulate(demo: object) -> None:
    window_start = _maplewood_years()[0].start
    assert Degree.objects.filter(level="masters", conferred_on__gte=window_start).exists()
    assert (
        CreditRecord.objects.filter(earned_on__gte=window_start, earned_on__lte=TODAY).count() > 20
    )
    assert not CreditRecord.objects.filter(earned_on__gt=TODAY).exists()
    active = StaffMember.objects.filter(active=True)
    assert all(
        Degree.objects.filter(staff_member=s, level="bachelors").exists() for s in active[:50]
    )
    certificates = Certificate.objects.filter(staff_member__in=active)
    assert certificates.filter(expires__range=(TODAY, TODAY + dt.timedelta(days=365))).exists()
    assert certificates.filter(issued__gt=window_start).exists()


def test_each_persona_logs_in_with_the_demo_password_and_lands_in_scope(demo: object) -> None:
    logins = {row["persona"]: row for row in demo_logins()}
    assert {"teacher", "principal", "officer", "officer2", "network", "admin"} <= set(logins)
    from django.contrib.auth import get_user_model

    user = {u.username: u for u in get_user_model().objects.all()}
    assert all(user[row["username"]].check_password(DEMO_PASSWORD) for row in logins.values())
    response = Client().post("/accounts/login/", {"login": "teacher", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    teacher, principal = scope_for(user["teacher"]), scope_for(user["principal"])
    assert teacher.persona.key == "teacher"
    assert principal.persona.key == "principal"
    teacher_school = (
        Assignment.objects.filter(staff_member_id=teacher.own_staff_id)
        .latest("school_year__start")
        .school_id
    )
    assert teacher_school in principal.led_school_ids
    officer = scope_for(user["officer"])
    assert officer.officer_district_ids == {District.objects.get(key="maplewood").pk}
    assert scope_for(user["network"]).persona.key == "network"
    assert scope_for(user["admin"]).is_superuser


def test_the_teacher_persona_has_a_rich_history(demo: object) -> None:
    staff = StaffMember.objects.get(user__username="teacher")
    assert staff.ratings.count() == 2
    assert staff.assignments.values("school_year").distinct().count() == 3
    assert staff.certificates.exists()
    assert staff.degrees.exists()


def test_loading_twice_adds_nothing(demo: object) -> None:
    before = (StaffMember.objects.count(), Assignment.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DemoExists):
        load_demo(SMALL)
    after = (StaffMember.objects.count(), Assignment.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_one_audit_entry_records_the_generation_with_its_counts(demo: object) -> None:
    entry = AuditEntry.objects.get(action="demo.network.generate")
    assert AuditEntry.objects.count() == 1
    assert entry.after["rows"]["people.StaffMember"] == StaffMember.objects.count()
    assert entry.after["rows"]["people.RatingRecord"] == RatingRecord.objects.count()
    assert entry.after["seed"] == SMALL.seed
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_reset_then_load_gives_the_same_people_again(demo: object) -> None:
    names = list(
        StaffMember.objects.order_by("employee_id").values_list(
            "employee_id", "given_name", "family_name", "hire_date"
        )
    )
    reset_demo()
    assert not District.objects.exists()
    assert AuditEntry.objects.filter(action="demo.network.remove").exists()
    load_demo(SMALL)
    again = list(
        StaffMember.objects.order_by("employee_id").values_list(
            "employee_id", "given_name", "family_name", "hire_date"
        )
    )
    assert again == names
    load_demo_other = dataclasses.replace(SMALL, seed=99)
    reset_demo()
    load_demo(load_demo_other)
    assert (
        list(
            StaffMember.objects.order_by("employee_id").values_list(
                "employee_id", "given_name", "family_name", "hire_date"
            )
        )
        != names
    )


def test_reset_refuses_when_the_audit_log_refers_to_demo_people(demo: object) -> None:
    staff = StaffMember.objects.filter(active=True).first()
    actions.deactivate_staff_member(None, staff, reason="left the district")
    with pytest.raises(ProtectedError):
        reset_demo()
    assert StaffMember.objects.filter(pk=staff.pk).exists()
