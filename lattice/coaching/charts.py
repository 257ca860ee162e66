"""Server-rendered SVG charts of the coaching pages: grouped bars (an evaluator's load before
and now; readiness by respondent group) and the feedback map's who-to-whom diagram. Each has
a title and a description listing every value, for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colour-blind-safe series colours (Okabe–Ito), each with a pattern-free label in the legend.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


@dataclass(frozen=True)
class Group:
    label: str
    values: Sequence[float | None]  # one per series; None draws no bar ("nobody knew")
    shown: Sequence[str]


def grouped_bars(
    groups: Sequence[Group], series: Sequence[str], *, title: str, chart_id: str, top: float
) -> SafeString:
    """Horizontal bars, one group per row label, one bar per series, scaled to ``top``."""
    width, bar_h, gap = 420, 12, 4
    value_w = 64
    plot = width - value_w
    row_h = 18 + len(series) * (bar_h + gap) + 8
    per_row = 2 if max((len(name) for name in series), default=0) <= 26 else 1
    legend_h = 22 * ((len(series) + per_row - 1) // per_row)
    height = legend_h + len(groups) * row_h + 4
    desc = "; ".join(
        f"{g.label}: " + ", ".join(f"{s} {v}" for s, v in zip(series, g.shown, strict=True))
        for g in groups
    )
    parts = [
        f'<figure class="chart"><svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'preserveAspectRatio="xMinYMin meet" class="bar-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc or "no data")}</desc>',
    ]
    for i, name in enumerate(series):
        x, y = (i % per_row) * 210, (i // per_row) * 22
        parts.append(
            f'<rect x="{x}" y="{y + 3}" width="14" height="14" fill="{COLOURS[i % 6]}"></rect>'
            f'<text x="{x + 20}" y="{y + 15}" class="chart-label">{escape(name)}</text>'
        )
    scale = top or 1
    for gi, g in enumerate(groups):
        y0 = legend_h + gi * row_h
        parts.append(f'<text x="0" y="{y0 + 14}" class="chart-label">{escape(g.label)}</text>')
        for si, (value, shown) in enumerate(zip(g.values, g.shown, strict=True)):
            y = y0 + 18 + si * (bar_h + gap)
            w = 0 if value is None else round(plot * min(value, scale) / scale, 1)
            parts.append(
                f'<rect x="0" y="{y}" width="{max(w, 1)}" height="{bar_h}" '
                f'fill="{COLOURS[si % 6]}"></rect>'
                f'<text x="{w + 6}" y="{y + bar_h - 1}" class="chart-value">{escape(shown)}</text>'
            )
    parts.append("</svg></figure>")
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class Link:
    giver: int
    receiver: int
    series: int  # index into the legend


def feedback_diagram(
    givers: Sequence[tuple[int, str]],
    receivers: Sequence[tuple[int, str]],
    links: Sequence[Link],
    legend: Sequence[str],
    *,
    title: str,
    chart_id: str,
) -> SafeString:
    """Givers on the left, teachers on the right, a line from each giver to each teacher
    they give feedback to, coloured by approach."""
    width, row = 420, 20
    rows = max(len(givers), len(receivers), 1)
    legend_h = 22 * ((len(legend) + 1) // 2)
    height = legend_h + rows * row + 10
    left_x, right_x = 150, 270
    g_y = {
        pk: legend_h + 14 + i * row * rows / max(len(givers), 1) for i, (pk, _) in enumerate(givers)
    }
    r_y = {pk: legend_h + 14 + i * row for i, (pk, _) in enumerate(receivers)}
    g_name = dict(givers)
    r_name = dict(receivers)
    desc = "; ".join(
        f"{g_name.get(lk.giver, '?')} to {r_name.get(lk.receiver, '?')} ({legend[lk.series]})"
        for lk in links
    )
    parts = [
        f'<figure class="chart"><svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'preserveAspectRatio="xMinYMin meet" class="bar-chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc or "no feedback recorded")}</desc>',
    ]
    for i, name in enumerate(legend):
        x, y = (i % 2) * 210, (i // 2) * 22
        parts.append(
            f'<rect x="{x}" y="{y + 3}" width="14" height="14" fill="{COLOURS[i % 6]}"></rect>'
            f'<text x="{x + 20}" y="{y + 15}" class="chart-label">{escape(name)}</text>'
        )
    for lk in links:
        if lk.giver in g_y and lk.receiver in r_y:
            parts.append(
                f'<line x1="{left_x}" y1="{g_y[lk.giver] - 4:.1f}" x2="{right_x}" '
                f'y2="{r_y[lk.receiver] - 4:.1f}" stroke="{COLOURS[lk.series % 6]}" '
                'stroke-width="1.5" stroke-opacity=".8"></line>'
            )
    for pk, name in givers:
        short = name if len(name) <= 20 else name[:19] + "…"
        parts.append(
            f'<text x="{left_x - 6}" y="{g_y[pk]:.1f}" text-anchor="end" class="chart-label">'
            f"{escape(short)}</text>"
        )
    for pk, name in receivers:
        short = name if len(name) <= 20 else name[:19] + "…"
        parts.append(
            f'<text x="{right_x + 6}" y="{r_y[pk]:.1f}" class="chart-label">{escape(short)}</text>'
        )
    parts.append("</svg></figure>")
    return mark_safe("".join(parts))
