"""Template helpers: small-number suppression, SVG bar charts and audit values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from lattice.lib import formatting
from lattice.lib.charts import Bar, figure, horizontal_bars
from lattice.lib.formatting import count
from lattice.people.queries import SMALL_NUMBER

register = template.Library()


@register.filter
def small_number(value: Any) -> str:
    """Show counts under the small-number threshold as "<10" (but 0 as 0)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "—"
    if 0 < number < SMALL_NUMBER:
        return f"<{SMALL_NUMBER}"
    return count(number)


@register.filter
def years(value: Decimal | int | float) -> str:
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return f"{text} year" if number == 1 else f"{text} years"


@register.simple_tag
def bar_chart(
    items: list[tuple[str, int]], title: str, chart_id: str, suppress_small: bool = False
) -> SafeString:
    """A horizontal bar chart of (label, count) pairs in its figure (lattice.lib.charts).

    With ``suppress_small``, counts under the small-number threshold get no bar and read "<10".
    """
    bars = [
        Bar(
            label,
            0 if suppress_small and 0 < value < SMALL_NUMBER else value,
            small_number(value) if suppress_small else count(value),
        )
        for label, value in items
    ]
    chart = horizontal_bars(bars, title=title, chart_id=chart_id)
    return mark_safe(figure(chart, title))  # lattice.lib.charts escapes every text


@register.filter
def rating_share(share: Any, total: int) -> float | None:
    """A rating cell's share of all rated teachers (None when the cell is suppressed)."""
    return share.share(total)


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
