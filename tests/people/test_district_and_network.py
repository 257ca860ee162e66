"""The talent office's district overview and the network office's aggregates."""

from __future__ import annotations

from decimal import Decimal

from lattice.people import actions
from lattice.people.models import Position
from lattice.people.queries import suppress


def test_district_page_lists_every_school_with_this_years_headcounts(cast, client_for):
    response = client_for("officer").get("/district/")
    schools = {s.name: s for s in response.context["schools"]}
    assert set(schools) == {"Alder Elementary", "Birch Middle"}
    assert schools["Alder Elementary"].teachers == 1  # Ada; Pat is the principal
    assert schools["Alder Elementary"].staff_count == 2
    assert schools["Birch Middle"].teachers == 2  # Ben and Rae
    assert schools["Birch Middle"].teacher_fte == Decimal("2.00")
    assert schools["Alder Elementary"].level_label == "Elementary"
    assert schools["Alder Elementary"].title_i is True
    assert schools["Alder Elementary"].principal_names == ["Pat Principal"]


def test_district_page_draws_a_bar_per_school(cast, client_for):
    page = client_for("officer").get("/district/").content.decode()
    assert 'role="img" aria-labelledby="teachers-chart-title teachers-chart-desc"' in page
    assert page.count('class="chart-bar"') == 2
    assert "Alder Elementary: 1" in page  # the chart's text alternative


def test_district_page_summarises_by_level(cast, client_for):
    levels = {row.label: row for row in client_for("officer").get("/district/").context["levels"]}
    assert levels["Elementary"].schools == 1
    assert levels["Middle"].teachers == 2


def test_other_officer_sees_only_their_own_district(cast, client_for):
    response = client_for("other_officer").get("/district/")
    assert response.context["district"] == cast.other_district
    assert [s.name for s in response.context["schools"]] == ["Harbor High"]
    # asking for another district by key falls back to their own
    again = client_for("other_officer").get("/district/", {"district": "northfield"})
    assert again.context["district"] == cast.other_district


def test_network_page_shows_small_counts_as_under_ten(cast, client_for):
    page = client_for("network_officer").get("/network/").content.decode()
    assert "Northfield Public Schools" in page
    assert "Southport City Schools" in page
    assert "&lt;10" in page
    assert ">3<" not in page  # Northfield's three teachers are not shown exactly


def test_network_page_never_links_to_a_person_or_names_one(cast, client_for):
    page = client_for("network_officer").get("/network/").content.decode()
    assert "/staff/" not in page
    assert "/schools/" not in page
    for name in ("Ada", "Teacher, Ada", "Faraway", "Pat Principal"):
        assert name not in page


def test_network_page_shows_rating_shares_once_counts_are_large_enough(cast, client_for):
    for n in range(40):
        staff, _ = actions.save_staff_member(
            None,
            cast.district,
            employee_id=f"R{n:03d}",
            given_name="Rated",
            family_name=f"Person{n}",
        )
        actions.add_assignment(
            None, staff, school=cast.birch, school_year=cast.year, position=Position.TEACHER
        )
        actions.record_rating(None, staff, cast.year, "Effective" if n < 28 else "Highly Effective")
    response = client_for("network_officer").get("/network/")
    northfield = next(
        r
        for r in response.context["sections"][0]["rows"]
        if r.district_name == "Northfield Public Schools"
    )
    shares = {r.label: r for r in northfield.ratings}
    assert northfield.rated == 42  # Ada, Ben and the forty
    assert shares["Effective"].count == 29
    assert not shares["Effective"].suppressed
    assert shares["Highly Effective"].count == 13
    assert shares["Developing"].count == 0
    assert not shares["Developing"].suppressed
    assert "69%" in response.content.decode()  # 29 of 42


def test_suppression_hides_counts_under_ten():
    assert suppress([0, 3, 40, 50]) == [False, True, True, False]


def test_suppression_hides_a_second_cell_when_only_one_would_be_hidden():
    # 3 alone could be worked out from the total, so the next smallest (40) hides too
    assert suppress([3, 40, 50]) == [True, True, False]


def test_suppression_hides_everything_when_the_total_is_small():
    assert suppress([2, 3, 0]) == [True, True, False]
