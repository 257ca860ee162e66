"""Template helpers: small-number suppression, SVG bar charts and audit values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

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
    return f"{number:,}"


@register.filter
def percent(value: Any, digits: int = 0) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def years(value: Decimal | int | float) -> str:
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return f"{text} year" if number == 1 else f"{text} years"


@register.inclusion_tag("people/_bar_chart.html")
def bar_chart(
    items: list[tuple[str, int]], title: str, chart_id: str, suppress_small: bool = False
) -> dict[str, Any]:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, value), scaled to the
    largest. Each label sits above its bar, so the chart stays legible on a phone.

    With ``suppress_small``, values under the small-number threshold get no bar and read "<10".
    """
    width, bar_height, row_height, value_room = 420, 14, 40, 56
    plot = width - value_room
    values = [0 if suppress_small and 0 < v < SMALL_NUMBER else v for _, v in items]
    top = max(values, default=0) or 1
    bars = []
    for index, ((label, value), shown) in enumerate(zip(items, values, strict=True)):
        y = index * row_height
        bar_width = round(plot * shown / top, 1)
        bars.append(
            {
                "label": label if len(label) <= 52 else label[:51] + "…",
                "full_label": label,
                "label_y": y + 14,
                "bar_y": y + 20,
                "text_y": y + 20 + bar_height - 2,
                "width": bar_width,
                "value_x": bar_width + 6,
                "value": small_number(value) if suppress_small else f"{value:,}",
            }
        )
    return {
        "bars": bars,
        "title": title,
        "chart_id": chart_id,
        "width": width,
        "height": max(len(bars) * row_height, row_height),
        "bar_height": bar_height,
    }


@register.filter
def rating_share(share: Any, total: int) -> float | None:
    """A rating cell's share of all rated teachers (None when the cell is suppressed)."""
    return share.share(total)


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def field_label(name: str) -> str:
    """``preferred_name`` → ``Preferred name``."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@register.filter
def shown_value(value: Any) -> str:
    """An audit value as a person reads it: blanks and nothing say so."""
    if value is None:
        return "(none)"
    if value == "":
        return "(blank)"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
