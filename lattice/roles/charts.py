"""Server-rendered SVG charts for the roles pages: horizontal bars with an optional target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # plotted value
    shown: str  # the value as text, e.g. "24%" or "$12,000"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    target: float | None = None,
    target_label: str = "",
    top: float | None = None,
) -> SafeString:
    """An accessible horizontal bar chart (title + description list all values).

    Each label sits above its bar so long school names never clip, and the narrow view box
    keeps text legible when a phone scales the chart down.
    """
    bar_h, row_h, width = 16, 42, 420
    value_w = max([len(b.shown) for b in bars] + [6]) * 9 + 12
    plot = width - value_w
    height = max(len(bars), 1) * row_h + 6 + (20 if target is not None else 0)
    scale = max([b.value for b in bars] + [target or 0, top or 0, 1e-9])
    desc = "; ".join(f"{b.label}: {b.shown}" for b in bars) or "no data"
    if target is not None:
        desc += f"; {target_label}"
    parts = [
        f'<figure class="chart"><svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'preserveAspectRatio="xMinYMin meet" class="bar-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    if target is not None:
        x = round(plot * target / scale, 1)
        bottom = height - 20
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="18" y2="{bottom}" class="chart-target" '
            f'stroke="#a3141b" stroke-width="2" stroke-dasharray="5 3"></line>'
            f'<text x="{x}" y="{bottom + 15}" text-anchor="middle" class="chart-label">'
            f"{escape(target_label)}</text>"
        )
    for i, b in enumerate(bars):
        y = 4 + i * row_h
        w = round(plot * b.value / scale, 1)
        label = b.label if len(b.label) <= 52 else b.label[:51] + "…"
        parts.append(
            f'<text x="0" y="{y + 13}" class="chart-label">{escape(label)}</text>'
            f'<rect x="0" y="{y + 18}" width="{w}" height="{bar_h}" class="chart-bar"></rect>'
            f'<text x="{w + 6}" y="{y + 31}" class="chart-value">{escape(b.shown)}</text>'
        )
    parts.append(f"</svg><figcaption>{escape(title)}</figcaption></figure>")
    return mark_safe("".join(parts))  # every text above is escaped
