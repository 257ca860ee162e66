"""Small-number suppression: no shown cell counts 1 to 9 people, and no hidden cell can be
worked out from the cells and totals shown beside it.

"Worked out" is checked the way a reader with a solver would: for each hidden cell, the
smallest and the largest count it could hold given every shown number, every row and column
summing to its total and no count below zero (a linear programme, solved by scipy, which is
independent of the suppression's own reasoning). A hidden cell is protected when the two
differ.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lattice.lib.suppression import (
    Suppressed,
    suppress_column,
    suppress_line,
    suppress_table,
)
from tests.disclosure import solvable_cells


def _grid(t: Suppressed) -> tuple[list[list[int]], list[list[bool]]]:
    n = len(t.cells)
    grid = [[*t.cells[i], t.row_totals[i]] for i in range(n)]
    grid.append([*t.column_totals, t.total])
    hidden = [[*t.hidden[i], t.row_total_hidden[i]] for i in range(n)]
    hidden.append([*t.column_total_hidden, t.total_hidden])
    return grid, hidden


def assert_protected(t: Suppressed, *, zeros_disclose: bool = False) -> None:
    """No shown cell or total is a small number and no hidden one can be solved for."""
    grid, hidden = _grid(t)
    floor = 0 if zeros_disclose else 1
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if not hidden[i][j]:
                assert not floor <= value < 10, (i, j, value)
    assert solvable_cells(grid, hidden) == []


def test_a_count_under_ten_is_hidden_and_so_is_its_complement_in_the_row() -> None:
    t = suppress_table([[40, 3, 25], [30, 20, 50]])
    assert t.hidden[0][1]
    # 40 + 25 + row total 68 would give the 3 back: the next smallest cell of the row hides too
    assert t.hidden[0][2]
    # and in the column of the 3, the other district's 20 hides, so the column total cannot
    # reveal it
    assert t.hidden[1][1]
    assert_protected(t)


def test_the_total_cannot_reveal_a_lone_hidden_cell() -> None:
    assert_protected(suppress_table([[12, 5], [30, 40]]))


def test_a_table_without_small_counts_is_shown_whole() -> None:
    t = suppress_table([[12, 15], [30, 0]])
    assert not any(any(r) for r in t.hidden)
    assert t.total == 57
    assert not t.total_hidden


def test_a_district_with_fewer_than_ten_in_all_hides_its_total() -> None:
    t = suppress_table([[4, 3], [30, 40]])
    assert t.row_total_hidden[0]
    assert t.hidden[0][0]
    assert t.hidden[0][1]
    assert_protected(t)


def test_zero_is_shown_in_a_count_of_heads_because_it_picks_out_nobody() -> None:
    t = suppress_table([[0, 25], [30, 40]])
    assert t.shown(0, 0) == 0


def test_zero_hides_in_a_distribution_of_a_confidential_attribute() -> None:
    line = suppress_line([0, 3, 40, 50], zeros_disclose=True)
    assert line.cells[0] is None  # "0 rated Ineffective" would speak for all 93
    assert line.cells[1] is None


def test_hidden_zeros_alone_are_not_hidden_at_all_so_a_count_hides_with_them() -> None:
    # 0 + 0 hidden beside 30, 20 and the total 50 would still read "both 0"
    line = suppress_line([0, 0, 30, 20], zeros_disclose=True)
    assert line.cells == (None, None, 30, None)
    assert line.total == 50


def test_a_zero_beside_a_small_count_cannot_give_it_back() -> None:
    # the row: 0, <10 and a known total revealed the small cell
    line = suppress_line([0, 4, 46], zeros_disclose=True)
    assert line.cells[1] is None
    assert sum(c is None for c in line.cells) >= 2
    assert 4 not in line.cells


@pytest.mark.parametrize(
    ("rows", "zeros_disclose"),
    [
        # Found by a search of random tables: each line's hidden cells came two or more, yet
        # a solver put exact counts on some of them. The last pass hides one more cell.
        ([[30, 12, 0, 12], [1, 12, 1, 0], [5, 12, 45, 12], [0, 3, 45, 5]], False),
        ([[0, 0, 5, 8], [3, 3, 20, 30], [20, 20, 0, 30], [3, 0, 8, 5]], False),
        ([[0, 0, 30], [8, 1, 30]], True),
    ],
)
def test_two_hidden_cells_a_line_is_not_always_enough(
    rows: list[list[int]], zeros_disclose: bool
) -> None:
    assert_protected(
        suppress_table(rows, zeros_disclose=zeros_disclose), zeros_disclose=zeros_disclose
    )


def test_a_one_column_table_hides_a_small_district_and_one_more() -> None:
    column = suppress_column([120, 3, 45, 60])
    assert column.cells[1] is None
    assert column.cells[2] is None  # the smallest other, so the network total cannot tell
    assert column.total == 228


@pytest.mark.parametrize("counts", [[4], [4, 5], [0, 0], [9, 0, 0]])
def test_a_small_whole_hides_with_its_parts(counts: list[int]) -> None:
    line = suppress_line(counts, zeros_disclose=True)
    assert line.total is None
    assert all(c is None for c in line.cells)


_tables = st.integers(1, 4).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 60), min_size=w, max_size=w), min_size=1,
                       max_size=5)
)  # fmt: skip


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100)
@given(_tables)
def test_no_shown_cell_is_a_small_number_and_no_hidden_cell_can_be_solved(rows) -> None:  # type: ignore[no-untyped-def]
    assert_protected(suppress_table(rows))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100)
@given(_tables)
def test_with_zeros_disclosing_no_shown_cell_is_under_ten_and_none_can_be_solved(rows) -> None:  # type: ignore[no-untyped-def]
    assert_protected(suppress_table(rows, zeros_disclose=True), zeros_disclose=True)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=50)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=8))
def test_a_small_grid_of_small_counts_is_protected_too(counts: list[int]) -> None:  # type: ignore[no-untyped-def]
    assert_protected(suppress_table([counts, counts[::-1]], zeros_disclose=True),
                     zeros_disclose=True)  # fmt: skip
