"""What a reader could work out from a table of counts with some cells hidden.

Independent of :mod:`lattice.lib.suppression`'s own reasoning: a linear programme (scipy)
finds, for each hidden cell, the smallest and largest count it could hold given the shown
cells, every row and column summing to its total and no count below zero. A hidden cell is
protected when the two differ. Tests of the suppression and of the pages that show its
tables use it on what they show.
"""

from __future__ import annotations

from collections.abc import Sequence

from scipy.optimize import linprog


def solvable_cells(
    grid: Sequence[Sequence[int]], hidden: Sequence[Sequence[bool]]
) -> list[tuple[int, int]]:
    """The hidden cells of an extended grid (totals last) whose count a reader can solve for
    exactly from the shown cells, the sums and non-negativity."""
    n, width = len(grid) - 1, len(grid[0]) - 1
    unknown = [(i, j) for i in range(n + 1) for j in range(width + 1) if hidden[i][j]]
    if not unknown:
        return []
    index = {c: k for k, c in enumerate(unknown)}
    equations, rhs = [], []
    lines = [([(i, j) for j in range(width)], (i, width)) for i in range(n + 1)]
    lines += [([(i, j) for i in range(n)], (n, j)) for j in range(width + 1)]
    for parts, total in lines:
        row = [0.0] * len(unknown)
        known = 0
        for c, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if c in index:
                row[index[c]] += sign
            else:
                known -= sign * grid[c[0]][c[1]]
        if any(row):
            equations.append(row)
            rhs.append(float(known))
    solved = []
    for c, k in index.items():
        objective = [0.0] * len(unknown)
        objective[k] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=rhs, bounds=(0, None), method="highs")
        high = linprog([-x for x in objective], A_eq=equations, b_eq=rhs, bounds=(0, None),
                       method="highs")  # fmt: skip
        assert low.status == 0  # the true table is always a solution
        if high.status == 0 and -high.fun - low.fun < 0.5:
            solved.append(c)
    return solved


def column_as_grid(
    cells: Sequence[int | None], total: int | None
) -> tuple[list[list[int]], list[list[bool]]]:
    """A shown column of counts with its total (None hidden) as an extended grid."""
    grid = [[c or 0, c or 0] for c in cells] + [[total or 0, total or 0]]
    hidden = [[c is None, c is None] for c in cells] + [[total is None, total is None]]
    return grid, hidden


def line_as_grid(
    cells: Sequence[int | None], total: int | None
) -> tuple[list[list[int]], list[list[bool]]]:
    """A shown row of counts with its total (None hidden) as an extended grid."""
    row = [*(c or 0 for c in cells), total or 0]
    mask = [*(c is None for c in cells), total is None]
    return [row, list(row)], [mask, list(mask)]
