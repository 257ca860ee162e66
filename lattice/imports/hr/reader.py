"""Reading an HR file: the header and the rows of a CSV (through the import's one CSV
reader, with its encoding and bounds checks) or of an XLSX workbook's first sheet.

A workbook is a ZIP of XML parts, so it is bounded like an uploaded roster ZIP before openpyxl
opens it: no part may expand more than :data:`lattice.imports.package.MAX_RATIO` times, the
parts together at most :data:`MAX_XLSX_EXPANDED` bytes, and the shared-strings part (which
openpyxl holds in memory whole) at most :data:`MAX_SHARED_STRINGS`. openpyxl silently cuts a
longer cell to Excel's limit of :data:`XLSX_MAX_CELL` characters, so a cell that reaches the
limit is an error (it may have been cut), never stored shortened. An HR file of ten thousand
people is a few megabytes expanded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lattice.imports.csvsource import MAX_CELL, Source, open_table
from lattice.imports.errors import ErrorLog
from lattice.imports.package import MAX_RATIO, RATIO_FLOOR

MAX_XLSX_EXPANDED = 256 * 1024 * 1024
MAX_SHARED_STRINGS = 64 * 1024 * 1024
MAX_XLSX_PARTS = 1000
XLSX_MAX_CELL = min(MAX_CELL, 32_767)  # Excel's limit; openpyxl cuts longer cells to it


class WorkbookTooLarge(ValueError):
    """The workbook would expand beyond the bounds; the message says what to do."""


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def check_workbook_bounds(path: Path) -> None:
    """Refuse a workbook whose parts would expand beyond the bounds, from the sizes its ZIP
    directory declares (``zipfile`` never returns more than a part declares), before any
    part is decompressed."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    if len(infos) > MAX_XLSX_PARTS:
        raise WorkbookTooLarge(
            f"holds {len(infos):,} parts, more than any spreadsheet has (Lattice reads up to "
            f"{MAX_XLSX_PARTS:,})"
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise WorkbookTooLarge(
                f"would expand its part {info.filename} from {_megabytes(info.compress_size)} "
                f"to {_megabytes(info.file_size)}, far more than any real spreadsheet "
                "compresses — it looks damaged or malicious"
            )
        if info.filename.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS:
            raise WorkbookTooLarge(
                f"holds {_megabytes(info.file_size)} of text, more than the "
                f"{_megabytes(MAX_SHARED_STRINGS)} Lattice reads from one HR workbook"
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_XLSX_EXPANDED:
        raise WorkbookTooLarge(
            f"would expand to {_megabytes(total)}, more than the "
            f"{_megabytes(MAX_XLSX_EXPANDED)} Lattice reads from one HR workbook"
        )


Progress = Callable[[float, str], None]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _xlsx_rows(path: Path, errors: ErrorLog) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Rows of the first sheet with each cell's saved value. A formula whose result was never
    saved (a file written by a script, not Excel) would read as blank: it is an error instead,
    found by reading the formulas alongside the values."""
    from openpyxl import load_workbook

    check_workbook_bounds(path)
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
                    elif isinstance(cell, str) and len(cell) >= XLSX_MAX_CELL:
                        errors.add(
                            path.name,
                            number,
                            header[i] or _column_letter(i),
                            cell[:80],
                            f"(cell {_column_letter(i)}{number}) reaches the {XLSX_MAX_CELL:,} "
                            "characters a spreadsheet cell may hold, so it may have been cut "
                            "short",
                            "keep one value per cell; paste notes elsewhere",
                        )
                        cells[i] = None
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
        except WorkbookTooLarge as exc:
            errors.add(
                path.name,
                None,
                "",
                "",
                str(exc),
                "save only the sheet Lattice reads, as .xlsx or .csv, and upload that",
            )
            return [], iter(())
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
