"""Every date a person reads is written one way: ``Dec 3, 2026``; with a time ``Dec 3, 2026,
10:52 AM``; a stretch of days ``Nov 28 – Dec 8, 2026``. Django's own formats (a date printed
without a filter) say the same, and no template invents a format of its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import formats

import lattice
from lattice.lib.formatting import MISSING, clock, day, moment, month, span


def test_a_day_reads_month_day_comma_year() -> None:
    assert day(dt.date(2026, 12, 3)) == "Dec 3, 2026"
    assert day(dt.datetime(2026, 12, 3, 10, 52)) == "Dec 3, 2026"


def test_a_moment_reads_its_day_and_a_twelve_hour_clock() -> None:
    assert moment(dt.datetime(2026, 12, 3, 10, 52)) == "Dec 3, 2026, 10:52 AM"
    assert moment(dt.datetime(2026, 12, 3, 14, 5)) == "Dec 3, 2026, 2:05 PM"


def test_noon_and_midnight_read_as_twelve() -> None:
    assert clock(dt.time(12, 0)) == "12:00 PM"
    assert clock(dt.time(0, 30)) == "12:30 AM"


def test_a_month_reads_its_short_name_and_year() -> None:
    assert month(dt.date(2026, 9, 1)) == "Sep 2026"


def test_a_stretch_of_days_says_its_year_once() -> None:
    assert span(dt.date(2026, 11, 28), dt.date(2026, 12, 8)) == "Nov 28 – Dec 8, 2026"


def test_a_stretch_across_a_new_year_says_both_years() -> None:
    assert span(dt.date(2026, 12, 28), dt.date(2027, 1, 4)) == "Dec 28, 2026 – Jan 4, 2027"


def test_what_is_not_a_date_reads_as_a_dash() -> None:
    assert day(None) == MISSING
    assert moment("") == MISSING
    assert clock(None) == MISSING
    assert month("2026") == MISSING
    assert span(None, dt.date(2026, 1, 2)) == f"{MISSING} – Jan 2, 2026"


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(2026, 12, 3, 10, 52),
        dt.datetime(2027, 1, 9, 0, 5),
        dt.datetime(2026, 5, 31, 23, 59),
    ],
)
def test_django_formats_say_what_the_formatter_says(when: dt.datetime) -> None:
    assert formats.date_format(when.date()) == day(when)
    assert formats.date_format(when.date(), "SHORT_DATE_FORMAT") == day(when)
    assert formats.date_format(when, "DATETIME_FORMAT") == moment(when)
    assert formats.date_format(when, "SHORT_DATETIME_FORMAT") == moment(when)
    assert formats.time_format(when.time()) == clock(when)
    assert formats.date_format(when.date(), "YEAR_MONTH_FORMAT") == month(when)


def test_a_date_printed_without_a_filter_reads_in_the_house_style() -> None:
    page = Template("{{ on }} · {{ on|date }}").render(Context({"on": dt.date(2026, 12, 3)}))
    assert page == "Dec 3, 2026 · Dec 3, 2026"


def test_the_template_filters_write_the_house_style() -> None:
    page = Template(
        "{% load lattice %}{{ a|span:b }}; {{ a|day }}; {{ t|clock }}; {{ a|month }}"
    ).render(Context({"a": dt.date(2026, 11, 28), "b": dt.date(2026, 12, 8), "t": dt.time(9, 5)}))
    assert page == "Nov 28 – Dec 8, 2026; Nov 28, 2026; 9:05 AM; Nov 2026"


# Formats a machine reads, allowed only inside an attribute (``datetime="…"``, ``value="…"``).
MACHINE_FORMATS = {"c", "Y-m-d", "H:i", "Y-m-d\\TH:i", "U"}
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}
FORMATTED = re.compile(r"""\|(date|time):\s*(["'])(.*?)\2""")


def _uses() -> list[tuple[str, str, bool]]:
    """Each ``|date:"…"`` or ``|time:"…"`` in a template: where, its format, and whether it
    sits inside a ``datetime=`` or ``value=`` attribute."""
    root = Path(lattice.__file__).parent
    found = []
    for path in sorted(root.rglob("templates/**/*")):
        if path.suffix not in {".html", ".txt", ".xml", ".ics"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in FORMATTED.finditer(line):
                inside = re.search(r'(datetime|value)="[^"]*$', line[: match.start()])
                where = f"{path.relative_to(root)}:{number}"
                found.append((where, match.group(3), inside is not None))
    return found


def test_no_template_writes_a_date_in_a_format_of_its_own() -> None:
    wrong = [
        f"{where}: |date:{how!r}"
        for where, how, inside_attribute in _uses()
        if how not in NAMED and not (how in MACHINE_FORMATS and inside_attribute)
    ]
    assert not wrong, (
        "Write dates people read with the lattice filters (day, moment, clock, month, span); "
        "machine formats only inside datetime= or value=: " + "; ".join(wrong)
    )


def test_the_guard_finds_the_machine_formats_it_allows() -> None:
    assert any(how == "c" and inside for _, how, inside in _uses())
