"""Template helpers: suppressed counts, SVG bar charts and audit values."""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lattice.lib import formatting
from lattice.lib.charts import Bar, figure, horizontal_bars
from lattice.lib.formatting import count
from lattice.lib.suppression import SMALL_NUMBER

register = template.Library()


SUPPRESSED_WHY = (
    f"Hidden: fewer than {SMALL_NUMBER} people, or it would let a reader work out such a count"
)


@register.filter
def suppressed(value: int | None) -> SafeString:
    """A suppressed count (None) as the word "suppressed" with why; a shown one as a count."""
    if value is None:
        return format_html(
            '<span class="suppressed muted" title="{}">suppressed</span>', SUPPRESSED_WHY
        )
    return format_html("{}", count(value))


@register.filter
def years(value: Decimal | int | float) -> str:
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return f"{text} year" if number == 1 else f"{text} years"


@register.simple_tag
def bar_chart(items: list[tuple[str, int | None]], title: str, chart_id: str) -> SafeString:
    """A horizontal bar chart of (label, count) pairs in its figure (lattice.lib.charts).

    A count of None is suppressed: no bar, only the word "suppressed"."""
    bars = [
        Bar(label, 0, "suppressed", hidden=True)
        if value is None
        else Bar(label, value, count(value))
        for label, value in items
    ]
    chart = horizontal_bars(bars, title=title, chart_id=chart_id)
    return mark_safe(figure(chart, title))  # lattice.lib.charts escapes every text


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def field_label(name: str) -> str:
    """``preferred_name`` → ``Preferred name`` (:func:`lattice.lib.formatting.field_label`)."""
    return formatting.field_label(name)


@register.filter
def shown_value(value: Any, name: Any = None) -> str:
    """An audit value as a person reads it (:func:`lattice.lib.formatting.shown_value`);
    ``value|shown_value:name`` reads a money field's value in dollars."""
    return formatting.shown_value(value, name)


_LEFT = ' <span class="badge">left</span>'


def _escape(value: Any) -> str:
    """``value`` as HTML text: what Django's ``escape`` gives, without its lazy-string wrapper
    (these tables escape a few hundred values a page). For values read from the database and
    plain strings, never for markup already marked safe."""
    return html.escape(str(value))


def _lines(values: Iterable[Any]) -> str:
    """Each value escaped, one line each."""
    return "<br>".join(_escape(v) for v in values)


@register.simple_tag
def staff_rows(people: Iterable[Any], show_school: bool) -> SafeString:
    """The staff table's rows: each person's name (linked to their page, with a "left" badge
    once they have left), employee id, and their assignments' schools (when ``show_school``),
    positions, subjects, grades and FTE, one line per assignment.

    Written in Python rather than as a template loop, and with the standard library's
    ``html.escape`` (what Django's ``escape`` calls) on values read from the database rather
    than ``format_html`` per cell: fifty rows of seven cells were most of the CPU of the
    principal's school page and the office's directory (docs/decisions/0017)."""
    rows = []
    for person in people:
        a = person.year_assignments
        url = _escape(reverse("people:staff-detail", args=[person.pk]))
        name = f"{person.family_name}, {person.preferred_name or person.given_name}"
        school = (
            f'<td data-label="School">{_lines(x.school.name for x in a)}</td>'
            if show_school
            else ""
        )
        rows.append(
            f'<tr><th scope="row"><a href="{url}">{_escape(name)}</a>'
            f"{'' if person.active else _LEFT}</th>"
            f'<td data-label="Employee id">{_escape(person.employee_id)}</td>'
            f"{school}"
            f'<td data-label="Position">{_lines(x.get_position_display() for x in a)}</td>'
            f'<td data-label="Subject">{_lines(x.subject or "—" for x in a)}</td>'
            f'<td data-label="Grades">{_lines(x.grades or "—" for x in a)}</td>'
            f'<td class="num" data-label="FTE">{_lines(x.fte for x in a)}</td></tr>'
        )
    return mark_safe("".join(rows))  # every value above is escaped


@register.simple_tag
def audit_changes(entry: Any) -> SafeString:
    """An audit entry's changed fields as a definition list ("was … → now …"), or a dash.

    Written in Python rather than as nested template loops: the audit log shows fifty
    entries a page, and the loops were most of its CPU (docs/decisions/0017)."""
    return mark_safe(_changes(entry))


def _changes(entry: Any) -> str:
    names = entry.changed_fields
    if not names:
        return "—"
    before, after = entry.before, entry.after
    fields = []
    for name in names:
        was = (
            f'<del><span class="visually-hidden">was </span>'
            f"{_escape(formatting.shown_value(before[name], name))}</del> → "
            if name in before
            else ""
        )
        now = _escape(formatting.shown_value(after[name], name)) if name in after else "(removed)"
        fields.append(
            f"<div><dt>{_escape(formatting.field_label(name))}</dt><dd>{was}"
            f'<ins><span class="visually-hidden">now </span>{now}</ins></dd></div>'
        )
    return f'<dl class="changes">{"".join(fields)}</dl>'


@register.simple_tag
def audit_rows(entries: Iterable[Any]) -> SafeString:
    """The audit log's table rows: when (in the site's time zone), who, the entry's sentence,
    the person it is about (linked to their page) or what it changed, and its changes.

    Written in Python rather than as a template loop, for the reason of :func:`staff_rows`:
    the loop's fifty rows were most of the audit log's CPU (docs/decisions/0017)."""
    rows = []
    for e in entries:
        at = timezone.localtime(e.at)
        person = e.staff_member
        if person is not None:
            url = _escape(reverse("people:staff-detail", args=[person.pk]))
            name = person.display_name
            what = f'<a href="{url}">{_escape(name)}</a>'
            if e.object_label != name:
                what += f'<br><span class="muted">{_escape(e.object_label)}</span>'
        else:
            what = _escape(e.object_label or "—")
        if e.summary:
            what += f'<br><span class="muted">{_escape(e.summary)}</span>'
        rows.append(
            f'<tr><td data-label="When"><time datetime="{at.isoformat()}">'
            f"{_escape(formatting.moment(at))}</time></td>"
            f'<td data-label="Who">{_escape(e.actor_label)}</td>'
            f'<th scope="row">{_escape(e.sentence)}</th>'
            f'<td data-label="What">{what}</td>'
            f'<td data-label="Changes">{_changes(e)}</td></tr>'
        )
    return mark_safe("".join(rows))  # every value above is escaped
