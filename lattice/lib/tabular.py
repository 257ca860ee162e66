"""The one writer of CSV and XLSX files that leave Lattice: safe cells, reproducible bytes.

Every export (payroll, import error reports, forecasts, registers) goes through here, so:

- **No cell runs as a formula** in the spreadsheet a district opens it in. Text that begins
  with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed (or the full-width
  ``＝ ＋ － ＠`` some spreadsheets accept as the same) is prefixed with an apostrophe, as
  OWASP's CSV-injection guidance recommends; numbers stay numbers. XLSX text cells are
  written as plain strings (never formulas) after the same neutralising.
- **The same rows give the same bytes.** CSV uses CRLF line ends and UTF-8; XLSX workbooks
  carry a fixed creation time (the caller's stamp) and fixed zip entry times, because
  openpyxl otherwise stamps the save time into the file.

Plain Python (openpyxl is imported lazily), so the pure forecast core may use it too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell no spreadsheet evaluates: numbers and dates as they are, text
    that could start a formula prefixed with an apostrophe, None as empty text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV (CRLF line ends) of ``header`` and ``rows``, every cell made safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_text(safe_cell(v)) for v in row])
    return buffer.getvalue().encode("utf-8")


def sectioned_csv_bytes(sections: Iterable[tuple[str, Iterable[Sequence[Any]]]]) -> bytes:
    """One UTF-8 CSV of several tables: each starts with a ``# title`` line and ends with an
    empty line (a forecast's summary, comparison, ...), every cell made safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for title, rows in sections:
        writer.writerow([f"# {title}"])
        for row in rows:
            writer.writerow([_csv_text(safe_cell(v)) for v in row])
        writer.writerow([])
    return buffer.getvalue().encode("utf-8")


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def xlsx_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    sheet: str = "Sheet1",
    stamp: dt.datetime,
    widths: Sequence[int] = (),
) -> bytes:
    """An XLSX workbook of one sheet; the same inputs always give the same bytes.

    ``stamp`` is the workbook's creation and modification time (use the date the data is
    for, never "now"); ``widths`` are column widths in characters.
    """
    return workbook_bytes([(sheet, [header, *rows])], title=title, stamp=stamp, widths=widths)


def workbook_bytes(
    sheets: Sequence[tuple[str, Iterable[Sequence[Any]]]],
    *,
    title: str,
    stamp: dt.datetime | None,
    widths: Sequence[int] = (),
) -> bytes:
    """An XLSX workbook with one sheet per ``(name, rows)``, every cell made safe.

    With a ``stamp`` the bytes are reproducible (see :func:`xlsx_bytes`); without one the
    workbook carries the time it was written.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    for index, (name, rows) in enumerate(sheets):
        worksheet = workbook.active if index == 0 else workbook.create_sheet()
        worksheet.title = name[:31]
        for row in rows:
            worksheet.append([safe_cell(v) for v in row])
        for row_cells in worksheet.iter_rows():
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a string, never a formula, whatever it begins with
        for column, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(column)].width = width
    props = workbook.properties
    props.creator = "Lattice"
    props.lastModifiedBy = "Lattice"
    props.title = title
    if stamp is not None:
        props.created = stamp
        props.modified = stamp
    raw = io.BytesIO()
    workbook.save(raw)
    return raw.getvalue() if stamp is None else fixed_zip(raw.getvalue(), stamp)


def fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip (an XLSX) with fixed entry times and ``stamp`` as its document times."""
    fixed_time = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + fixed_time + rb"\g<2>", content)
                content = _CREATED.sub(rb"\g<1>" + fixed_time + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()
