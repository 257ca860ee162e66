"""How Lattice writes money, counts, shares and dates for people to read: one way each.

Every page (through the ``lattice_format`` template filters), every explanation the rules
engine writes and every chart the forecast draws use these functions, so a salary reads the
same on My path, in payroll's explanation and on a forecast chart: ``$54,321``, ``-$1,200``,
``+$3,000`` when a change is shown, ``$1.2M`` where a chart axis has no room.

Dates have one house style, as a US district writes them on a letter: a day ``Mar 4, 2026``,
a moment ``Mar 4, 2026, 2:05 PM``, a time of day ``2:05 PM``, a month ``Mar 2026`` and a
stretch of days ``Nov 28 – Dec 8, 2026``. Django's own formats (``{{ value }}``, ``|date``
without a format) say the same through :data:`DJANGO_FORMATS`, which the project's format
module (``lattice/lib/formats``) hands to Django. Files and machines (CSV, the API, ICS,
``datetime=`` attributes) keep ISO 8601.

Plain Python (no Django, no app), so the pure core (``lattice.rules``, ``lattice.forecast``)
uses it too; an import-linter contract keeps it that way. Values that are not numbers or
dates (a blank cell, None) read as an em dash rather than raising: a page never fails on
a missing figure.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "—"  # what a page shows for a figure it does not have


SHORT = ((1e9, "bn", 2), (1e6, "M", 1), (1e3, "k", 0))  # abbreviations of ``money(short=True)``


def _number(value: object) -> float | None:
    """``value`` as a number, or None when it is not one (a blank cell, None, text)."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _whole(value: object) -> int | None:
    """``value`` as a whole number (half up), or None when it is not a number."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    try:
        return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return None


def money(value: object, *, signed: bool = False, short: bool = False) -> str:
    """Whole dollars with thousands separators: ``$54,321``, ``-$1,200``.

    ``signed`` puts ``+`` before a gain (a change in pay); ``short`` abbreviates large
    amounts for chart axes and summaries (``$54k``, ``$1.2M``, ``$3.40bn``).
    """
    amount: float | int | None
    if short:
        amount = _number(value)
        if amount is None:
            return MISSING
        size = abs(amount)
        text = next(
            (
                f"${size / limit:,.{digits}f}{suffix}"
                for limit, suffix, digits in SHORT
                if size >= limit
            ),
            f"${size:,.0f}",
        )
    else:
        amount = _whole(value)
        if amount is None:
            return MISSING
        text = f"${abs(amount):,}"
    if text == "$0":
        return text
    if amount < 0:
        return f"-{text}"
    return f"+{text}" if signed else text


def count(value: object) -> str:
    """A whole number with thousands separators: ``1,106``."""
    whole = _whole(value)
    return MISSING if whole is None else f"{whole:,}"


def percent(value: object, digits: int = 0) -> str:
    """A share (0.25) as a percentage: ``25%``; ``digits`` after the point."""
    if isinstance(value, bool) or value is None or value == "":
        return MISSING
    try:
        number = Decimal(str(value)) * 100
    except (InvalidOperation, ValueError):
        return MISSING
    return f"{number:.{int(digits)}f}%"


def day(value: object) -> str:
    """A date as people write it on a letter: ``Mar 4, 2026`` (a moment: its date)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        return MISSING
    return f"{value:%b} {value.day}, {value.year}"


def clock(value: object) -> str:
    """A time of day on a twelve-hour clock: ``2:05 PM``, ``12:00 PM`` at noon."""
    if not isinstance(value, dt.datetime | dt.time):
        return MISSING
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def moment(value: object) -> str:
    """A date and time of day: ``Mar 4, 2026, 2:05 PM`` (the caller converts to local time)."""
    if not isinstance(value, dt.datetime):
        return day(value)
    return f"{day(value)}, {clock(value)}"


def month(value: object) -> str:
    """A month of a year: ``Mar 2026`` (a council term, a school year's start)."""
    if not isinstance(value, dt.date):
        return MISSING
    return f"{value:%b} {value.year}"


def span(start: object, end: object) -> str:
    """Two days as one stretch, the year said once when both share it:
    ``Nov 28 – Dec 8, 2026``; ``Dec 28, 2026 – Jan 4, 2027`` across a new year."""
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return f"{day(start)} – {day(end)}"
    if start.year == end.year:
        return f"{start:%b} {start.day} – {day(end)}"
    return f"{day(start)} – {day(end)}"


# The same house style in Django's format characters, for ``{{ a_date }}`` and ``|date``
# without a format: lattice/lib/formats/en/formats.py hands these to Django.
DJANGO_FORMATS = {
    "DATE_FORMAT": "M j, Y",
    "DATETIME_FORMAT": "M j, Y, g:i A",
    "TIME_FORMAT": "g:i A",
    "YEAR_MONTH_FORMAT": "M Y",
    "MONTH_DAY_FORMAT": "M j",
    "SHORT_DATE_FORMAT": "M j, Y",
    "SHORT_DATETIME_FORMAT": "M j, Y, g:i A",
}


# Field names that do not read as words once their underscores are spaces.
FIELD_WORDS = {
    "sourced_id": "ID in the roster system",
    "sourcedid": "ID in the roster system",
    "employee_id": "Employee ID",
    "fte": "FTE",
    "hr_position": "HR position",
    "active": "Still employed",
    "email": "Email",
    "url": "Web address",
}


def field_label(name: object) -> str:
    """A stored field's name as a person reads it: ``preferred_name`` → ``Preferred name``,
    ``sourced_id`` → ``ID in the roster system``."""
    text = str(name).strip()
    if text.lower() in FIELD_WORDS:
        return FIELD_WORDS[text.lower()]
    text = text.replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


# Stored fields that hold whole dollars: their values read as money ("$36,619"), never as a
# bare count. A name ending in ``_dollars``, ``_cost`` or ``_salary`` is money too.
MONEY_FIELDS = frozenset(
    {"cost", "pay", "salary", "stipend", "before_total", "after_total", "gain_dollars"}
)
MONEY_SUFFIXES = ("_dollars", "_cost", "_salary")


def is_money_field(name: object) -> bool:
    """Whether the stored field ``name`` holds whole dollars (see :data:`MONEY_FIELDS`)."""
    text = str(name).strip().lower()
    return text in MONEY_FIELDS or text.endswith(MONEY_SUFFIXES)


def shown_value(value: object, name: object = None) -> str:
    """A stored value (an audit entry's before or after, an import's change) as a person
    reads it: yes and no, not True and False; a mapping as "Label: value" pairs, not
    ``{'strong-teacher-…': 3}``; a list joined with commas; a whole number with thousands
    separators, and with the dollar sign when its field ``name`` holds money ("Cost:
    $36,619", :func:`money`); nothing and blanks say so."""
    if name is not None and is_money_field(name) and _number(value) is not None:
        return money(value)
    if value is None:
        return "(none)"
    if value == "":
        return "(blank)"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, int):
        return count(value)
    if isinstance(value, dict):
        if not value:
            return "(none)"
        return "; ".join(f"{field_label(k)}: {shown_value(v, k)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(shown_value(v) for v in value) if value else "(none)"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # a day stored as ISO text reads as every page writes a day
            return day(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


# A policy's keys that do not read as words once split ("facilitated_pd" is not "Facilitated
# pd"); the rest read as their words, with the short forms people say in capitals.
KEY_WORDS = {
    "facilitated_pd": "Professional development facilitated",
    "pd_hours": "Professional development hours",
    "building_rep": "Building representative",
    "project": "Approved project",
}
SHORT_FORMS = {"pd": "PD", "hr": "HR", "fte": "FTE", "ela": "ELA", "esl": "ESL", "ell": "ELL",
               "stem": "STEM", "ib": "IB", "ap": "AP", "sped": "special education"}  # fmt: skip


def key_words(key: object) -> str:
    """A policy's key (an accomplishment kind, a cohort kind) in words, capitalised:
    ``facilitated_pd`` → ``Professional development facilitated``."""
    text = str(key).strip()
    if text.lower() in KEY_WORDS:
        return KEY_WORDS[text.lower()]
    words = [SHORT_FORMS.get(w.lower(), w) for w in text.replace("-", "_").split("_") if w]
    out = " ".join(words)
    return out[:1].upper() + out[1:]
