"""Reading CSV files as districts produce them, one row at a time.

- encoding: UTF-8 (with or without a byte-order mark), else Windows-1252, decided by a quick
  streaming pass over the bytes, so a 200 MB file is never held in memory;
- quoted fields may hold delimiters and newlines; the line reported for a row is the line it
  starts on;
- blank lines are skipped; a trailing delimiter (an empty last header or cells) is ignored;
  short rows are padded with empty cells;
- headers are matched to the expected names ignoring case and surrounding spaces.
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
csv.field_size_limit(10 * 1024 * 1024)

Opener = Callable[[], BinaryIO]


@dataclass
class Source:
    """A named file inside an upload (a path on disk or a member of a ZIP)."""

    name: str
    open: Opener
    size: int = 0


def detect_encoding(opener: Opener) -> str:
    """``utf-8-sig`` when the bytes are valid UTF-8 (BOM or not), else ``cp1252``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with opener() as raw:
        while True:
            chunk = raw.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return "cp1252"
            if not chunk:
                return "utf-8-sig"


@dataclass
class Table:
    """A CSV file's header and a generator of its rows."""

    source: Source
    encoding: str
    header: list[str]
    columns: dict[str, int] = field(default_factory=dict)  # expected name → cell index
    header_line_count: int = 1
    _reader: Iterator[list[str]] | None = None
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
        assert self._reader is not None
        assert self._raw is not None
        width = len(self.header)
        previous_line = self.header_line_count
        count = 0
        try:
            for line, cells in _records(self._csv, previous_line):  # type: ignore[arg-type]
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
            errors.add(
                self.name,
                previous_line + 1,
                "",
                "",
                f"cannot be read ({exc})",
                "save the file again as CSV from your spreadsheet or SIS",
            )
        finally:
            self.close()

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()


def _records(text: io.TextIOWrapper, line: int) -> Iterator[tuple[int, list[str]]]:
    """``(first line, cells)`` per record. Lines without a quote are split directly (most
    rows, and several times faster); a line with a quote goes through :mod:`csv`, which reads
    on through quoted newlines exactly as it would for the whole file."""
    lines = iter(text)
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
            yield raw

    reader = csv.reader(feed())
    for raw in lines:
        counter[0] += 1
        if '"' not in raw:
            yield counter[0], raw.rstrip("\r\n").split(",")
            continue
        start = counter[0]
        pushed.append(raw)
        cells = next(reader, None)
        if cells is not None:
            yield start, cells


def open_table(source: Source, errors: ErrorLog, expected: list[str] | None = None) -> Table | None:
    """Open ``source`` and read its header; None (with an error) when there is no header."""
    encoding = detect_encoding(source.open)
    raw = source.open()
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    reader = csv.reader(text)
    header: list[str] | None = None
    try:
        for cells in reader:
            if cells and any(c.strip() for c in cells):
                header = cells
                break
    except csv.Error as exc:
        errors.add(
            source.name,
            reader.line_num,
            "",
            "",
            f"cannot be read ({exc})",
            "save the file again as CSV (comma-separated, UTF-8)",
        )
    if header is None:
        raw.close()
        if not errors:
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
    table = Table(
        source=source, encoding=encoding, header=header, header_line_count=reader.line_num
    )
    table._reader, table._raw, table._csv = iter(reader), raw, text
    lowered = {h.lower(): i for i, h in enumerate(header)}
    for name in expected or header:
        index = lowered.get(name.lower())
        if index is not None:
            table.columns[name] = index
    return table
