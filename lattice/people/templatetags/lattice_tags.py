"""Template helpers: suppressed counts, SVG bar charts and audit values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
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


_ASSIGNMENT_LINE = {
    "school": lambda a: a.school.name,
    "position": lambda a: a.get_position_display(),
    "subject": lambda a: a.subject or "—",
    "grades": lambda a: a.grades or "—",
    "fte": lambda a: a.fte,
}


@register.filter
def assignment_lines(assignments: Any, what: str) -> SafeString:
    """One line per assignment of ``what`` (school, position, subject, grades or fte), each
    escaped, joined by line breaks: a table cell of the staff directory. A filter rather than
    a loop in the template, which cost the directory's 50 rows most of its rendering."""
    line = _ASSIGNMENT_LINE[what]
    return format_html_join(mark_safe("<br>"), "{}", ((line(a),) for a in assignments))


@register.simple_tag
def audit_changes(entry: Any) -> SafeString:
    """An audit entry's changed fields as a definition list ("was … → now …"), or a dash.

    Written in Python rather than as nested template loops: the audit log shows fifty
    entries a page, and the loops were most of its CPU (docs/decisions/0017)."""
    names = entry.changed_fields
    if not names:
        return mark_safe("—")
    before, after = entry.before, entry.after
    rows = format_html_join(
        "",
        '<div><dt>{}</dt><dd>{}<ins><span class="visually-hidden">now </span>{}</ins></dd></div>',
        (
            (
                formatting.field_label(name),
                format_html(
                    '<del><span class="visually-hidden">was </span>{}</del> → ',
                    formatting.shown_value(before[name], name),
                )
                if name in before
                else "",
                formatting.shown_value(after[name], name) if name in after else "(removed)",
            )
            for name in names
        ),
    )
    return format_html('<dl class="changes">{}</dl>', rows)
