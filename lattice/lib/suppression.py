"""Small-number suppression of a table of counts, with complementary suppression.

A cell counting fewer than ``SMALL_NUMBER`` (10) people is hidden: a count of 3 mentors in a
district is a count of three people a colleague can name. Hiding it is not enough when the
row's or the column's total is shown: total minus the shown cells gives it back. So, in every
row and column (totals included as cells of their line) that holds exactly one hidden cell,
the smallest other cell is hidden too, until no line has a lone hidden cell. This is the
primary + complementary suppression of statistical agencies (e.g. the US Department of
Education's guidance on disclosure avoidance, NCES Statistical Standard 4-2, and its SLDS
Technical Brief 3, "Statistical Methods for Protecting Personally Identifiable Information in
Aggregate Reporting").

Two lines with two hidden cells each can still give a cell back (a hidden cell joining two
otherwise separate groups of hidden cells, or hidden cells that must all be zero), so a last
pass solves the table as a reader would: from the shown cells, the sums and the fact that no
count is negative, and hides one more cell next to any hidden cell that still comes out
exactly (:func:`pinned`), until none does.

Zero. In a count of heads (how many coaches a district has) a 0 picks out nobody and is
shown. In a distribution of people over a confidential attribute of theirs (their evaluation
rating), a 0 is a statement about every person counted: "0 rated Ineffective" tells a reader
that no colleague in that district was, and it narrows the hidden cells beside it. Such
tables pass ``zeros_disclose=True`` and a 0 is hidden like a small number.

Pure Python on lists of ints; no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SMALL_NUMBER = 10

Cell = tuple[int, int]


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


@dataclass(frozen=True)
class SuppressedLine:
    """One list of counts and its total as a page may show them: None where hidden."""

    cells: tuple[int | None, ...]
    total: int | None


def is_small(count: int, threshold: int = SMALL_NUMBER, *, zeros_disclose: bool = False) -> bool:
    """Whether a count of people must not be shown (1 to 9; 0 too where ``zeros_disclose``)."""
    return (0 if zeros_disclose else 1) <= count < threshold


def suppress_table(
    rows: Sequence[Sequence[int]], threshold: int = SMALL_NUMBER, *, zeros_disclose: bool = False
) -> Suppressed:
    """Suppress ``rows`` (a rectangular table of counts of people) with its margins.

    The table is extended by a totals column and a totals row; primary suppression hides each
    small count anywhere; then, repeatedly, any line (a row with its total, or a column with
    its total) with exactly one hidden cell hides its smallest shown cell, preferring inner
    cells to totals and a non-zero count to a zero, until every line has none or several;
    then any hidden cell a reader could still solve for hides a neighbour too (:func:`pinned`).
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
    hide = [[is_small(c, threshold, zeros_disclose=zeros_disclose) for c in row] for row in grid]

    def rank(c: Cell) -> tuple[bool, bool, int]:
        return (c[0] == n or c[1] == width, grid[c[0]][c[1]] == 0, grid[c[0]][c[1]])

    lines = [[(i, j) for j in range(width + 1)] for i in range(n + 1)]
    lines += [[(i, j) for i in range(n + 1)] for j in range(width + 1)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hide[i][j] for i, j in line) != 1:
                continue
            candidates = [(i, j) for i, j in line if not hide[i][j]]
            if candidates:
                i, j = min(candidates, key=rank)
                hide[i][j] = changed = True
        if changed:
            continue
        for i, j in pinned(grid, hide)[:1]:
            near = [c for c in lines[i] + lines[n + 1 + j] if not hide[c[0]][c[1]]]
            anywhere = [(a, b) for a, row in enumerate(hide) for b, h in enumerate(row) if not h]
            if near or anywhere:
                a, b = min(near or anywhere, key=rank)
                hide[a][b] = changed = True
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


def suppress_line(
    counts: Sequence[int], threshold: int = SMALL_NUMBER, *, zeros_disclose: bool = False
) -> SuppressedLine:
    """Suppress one list of counts of people shown with its total (a one-row table)."""
    if not counts:
        return SuppressedLine((), 0)
    t = suppress_table([list(counts)], threshold, zeros_disclose=zeros_disclose)
    return SuppressedLine(
        tuple(t.shown(0, j) for j in range(len(counts))),
        None if t.row_total_hidden[0] else t.row_totals[0],
    )


def suppress_column(
    counts: Sequence[int], threshold: int = SMALL_NUMBER, *, zeros_disclose: bool = False
) -> SuppressedLine:
    """Suppress one measure per row (teachers of each district) shown with its total: a
    one-column table, whose rows' totals are the cells themselves."""
    if not counts:
        return SuppressedLine((), 0)
    t = suppress_table([[c] for c in counts], threshold, zeros_disclose=zeros_disclose)
    return SuppressedLine(
        tuple(t.shown(i, 0) for i in range(len(counts))),
        None if t.column_total_hidden[0] else t.column_totals[0],
    )


def pinned(grid: Sequence[Sequence[int]], hide: Sequence[Sequence[bool]]) -> list[Cell]:
    """The hidden cells of an extended grid (last row and column the totals) that a reader
    can work out exactly from the shown cells, the sums and no count being negative.

    The table is a circulation: an inner cell (i, j) carries people from row i to column j,
    a row total from a source to row i, a column total from column j to a sink, the grand
    total from the sink back to the source; every node's inflow equals its outflow. With the
    shown cells fixed, a hidden cell can be larger than its true count if a cycle of hidden
    cells returns to where it starts (every other cell on the way larger, or smaller where it
    is above zero), and smaller the same way; a cell that can be neither is pinned. Exact for
    whole numbers too, as tables of sums have whole-number corners.
    """
    n = len(grid) - 1
    width = len(grid[0]) - 1

    def ends(i: int, j: int) -> tuple[str, str]:
        if i < n and j < width:
            return f"r{i}", f"c{j}"
        if i < n:
            return "source", f"r{i}"
        if j < width:
            return f"c{j}", "sink"
        return "sink", "source"

    edges = [
        ((i, j), *ends(i, j), grid[i][j])
        for i in range(n + 1)
        for j in range(width + 1)
        if hide[i][j]
    ]

    def reaches(start: str, goal: str, without: Cell) -> bool:
        arcs: dict[str, list[str]] = {}
        for cell, a, b, count in edges:
            if cell == without:
                continue
            arcs.setdefault(a, []).append(b)
            if count > 0:
                arcs.setdefault(b, []).append(a)
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            for nxt in arcs.get(node, []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    out = []
    for cell, a, b, count in edges:
        can_grow = reaches(b, a, cell)
        can_shrink = count > 0 and reaches(a, b, cell)
        if not (can_grow or can_shrink):
            out.append(cell)
    return out
