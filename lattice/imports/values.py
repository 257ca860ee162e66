"""Turning the text of real files into values: dates, booleans, numbers.

Every parser returns the value or raises :class:`ValueProblem` whose ``problem`` and ``fix``
read well after ``users.csv line 12: beginDate "…"``. Dates written with slashes may be
month-first (US) or day-first; :class:`DateOrder` watches a file's dates and decides the
order only when some date settles it (a part greater than 12), so ``03/04/2024`` is never
guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from lattice.lib.formatting import day

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0"})

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
ISO_FIX = "write dates as YYYY-MM-DD (e.g. 2024-08-26)"


class ValueProblem(ValueError):
    """A cell's value could not be read; carries what is wrong and how to fix it."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def parse_bool(text: str) -> bool:
    """``true``/``TRUE``/``Yes``/``1`` → True; ``false``/``No``/``0`` → False."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem("is not true or false", "write true or false")


def parse_decimal(
    text: str, *, minimum: Decimal | None = None, maximum: Decimal | None = None
) -> Decimal:
    cleaned = text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueProblem("is not a number", "write a plain number such as 3 or 4.5") from None
    if not value.is_finite():
        raise ValueProblem("is not a number", "write a plain number such as 3 or 4.5")
    if minimum is not None and value < minimum:
        raise ValueProblem(f"is less than {minimum}", f"write a number of at least {minimum}")
    if maximum is not None and value > maximum:
        raise ValueProblem(f"is more than {maximum}", f"write a number of at most {maximum}")
    return value


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem("is not a real date", ISO_FIX) from None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: 00-69 are 2000s, 70-99 are 1900s (as spreadsheets do).
        year += 2000 if year < 70 else 1900
    return year


class DateOrder:
    """Learns whether a file writes slash dates month-first (US) or day-first.

    Call :meth:`observe` on every date text while streaming, then :meth:`parse`.
    """

    def __init__(self) -> None:
        self.month_first_seen = False  # e.g. 04/25/2024
        self.day_first_seen = False  # e.g. 25/04/2024

    def observe(self, text: str) -> None:
        match = _SLASH_DATE.match(text.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:
                self.day_first_seen = True
            elif second > 12 >= first:
                self.month_first_seen = True

    @property
    def mixed(self) -> bool:
        return self.month_first_seen and self.day_first_seen

    def parse(self, text: str) -> dt.date:
        """A date from ISO ``2024-08-26`` or slash ``08/26/2024`` text."""
        cleaned = text.strip()
        match = _ISO_DATE.match(cleaned)
        if match:
            return _make_date(int(match[1]), int(match[2]), int(match[3]))
        match = _SLASH_DATE.match(cleaned)
        if not match:
            raise ValueProblem("is not a date", ISO_FIX)
        first, second, year = int(match[1]), int(match[2]), _full_year(match[3])
        if first == 0 or second == 0:
            raise ValueProblem("is not a real date", ISO_FIX)
        if first > 12 >= second:
            return _make_date(year, second, first)
        if second > 12 >= first or first == second:
            return _make_date(year, first, second)
        if self.mixed:
            raise ValueProblem(
                "is ambiguous: this file has dates in both month/day and day/month order",
                ISO_FIX,
            )
        if self.month_first_seen:
            return _make_date(year, first, second)
        if self.day_first_seen:
            return _make_date(year, second, first)
        raise ValueProblem(
            f"is ambiguous: it could be {day(dt.date(year, first, second))} (US month/day)"
            f" or {day(dt.date(year, second, first))} (day/month)"
            if first <= 12 and second <= 12
            else "is not a real date",
            ISO_FIX,
        )


def parse_datetime(text: str) -> dt.datetime:
    """OneRoster ``dateLastModified``: ISO 8601 date-time (``2024-08-01T12:00:00.000Z``)."""
    cleaned = text.strip()
    if cleaned.endswith("Z"):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueProblem(
            "is not a date and time", "write it as ISO 8601, e.g. 2024-08-01T12:00:00Z"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
