"""Reading an HR file: the header and the rows of a CSV (through the import's one CSV
reader, with its encoding and bounds checks) or of an XLSX workbook's first sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lattice.imports.csvsource import Source, open_table
from lattice.imports.errors import ErrorLog

Progress = Callable[[float, str], None]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _xlsx_rows(path: Path, errors: ErrorLog) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Rows of the first sheet with each cell's saved value. A formula whose result was never
    saved (a file written by a script, not Excel) would read as blank: it is an error instead,
    found by reading the formulas alongside the values."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    formulas = load_workbook(path, read_only=True, data_only=False)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    formula_rows = formulas.worksheets[0].iter_rows(values_only=True)
    header: list[str] = []
    header_line = 0
    for number, values in enumerate(rows, start=1):
        next(formula_rows, None)
        if values and any(v not in (None, "") for v in values):
            header = ["" if v is None else str(v).strip() for v in values]
            header_line = number
            break
    while header and not header[-1]:
        header.pop()

    def body() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, values in enumerate(rows, start=header_line + 1):
                written = next(formula_rows, ()) or ()
                cells = list(values[: len(header)]) + [None] * (len(header) - len(values))
                for i, cell in enumerate(cells):
                    formula = written[i] if i < len(written) else None
                    if cell is None and isinstance(formula, str) and formula.startswith("="):
                        errors.add(
                            path.name,
                            number,
                            header[i] or _column_letter(i),
                            formula[:80],
                            f"(cell {_column_letter(i)}{number}) holds a formula whose result "
                            "was never saved, so its value is unknown",
                            "open the file in Excel, let it calculate and save it again, or "
                            "paste the values instead of formulas",
                        )
                    elif isinstance(cell, str) and "\x00" in cell:
                        errors.add(
                            path.name,
                            number,
                            header[i],
                            "",
                            "holds a NUL character (a zero byte)",
                            "retype the cell; no name or id may contain it",
                        )
                        cells[i] = None
                if all(v in (None, "") for v in cells):
                    continue
                yield number, cells
        finally:
            workbook.close()
            formulas.close()

    return header, body()


def read_hr_rows(path: Path, errors: ErrorLog) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """(headers, rows) of a CSV or XLSX file; cells are text, or dates/numbers from XLSX."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return _xlsx_rows(path, errors)
        except Exception as exc:
            errors.add(
                path.name,
                None,
                "",
                "",
                f"cannot be read as a workbook ({exc})",
                "save it again as .xlsx or .csv",
            )
            return [], iter(())
    source = Source(name=path.name, open=lambda: path.open("rb"), size=path.stat().st_size)
    table = open_table(source, errors)
    if table is None:
        return [], iter(())
    return table.header, table.rows(errors)
