"""Small-number suppression: no shown cell counts 1 to 9 people, and no hidden cell can be
worked out from the totals shown beside it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lattice.network.suppression import suppress_table


def _recoverable(t) -> bool:  # type: ignore[no-untyped-def]
    """Whether some hidden cell is the only hidden one of its row or column (totals counted as
    cells of their lines), so shown numbers would give it away."""
    n, width = len(t.cells), len(t.cells[0]) if t.cells else 0
    grid = [[*t.hidden[i], t.row_total_hidden[i]] for i in range(n)]
    grid.append([*t.column_total_hidden, t.total_hidden])
    rows = [sum(r) for r in grid]
    cols = [sum(grid[i][j] for i in range(n + 1)) for j in range(width + 1)]
    return any(c == 1 for c in rows + cols)


def test_a_count_under_ten_is_hidden_and_so_is_its_complement_in_the_row() -> None:
    t = suppress_table([[40, 3, 25], [30, 20, 50]])
    assert t.hidden[0][1]
    # 40 + 25 + row total 68 would give the 3 back: the next smallest cell of the row hides too
    assert t.hidden[0][2]
    # and in the column of the 3, the other district's 20 hides, so the column total cannot
    # reveal it
    assert t.hidden[1][1]


def test_the_total_cannot_reveal_a_lone_hidden_cell() -> None:
    t = suppress_table([[12, 5], [30, 40]])
    assert not _recoverable(t)


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


def test_zero_is_shown_because_it_picks_out_nobody() -> None:
    t = suppress_table([[0, 25], [30, 40]])
    assert t.shown(0, 0) == 0


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 4).flatmap(
        lambda w: st.lists(st.lists(st.integers(0, 60), min_size=w, max_size=w), min_size=1,
                           max_size=5)
    )
)  # fmt: skip
def test_no_shown_cell_is_a_small_number_and_no_hidden_cell_can_be_recovered(rows) -> None:  # type: ignore[no-untyped-def]
    t = suppress_table(rows)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if not t.hidden[i][j]:
                assert not 0 < value < 10
        if not t.row_total_hidden[i]:
            assert not 0 < t.row_totals[i] < 10
    assert not _recoverable(t)
