"""Import errors: each names the file, line, column, value, what is wrong and how to fix it.

Errors are collected, not raised, so a file's problems are all reported at once; the
collection keeps the first ``cap`` and counts the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from lattice.lib.tabular import csv_bytes

DEFAULT_CAP = 200
MAX_VALUE_SHOWN = 80


@dataclass(frozen=True)
class ImportProblem:
    file: str
    line: int | None
    column: str
    value: str
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}" if self.line else self.file
        value = (
            self.value
            if len(self.value) <= MAX_VALUE_SHOWN
            else (self.value[: MAX_VALUE_SHOWN - 1] + "…")
        )
        subject = f'{self.column} "{value}"' if self.column else ""
        if self.column and not self.value:
            subject = (
                self.column if self.problem.startswith("is empty") else f"{self.column} (empty)"
            )
        text = f"{where}: {subject} {self.problem}" if subject else f"{where}: {self.problem}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ErrorLog:
    """A capped list of :class:`ImportProblem` plus the total count."""

    def __init__(self, cap: int = DEFAULT_CAP) -> None:
        self.cap = cap
        self.items: list[ImportProblem] = []
        self.total = 0

    def add(
        self, file: str, line: int | None, column: str, value: object, problem: str, fix: str = ""
    ) -> None:
        self.total += 1
        if len(self.items) < self.cap:
            self.items.append(
                ImportProblem(file, line, column, "" if value is None else str(value), problem, fix)
            )

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[ImportProblem]:
        return iter(self.items)

    def __len__(self) -> int:
        return self.total

    @property
    def truncated(self) -> int:
        return self.total - len(self.items)

    def as_list(self) -> list[dict[str, object]]:
        return [item.as_dict() for item in self.items]


def problems_from_dicts(rows: Iterable[dict[str, Any]]) -> list[ImportProblem]:
    return [
        ImportProblem(
            str(r["file"]),
            r.get("line"),
            str(r.get("column", "")),
            str(r.get("value", "")),
            str(r["problem"]),
            str(r.get("fix", "")),
        )
        for r in rows
    ]


def error_report_csv(problems: Iterable[ImportProblem], truncated: int = 0) -> str:
    """The downloadable error report: one row per problem, plus a note when capped. Written
    by the shared safe writer: a roster value like ``=HYPERLINK(...)`` echoed back in the
    report arrives as text, never as a live formula."""
    rows: list[list[object]] = [
        [p.file, p.line or "", p.column, p.value, p.problem, p.fix, str(p)] for p in problems
    ]
    if truncated:
        rows.append(["", "", "", "", f"{truncated} more problems not listed", "", ""])
    header = ["file", "line", "column", "value", "problem", "fix", "message"]
    return csv_bytes(header, rows).decode("utf-8")
