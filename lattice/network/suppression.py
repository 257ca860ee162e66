"""Small-number suppression of a table of counts, with complementary suppression.

A cell counting fewer than ``SMALL_NUMBER`` (10) people is hidden: a count of 3 mentors in a
district is a count of three people a colleague can name. Hiding it is not enough when the
row's or the column's total is shown: total minus the shown cells gives it back. So, in every
row and column (totals included as cells of their line) that holds exactly one hidden cell,
the smallest other cell is hidden too, until no line has a lone hidden cell. This is the
primary + complementary suppression of statistical agencies (e.g. the US Department of
Education's guidance on disclosure avoidance, NCES Statistical Standard 4-2).

Pure Python on lists of ints; no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALL_NUMBER = 10


@dataclass(frozen=True)
class Suppressed:
    """The table with row and column totals, and which cells, totals and grand total hide."""

    cells: tuple[tuple[int, ...], ...]
    hidden: tuple[tuple[bool, ...], ...]
    row_totals: tuple[int, ...]
    row_total_hidden: tuple[bool, ...]
    column_totals: tuple[int, ...]
    column_total_hidden: tuple[bool, ...]
    total: int
    total_hidden: bool

    def shown(self, row: int, column: int) -> int | None:
        """The cell's count, or None where it is hidden."""
        return None if self.hidden[row][column] else self.cells[row][column]


def is_small(count: int, threshold: int = SMALL_NUMBER) -> bool:
    """Whether a count of people must not be shown (1 to 9; none is no one to pick out)."""
    return 0 < count < threshold


def suppress_table(rows: list[list[int]], threshold: int = SMALL_NUMBER) -> Suppressed:
    """Suppress ``rows`` (a rectangular table of counts of people) with its margins.

    The table is extended by a totals column and a totals row; primary suppression hides each
    small count anywhere; then, repeatedly, any line (a row with its total, or a column with
    its total) with exactly one hidden cell hides its smallest shown cell, preferring inner
    cells to totals and a non-zero count to a zero, until every line has none or several.
    """
    if not rows:
        return Suppressed((), (), (), (), (), (), 0, False)
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise ValueError("every row of the table needs the same number of cells")
    if any(c < 0 for r in rows for c in r):
        raise ValueError("a count of people cannot be negative")
    n = len(rows)
    # the extended grid: (n + 1) x (width + 1), last row and column the totals
    grid = [[*r, sum(r)] for r in rows]
    grid.append([sum(r[j] for r in rows) for j in range(width)] + [sum(map(sum, rows))])
    hide = [[is_small(c, threshold) for c in row] for row in grid]

    def lines() -> list[list[tuple[int, int]]]:
        out = [[(i, j) for j in range(width + 1)] for i in range(n + 1)]
        out += [[(i, j) for i in range(n + 1)] for j in range(width + 1)]
        return out

    changed = True
    while changed:
        changed = False
        for line in lines():
            if sum(hide[i][j] for i, j in line) != 1:
                continue
            candidates = [(i, j) for i, j in line if not hide[i][j]]
            if not candidates:
                continue
            i, j = min(
                candidates,
                key=lambda c: (c[0] == n or c[1] == width, grid[c[0]][c[1]] == 0, grid[c[0]][c[1]]),
            )
            hide[i][j] = True
            changed = True
    return Suppressed(
        cells=tuple(tuple(r[:width]) for r in grid[:n]),
        hidden=tuple(tuple(h[:width]) for h in hide[:n]),
        row_totals=tuple(r[width] for r in grid[:n]),
        row_total_hidden=tuple(h[width] for h in hide[:n]),
        column_totals=tuple(grid[n][:width]),
        column_total_hidden=tuple(hide[n][:width]),
        total=grid[n][width],
        total_hidden=hide[n][width],
    )
