"""The talent office's district overview and the network office's aggregates."""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

from lattice.people import actions
from lattice.people.models import Position
from tests.disclosure import column_as_grid, line_as_grid, solvable_cells


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


def test_network_page_suppresses_small_counts_and_their_complements(cast, client_for):
    page = client_for("network_officer").get("/network/").content.decode()
    assert "Northfield Public Schools" in page
    assert "Southport City Schools" in page
    assert "suppressed" in page
    assert "fewer than 10 people" in page  # the page says why, in words
    # Northfield's three teachers, Southport's one, and the network's four: all hidden
    districts = _tables(page)[0]
    assert [row[3] for row in districts[1:]] == ["suppressed"] * 3


def test_network_page_never_links_to_a_person_or_names_one(cast, client_for):
    page = client_for("network_officer").get("/network/").content.decode()
    assert "/staff/" not in page
    assert "/schools/" not in page
    for name in ("Ada", "Teacher, Ada", "Faraway", "Pat Principal"):
        assert name not in page


def _add_rated_teachers(cast, how_many: int, rating_of) -> None:  # type: ignore[no-untyped-def]
    for n in range(how_many):
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
        actions.record_rating(None, staff, cast.year, rating_of(n))


class _Tables(HTMLParser):
    """The page's tables as lists of rows of cell texts (header cells included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def _shown(text: str) -> int | None:
    return None if text == "suppressed" else int(text.replace(",", ""))


def _assert_page_protects_every_count(page: str) -> None:
    """On the rendered page: no count of people under 10 shows (in the rating tables, no 0
    either), and a solver given every shown number cannot pin any suppressed count."""
    districts, *ratings = _tables(page)
    body, total = districts[1:-1], districts[-1]
    for column in (3, 4):  # active teachers, principals (schools are not people)
        cells = [_shown(row[column]) for row in body]
        network = _shown(total[column])
        assert all(c is None or not 0 < c < 10 for c in [*cells, network])
        assert solvable_cells(*column_as_grid(cells, network)) == []
    for table in ratings:
        cells = [_shown(row[1]) for row in table[1:-1]]
        rated = _shown(table[-1][1])
        assert all(c is None or c >= 10 for c in [*cells, rated])
        assert solvable_cells(*line_as_grid(cells, rated)) == []


def test_network_page_shows_rating_shares_once_counts_are_large_enough(cast, client_for):
    _add_rated_teachers(cast, 40, lambda n: "Effective" if n < 28 else "Highly Effective")
    response = client_for("network_officer").get("/network/")
    overview = response.context["sections"][0]["overview"]
    northfield = next(r for r in overview.ratings if r.district_name == "Northfield Public Schools")
    cells = {c.label: c for c in northfield.cells}
    assert northfield.rated == 42  # Ada, Ben and the forty
    assert cells["Effective"].count == 29
    assert "69%" in response.content.decode()  # 29 of 42
    # "0 rated Ineffective" and "0 Developing" would speak for all 42; hidden, and so is the
    # 13 Highly Effective, or the hidden ones would sum to 42 - 29 - 13 = 0
    assert cells["Ineffective"].count is None
    assert cells["Developing"].count is None
    assert cells["Highly Effective"].count is None
    assert cells["Highly Effective"].share is None
    _assert_page_protects_every_count(response.content.decode())


def test_a_small_rating_beside_a_zero_and_a_known_total_stays_hidden(cast, client_for):
    # the case: 0 Ineffective, 4 Developing, the rest Effective and the total shown
    _add_rated_teachers(cast, 44, lambda n: "Developing" if n < 4 else "Effective")
    page = client_for("network_officer").get("/network/").content.decode()
    northfield = _tables(page)[1]  # the rating tables follow the districts, by name
    developing = next(row for row in northfield if row[0] == "Developing")
    assert developing[1] == "suppressed"
    assert ">4<" not in page
    _assert_page_protects_every_count(page)


def test_a_small_district_hides_a_second_one_so_the_network_total_cannot_tell(cast, client_for):
    _add_rated_teachers(cast, 40, lambda n: "Effective")
    response = client_for("network_officer").get("/network/")
    overview = response.context["sections"][0]["overview"]
    by_name = {d.district_name: d for d in overview.districts}
    assert by_name["Southport City Schools"].teachers is None  # one teacher
    assert by_name["Northfield Public Schools"].teachers is None  # its complement
    assert overview.teachers == 44
    page = response.content.decode()
    # the chart draws no bar for a suppressed count, only the word
    assert page.count('class="chart-bar"') == 0
    assert "Southport City Schools: suppressed" in page
    _assert_page_protects_every_count(page)


def test_the_number_of_schools_is_shown_exactly_for_schools_are_not_people(cast, client_for):
    page = client_for("network_officer").get("/network/").content.decode()
    districts = _tables(page)[0]
    assert [row[2] for row in districts[1:]] == ["2", "1", "3"]
