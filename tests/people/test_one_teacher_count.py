"""One teacher count: every page that shows how many teachers the demo district (or one of
its schools) has this school year shows the same number, from one definition — an active
staff member with a teaching assignment that year (``lattice.people.queries.teaching``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lattice.network.comparisons import figures
from lattice.people.models import Assignment, District, StaffMember
from lattice.people.queries import current_school_year, teacher_count, today
from tests.cast import sign_in
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


def _client(username: str) -> Client:
    client = Client(HTTP_HOST="testserver")
    sign_in(client, get_user_model().objects.get(username=username))  # code entered too
    return client


def test_the_district_overview_the_roles_dashboard_and_the_network_pages_agree(
    demo: District,
) -> None:
    year = current_school_year(demo)
    assert year is not None
    count = teacher_count(demo, year)
    assert count > 0
    office = _client("officer")
    overview = office.get("/district/").context
    dashboard = office.get("/roles/dashboard/").context["d"]
    network = _client("network").get("/network/").context["sections"][0]["overview"].districts
    assert overview["totals"]["teachers"] == count
    assert dashboard.teachers == count
    assert next(r.teachers for r in network if r.district_name == demo.name) == count
    assert demo.network is not None
    assert figures(demo.network, demo, today()).teachers == count


def test_each_schools_count_is_the_same_on_the_overview_and_the_roles_dashboard(
    demo: District,
) -> None:
    year = current_school_year(demo)
    assert year is not None
    office = _client("officer")
    overview = {s.pk: s.teachers for s in office.get("/district/").context["schools"]}
    dashboard = {
        r.school.pk: r.teachers for r in office.get("/roles/dashboard/").context["d"].schools
    }
    assert overview == dashboard
    for school in demo.schools.all():
        assert overview[school.pk] == teacher_count(demo, year, school)


def test_a_teacher_who_left_or_a_principal_is_not_counted(demo: District) -> None:
    year = current_school_year(demo)
    assert year is not None
    counted = set(
        Assignment.objects.filter(school__district=demo, school_year=year)
        .filter(position__in=["teacher", "instructional_coach"], staff_member__active=True)
        .values_list("staff_member_id", flat=True)
    )
    assert teacher_count(demo, year) == len(counted)
    assert not StaffMember.objects.filter(pk__in=counted, active=False).exists()
