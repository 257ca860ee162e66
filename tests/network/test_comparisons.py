"""Comparisons across districts: only what each district shares, only aggregates, and no
count under 10 people, directly or through a total."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from lattice.network import actions
from lattice.network.comparisons import as_csv, compare
from lattice.network.models import Measure
from lattice.roles import actions as roles_actions
from tests.cast import _person

ON = dt.date(2026, 3, 1)


@pytest.fixture
def big_alder(cast: Any) -> Any:
    """Thirty more teachers at Alder this year; twelve of them mentors, three coaches."""
    mentor = roles_actions.install_template(None, cast.district, "iowa-mentor", activate=True)
    coach = roles_actions.install_template(None, cast.district, "coach", activate=True)
    for n in range(30):
        staff, _ = _person(cast.district, f"B{n:03}", f"Bea{n}", "Teacher", cast.alder, [cast.year])
        if n < 12:
            roles_actions.assign_role(None, mentor, staff, cast.year)
        elif n < 15:
            roles_actions.assign_role(None, coach, staff, cast.year)
    actions.save_sharing(None, cast.network, cast.district, set(Measure.values))
    return cast


def test_a_district_that_shares_nothing_shows_not_shared_never_zero(big_alder: Any) -> None:
    result = compare(big_alder.network, ON)
    southport = next(r for r in result.leaders_per_100 if r.district == "Southport City Schools")
    assert southport.value is None
    assert southport.why_not == "not shared"
    assert result.role_types.not_shared == ("Southport City Schools",)


def test_leaders_per_100_teachers_counts_role_holders_among_teachers(big_alder: Any) -> None:
    result = compare(big_alder.network, ON)
    northfield = next(r for r in result.leaders_per_100 if r.district.startswith("Northfield"))
    teachers = 30 + 3  # the cast's Ada, Ben and Rae teach too
    assert northfield.value == (Decimal(15) * 100 / teachers).quantize(Decimal("0.1"))


def test_the_three_coaches_are_suppressed_and_so_is_their_complement(big_alder: Any) -> None:
    result = compare(big_alder.network, ON)
    rows = dict((name, (cells, total)) for name, cells, total in result.role_types.rows())
    cells, total = rows["Northfield Public Schools"]
    columns = result.role_types.columns
    assert cells[columns.index("Instructional coach")] is None
    # 15 holders in all, 12 mentors shown would give the 3 coaches away: one more is hidden
    assert total is None or cells[columns.index("Mentor teacher")] is None


def test_a_district_with_fewer_than_ten_teachers_shows_no_rate(cast: Any) -> None:
    actions.save_sharing(None, cast.network, cast.district, set(Measure.values))
    result = compare(cast.network, ON)
    northfield = next(r for r in result.leaders_per_100 if r.district.startswith("Northfield"))
    assert northfield.value is None
    assert northfield.why_not == "fewer than 10 people"


def test_the_csv_holds_the_same_suppressed_cells_as_the_page(big_alder: Any) -> None:
    text = as_csv(compare(big_alder.network, ON))
    assert "Instructional coach,,suppressed" in text
    assert "Southport City Schools,,,not shared" in text
    assert "Bea" not in text  # no names, ever


def test_the_comparison_page_charts_and_never_names_anyone(big_alder: Any, client_for: Any) -> None:
    page = client_for("other_officer").get("/network/river-valley/compare/").content.decode()
    assert "<svg" in page
    assert "not shared" in page
    assert "Bea0" not in page
    assert "Ada" not in page
