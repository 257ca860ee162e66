"""Reading CSV files as districts produce them, one row at a time, within bounds.

- encoding: UTF-8 (with or without a byte-order mark). A file with no valid UTF-8 beyond
  ASCII and some Windows-1252 bytes is read as Windows-1252 (with a note). A UTF-8 file with
  a few lines in another encoding is *not* re-read as Windows-1252 (that would garble every
  accented name): each such line is an error naming it. UTF-16 files are named as such.
- quoted fields may hold delimiters and newlines; the line reported for a row is the line it
  starts on;
- blank lines are skipped; a trailing delimiter (an empty last header or cells) is ignored;
  short rows are padded with empty cells; a header split by semicolons or tabs is named;
- headers are matched to the expected names ignoring case and surrounding spaces;
- bounds: a line longer than :data:`MAX_LINE` characters or a cell longer than
  :data:`MAX_CELL` is an error, never read into memory whole; NUL characters are errors.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lattice.imports.errors import ErrorLog

CHUNK = 1 << 20
MAX_CELL = 64 * 1024  # characters; no roster or HR cell comes near it
MAX_LINE = 1024 * 1024  # characters of one physical line
csv.field_size_limit(MAX_CELL)

Opener = Callable[[], BinaryIO]
_TOO_LONG = "\x00too-long\x00"


@dataclass
class Source:
    """A named file inside an upload (a path on disk or a member of a ZIP)."""

    name: str
    open: Opener
    size: int = 0


@dataclass
class Encoding:
    """How a file's bytes are read: the codec, a note for the preview, lines that failed."""

    codec: str
    note: str = ""
    bad_lines: list[tuple[int, int, int]] = field(default_factory=list)  # line, column, byte
    refused: str = ""  # a reason the file cannot be read at all (UTF-16)


def _utf16(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = head[:200]
    return len(sample) >= 8 and sample.count(b"\x00") >= len(sample) // 3


def detect_encoding(opener: Opener, name: str = "") -> Encoding:
    """Decide how to decode a file, streaming it (a 200 MB file is never held in memory)."""
    with opener() as raw:
        head = raw.read(4096)
        if _utf16(head):
            return Encoding(
                "utf-16",
                refused="is saved as UTF-16 (Unicode text), which Lattice does not read",
            )
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while True:
                decoder.decode(chunk, final=not chunk)
                if not chunk:
                    return Encoding("utf-8-sig")
                chunk = raw.read(CHUNK)
        except UnicodeDecodeError:
            pass
    # Not valid UTF-8 throughout: find out, line by line, whether any line is UTF-8.
    bad: list[tuple[int, int, int]] = []
    utf8_lines = 0
    with opener() as raw:
        for number, line in enumerate(raw, start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                if len(bad) < 1000:
                    bad.append((number, exc.start + 1, line[exc.start]))
                else:
                    bad.append((number, 0, 0))
            else:
                utf8_lines += 1
    if not utf8_lines:
        return Encoding(
            "cp1252",
            note=f"{name or 'The file'} is not UTF-8: it was read as Windows-1252 "
            "(accented names are kept).",
        )
    return Encoding("utf-8-sig", bad_lines=bad)


@dataclass
class Table:
    """A CSV file's header and a generator of its rows."""

    source: Source
    encoding: str
    header: list[str]
    columns: dict[str, int] = field(default_factory=dict)  # expected name → cell index
    header_line_count: int = 1
    note: str = ""
    rows_read: int = 0
    _raw: BinaryIO | None = None
    _csv: object = None

    @property
    def name(self) -> str:
        return self.source.name

    def has(self, column: str) -> bool:
        return column in self.columns

    def rows(
        self, errors: ErrorLog, progress: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(line, cells)`` for every non-blank row, cells aligned to the header."""
        assert self._raw is not None
        width = len(self.header)
        previous_line = self.header_line_count
        count = 0
        try:
            for line, cells in _records(self._csv, previous_line, self.name, errors):  # type: ignore[arg-type]
                previous_line = line
                if len(cells) != width or not cells[0]:
                    if not any(c.strip() for c in cells):
                        continue  # blank line, or only delimiters
                    if len(cells) < width:
                        cells = cells + [""] * (width - len(cells))
                    elif len(cells) > width:
                        if any(c.strip() for c in cells[width:]):
                            errors.add(
                                self.name,
                                line,
                                "",
                                "",
                                f"has {len(cells)} cells but the header has {width} columns",
                                "quote cells that contain commas, or remove the extra cells",
                            )
                            continue
                        cells = cells[:width]  # trailing delimiters
                count += 1
                if progress is not None and not count & 16383:
                    progress(self._raw.tell() if self._raw.seekable() else 0)
                yield line, cells
        except csv.Error as exc:
            problem = (
                f"has a cell longer than {MAX_CELL:,} characters (the limit for one cell)"
                if "field larger" in str(exc)
                else f"cannot be read ({exc})"
            )
            errors.add(
                self.name,
                previous_line + 1,
                "",
                "",
                problem,
                "check that every quote is closed, or save the file again as CSV from your "
                "spreadsheet or SIS",
            )
        finally:
            self.rows_read = count
            self.close()

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()


def _bounded_lines(text: io.TextIOWrapper) -> Iterator[str]:
    """Physical lines of at most :data:`MAX_LINE` characters; a longer one becomes a marker
    and its remainder is skipped without being kept."""
    readline = text.readline
    while True:
        raw = readline(MAX_LINE)
        if not raw:
            return
        if len(raw) == MAX_LINE and raw[-1] not in "\r\n":
            while True:
                more = readline(MAX_LINE)
                if not more or more[-1] in "\r\n":
                    break
            yield _TOO_LONG
            continue
        yield raw


def _records(
    text: io.TextIOWrapper, line: int, name: str, errors: ErrorLog
) -> Iterator[tuple[int, list[str]]]:
    """``(first line, cells)`` per record. Lines without a quote are split directly (most
    rows, and several times faster); a line with a quote goes through :mod:`csv`, which reads
    on through quoted newlines exactly as it would for the whole file."""
    lines = _bounded_lines(text)
    pushed: list[str] = []
    counter = [line]

    def feed() -> Iterator[str]:
        while True:
            if pushed:
                yield pushed.pop()
                continue
            raw = next(lines, None)
            if raw is None:
                return
            counter[0] += 1
            if raw is _TOO_LONG:
                _too_long(name, counter[0], errors)
                raw = "\n"
            yield raw

    reader = csv.reader(feed())
    for raw in lines:
        counter[0] += 1
        if raw is _TOO_LONG:
            _too_long(name, counter[0], errors)
            continue
        if "\x00" in raw:
            errors.add(
                name,
                counter[0],
                "",
                "",
                "holds a NUL character (a zero byte), which no name or id may contain",
                "export the file again as CSV text; a binary file or a corrupted export shows this",
            )
            continue
        if '"' not in raw:
            yield counter[0], raw.rstrip("\r\n").split(",")
            continue
        start = counter[0]
        pushed.append(raw)
        cells = next(reader, None)
        if cells is not None:
            yield start, cells


def _too_long(name: str, line: int, errors: ErrorLog) -> None:
    errors.add(
        name,
        line,
        "",
        "",
        f"is longer than {MAX_LINE:,} characters, so it was not read",
        "check that every quote is closed and the file is a CSV export, not a binary file",
    )


def _report_encoding(source: Source, encoding: Encoding, errors: ErrorLog) -> None:
    for line, column, byte in encoding.bad_lines[:200]:
        where = f" (byte 0x{byte:02X} at character {column})" if column else ""
        errors.add(
            source.name,
            line,
            "",
            "",
            f"is not valid UTF-8{where}, although the rest of the file is UTF-8",
            "save the file again as UTF-8 (CSV UTF-8); this line was written in another "
            "encoding, and guessing would garble names",
        )
    if len(encoding.bad_lines) > 200:
        errors.add(
            source.name,
            None,
            "",
            "",
            f"has {len(encoding.bad_lines) - 200} more lines that are not valid UTF-8",
            "save the file again as UTF-8 (CSV UTF-8)",
        )


def open_table(source: Source, errors: ErrorLog, expected: list[str] | None = None) -> Table | None:
    """Open ``source`` and read its header; None (with an error) when there is no header."""
    encoding = detect_encoding(source.open, source.name)
    if encoding.refused:
        errors.add(
            source.name,
            None,
            "",
            "",
            encoding.refused,
            "save it again as CSV UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited))",
        )
        return None
    _report_encoding(source, encoding, errors)
    raw = source.open()
    text = io.TextIOWrapper(raw, encoding=encoding.codec, errors="replace", newline="")
    first = text.readline(MAX_LINE)
    header_lines = 1
    while first and not first.strip(" ,\r\n"):
        first = text.readline(MAX_LINE)
        header_lines += 1
    header: list[str] | None = None
    if first:
        try:
            cells = next(csv.reader([first]))
        except csv.Error as exc:
            errors.add(
                source.name,
                1,
                "",
                "",
                f"has a header that cannot be read ({exc})",
                "save the file again as CSV (comma-separated, UTF-8)",
            )
            raw.close()
            return None
        header = cells
    if header is None:
        raw.close()
        errors.add(
            source.name,
            None,
            "",
            "",
            "is empty (no header row)",
            "export the file again with its header row",
        )
        return None
    header = [h.strip().lstrip("\ufeff").strip() for h in header]
    while header and not header[-1]:
        header.pop()  # trailing delimiter
    if len(header) == 1:
        for mark, word in ((";", "semicolons (;)"), ("\t", "tabs")):
            if mark in header[0]:
                raw.close()
                errors.add(
                    source.name,
                    1,
                    "",
                    header[0][:80],
                    f"separates its columns with {word}, not commas",
                    "export it as comma-separated CSV (in Excel: Save As → CSV UTF-8 (Comma "
                    "delimited)); OneRoster files use commas",
                )
                return None
    table = Table(
        source=source,
        encoding=encoding.codec,
        header=header,
        header_line_count=header_lines,
        note=encoding.note,
    )
    table._raw, table._csv = raw, text
    lowered = {h.lower(): i for i, h in enumerate(header)}
    for name in expected or header:
        index = lowered.get(name.lower())
        if index is not None:
            table.columns[name] = index
    return table
