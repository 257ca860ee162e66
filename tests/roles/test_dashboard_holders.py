"""The coverage dashboard counts every role holder, whatever their position: a librarian who
holds a role is a holder, is paid and costs coverage like a teacher; the ratios still divide
by the teacher count, the district page's, and the page says so."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from lattice.people import actions as people_actions
from lattice.people.models import Position, StaffMember
from lattice.people.queries import teacher_count
from lattice.roles import actions, queries
from lattice.roles.models import LeadershipRole
from tests.cast import Cast
from tests.roles.world import today, world

pytestmark = pytest.mark.django_db


def _librarian_leads(cast: Cast) -> tuple[StaffMember, LeadershipRole]:
    """Lena, Alder's librarian, holds the council role, which the district opened to
    librarians."""
    council = world(cast).council
    LeadershipRole.objects.filter(pk=council.pk).update(
        eligible_positions=[Position.TEACHER, Position.LIBRARIAN]
    )
    council.refresh_from_db()
    lena, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N2030", given_name="Lena", family_name="Library"
    )
    people_actions.add_assignment(
        None, lena, school=cast.alder, school_year=cast.year, position=Position.LIBRARIAN
    )
    actions.assign_role(None, council, lena, cast.year)
    return lena, council


def test_a_librarian_holding_a_role_counts_as_a_role_holder_and_costs_her_stipend(
    cast: Cast,
) -> None:
    world(cast)
    before = queries.dashboard(cast.district, cast.year, today())
    _, council = _librarian_leads(cast)
    d = queries.dashboard(cast.district, cast.year, today())
    assert (d.in_roles, d.teachers_in_roles, d.others_in_roles) == (
        before.in_roles + 1,
        before.in_roles,
        1,
    )
    assert d.cost.supplements == before.cost.supplements + council.stipend_dollars
    alder = next(r for r in d.schools if r.school == cast.alder)
    was = next(r for r in before.schools if r.school == cast.alder)
    assert (alder.in_roles, alder.teachers) == (was.in_roles + 1, was.teachers)
    by_type = {label: count for label, count, _, _ in d.by_type}
    assert by_type[council.get_role_type_display()] >= 1


def test_the_ratios_still_divide_by_the_district_pages_teacher_count(cast: Cast) -> None:
    _librarian_leads(cast)
    d = queries.dashboard(cast.district, cast.year, today())
    assert d.teachers == teacher_count(cast.district, cast.year)
    assert d.share == Decimal(d.in_roles) / d.teachers


def test_the_dashboard_page_names_the_holders_beyond_the_classroom(
    cast: Cast, client_for: Any
) -> None:
    _librarian_leads(cast)
    d = queries.dashboard(cast.district, cast.year, today())
    html = client_for("officer").get(f"/roles/dashboard/?year={cast.year.label}").content.decode()
    assert f"{d.in_roles} / {d.teachers}" in html
    assert f"role holders / teachers ({d.per_hundred} per 100 teachers)" in html
    assert (
        f"{d.teachers_in_roles} teacher{'s' if d.teachers_in_roles != 1 else ''} and 1 other "
        "staff (librarians, nurses, specialists…) hold a role" in html
    )
    assert "Role holders per 100 teachers, " in html
