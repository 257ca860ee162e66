"""Accessible SVG charts drawn on the server: the one set of primitives every chart uses.

A chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``,
which states the numbers a screen-reader user needs (pages also show them in a table). The
drawing lives in a view box and the ``chart-svg`` class lets it shrink to the width of the
page, so a chart fits a 390 px phone; labels sit above horizontal bars so long school names
never clip. Colours and sizes are SVG presentation attributes or CSS classes, never inline
``style``, which the Content-Security-Policy refuses. Every text is escaped here.

Plain Python (no Django, no app), so the pure forecast core draws with it too; an
import-linter contract keeps it that way. Django pages mark the returned string safe.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

# Series colours, each at least 3:1 against white (WCAG 1.4.11); every series is also
# named in a legend or a label, so colour never carries meaning alone.
PALETTE = ("#2f6fb3", "#b3461b", "#0a6b5b", "#6a3d9a", "#8a6d00", "#00727a", "#a1246b")


def number(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zero (``12``, ``12.5``)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


_NAMES: dict[str, str] = {"css": "class"}  # keyword -> attribute name, worked out once


def _attrs(attrs: dict[str, object]) -> str:
    """``stroke_width=2`` -> ``stroke-width="2"``; None values are left out."""
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = _NAMES.get(key)
        if name is None:
            name = _NAMES[key] = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):  # a coordinate: digits, a point and a sign only
            out.append(f' {name}="{number(value)}"')
        else:
            out.append(f' {name}="{escape(str(value))}"')
    return "".join(out)


def tip(text: str) -> str:
    """A tooltip for the mark it is placed in (browsers show an SVG ``<title>`` on hover)."""
    return f"<title>{escape(text)}</title>"


def text(x: float, y: float, content: str, **attrs: object) -> str:
    return f"<text{_attrs({'x': float(x), 'y': float(y), **attrs})}>{escape(content)}</text>"


def rect(
    x: float, y: float, width: float, height: float, *, hint: str = "", **attrs: object
) -> str:
    box = {"x": float(x), "y": float(y), "width": float(max(width, 0.0))}
    box["height"] = float(max(height, 0.0))
    return f"<rect{_attrs({**box, **attrs})}>{tip(hint) if hint else ''}</rect>"


def line(x1: float, y1: float, x2: float, y2: float, **attrs: object) -> str:
    ends = {"x1": float(x1), "y1": float(y1), "x2": float(x2), "y2": float(y2)}
    return f"<line{_attrs({**ends, **attrs})}></line>"


def circle(cx: float, cy: float, r: float, *, hint: str = "", **attrs: object) -> str:
    centre = {"cx": float(cx), "cy": float(cy), "r": float(r)}
    return f"<circle{_attrs({**centre, **attrs})}>{tip(hint) if hint else ''}</circle>"


def points(pairs: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{number(x)},{number(y)}" for x, y in pairs)


def polyline(pairs: Iterable[tuple[float, float]], **attrs: object) -> str:
    return f"<polyline{_attrs({'points': points(pairs), 'fill': 'none', **attrs})}></polyline>"


def polygon(pairs: Iterable[tuple[float, float]], **attrs: object) -> str:
    return f"<polygon{_attrs({'points': points(pairs), **attrs})}></polygon>"


def path(d: str, **attrs: object) -> str:
    return f"<path{_attrs({'d': d, **attrs})}></path>"


def svg(chart_id: str, title: str, desc: str, width: int, height: int, body: Iterable[str]) -> str:
    """The chart: a view box of ``width`` × ``height`` that shrinks with the page, named
    for screen readers by ``title`` and described by ``desc``."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" class="chart-svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc or "no data")}</desc>'
    )
    return head + "".join(body) + "</svg>"


def figure(chart: str, caption: str = "", *, css: str = "chart") -> str:
    """A chart in its figure, with a visible caption (escaped)."""
    below = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="{escape(css)}">{chart}{below}</figure>'


def swatch_legend(names: Sequence[str], colours: Sequence[str] = PALETTE) -> str:
    """An HTML legend (for a figcaption): a coloured square and the name of each series."""
    items = "".join(
        f'<span class="legend-item"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" '
        f'focusable="false"><rect width="10" height="10" rx="2" '
        f'fill="{escape(colours[i % len(colours)])}"></rect></svg>{escape(name)}</span>'
        for i, name in enumerate(names)
    )
    return f'<span class="legend">{items}</span>'


# How wide a character of a sans-serif label is, in ems — generous (DejaVu Sans, Chromium's
# fallback on Linux, is among the widest), so two labels laid side by side never touch: an
# even 7 px per 14 px character let "Acknowledged" run into "Recognized".
_NARROW, _WIDE = frozenset("fijlrt.,:;'|!() "), frozenset("mwMW@%")


def text_width(label: str, size: float = 14) -> float:
    """An upper estimate of ``label``'s width at ``size`` px, for laying out chart text."""
    em = 0.0
    for ch in label:
        if ch in _NARROW:
            em += 0.36
        elif ch in _WIDE:
            em += 0.95
        elif ch.isupper() or ch.isdigit() or ch in "$—…":
            em += 0.74
        else:
            em += 0.62
    return em * size


def shorten(label: str, width: int) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


# --- scales and axes ------------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering ``low``..``high``."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 2)]


@dataclass
class Plot:
    """A plot area inside a chart: maps category positions and values to pixels."""

    left: float
    top: float
    width: float
    height: float
    low: float
    high: float
    categories: int = 1

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width

    def band(self) -> float:
        """The width of one category."""
        return self.width / max(1, self.categories)

    def x(self, index: float) -> float:
        """The centre of category ``index``."""
        return self.left + (index + 0.5) * self.band()

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.top + self.height * (1 - (value - self.low) / span)


def value_axis(plot: Plot, ticks: Sequence[float], label: Sequence[str]) -> list[str]:
    """Horizontal grid lines at ``ticks`` with their ``label`` to the left of the plot."""
    out = []
    for value, shown in zip(ticks, label, strict=True):
        y = plot.y(value)
        out.append(line(plot.left, y, plot.right, y, css="grid-line"))
        out.append(text(plot.left - 6, y + 4, shown, text_anchor="end", css="chart-label"))
    return out


def category_axis(plot: Plot, labels: Sequence[str], *, room: float = 7.5) -> list[str]:
    """The base line and the category labels under it, thinned to those that fit."""
    out = [line(plot.left, plot.bottom, plot.right, plot.bottom, css="axis-line")]
    widest = max((len(label) for label in labels), default=1)
    fit = max(1, int(plot.width // (room * widest + 12)))
    step = max(1, math.ceil(len(labels) / min(12, fit)))
    for i, label in enumerate(labels):
        if i % step == 0 and label:
            out.append(
                text(plot.x(i), plot.bottom + 16, label, text_anchor="middle", css="chart-label")
            )
    return out


def legend(
    names: Sequence[str],
    left: float,
    right: float,
    top: float = 10,
    colours: Sequence[str] = PALETTE,
) -> tuple[list[str], float]:
    """The series named in words above a plot, wrapped to its width; returns the marks and
    the height the legend takes."""
    out: list[str] = []
    x, y = left, top
    for i, name in enumerate(names):
        shown = shorten(name, 70)
        width = 16 + text_width(shown) + 20  # the square, the words, the gap to the next
        if x > left and x + width > right:
            x, y = left, y + 16
        out.append(rect(x, y, 12, 12, fill=colours[i % len(colours)]))
        out.append(text(x + 16, y + 10, shown, css="chart-label"))
        x += width
    return out, (y - top + 16) if names else 0


# --- bars -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the plotted value, and the value as the page writes it.

    A ``hidden`` bar (a suppressed count) draws no bar at all, only its words, so its length
    cannot give the count away."""

    label: str
    value: float
    shown: str
    hidden: bool = False


NOTHING_YET = "No figures yet: nothing has been recorded for this chart."


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    target: float | None = None,
    target_label: str = "",
    top: float | None = None,
) -> str:
    """One labelled bar per item, scaled to the largest (or ``top``), with an optional
    dashed target line. Each label sits above its bar so the chart reads on a phone."""
    bar_h, row_h, width = 16, 42, 420
    # Room for the widest value beside its bar (bold, so a little wider than the estimate).
    value_w = max([text_width(b.shown) * 1.05 for b in bars] + [54]) + 12
    plot = width - value_w
    height = max(len(bars), 1) * row_h + 6 + (20 if target is not None else 0)
    scale = max([b.value for b in bars if not b.hidden] + [target or 0, top or 0, 1e-9])
    desc = "; ".join(f"{b.label}: {b.shown}" for b in bars) or NOTHING_YET
    body = [] if bars else [text(0, 24, NOTHING_YET, css="chart-label")]
    if target is not None:
        x, bottom = plot * target / scale, height - 20
        desc += f"; {target_label}"
        body.append(
            line(x, 18, x, bottom, css="chart-target", stroke_width=2, stroke_dasharray="5 3")
        )
        body.append(text(x, bottom + 15, target_label, text_anchor="middle", css="chart-label"))
    for i, b in enumerate(bars):
        y = 4 + i * row_h
        w = 0 if b.hidden else plot * max(b.value, 0) / scale
        body.append(text(0, y + 13, shorten(b.label, 52), css="chart-label"))
        if not b.hidden:
            body.append(rect(0, y + 18, w, bar_h, css="chart-bar", hint=f"{b.label}: {b.shown}"))
        body.append(
            text(w + 6, y + 31, b.shown, css="chart-value chart-why" if b.hidden else "chart-value")
        )
    return svg(chart_id, title, desc, width, height, body)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    names: Sequence[str],
    *,
    title: str,
    chart_id: str,
    colours: Sequence[str] = PALETTE,
) -> str:
    """One bar per row split into a segment per series (``names``), labelled above like
    :func:`horizontal_bars`, with the row's total after it. The legend goes in the caption
    (:func:`swatch_legend`)."""
    bar_h, row_h, width, total_w = 16, 42, 420, 60
    plot = width - total_w
    totals = [sum(counts) for _, counts in rows]
    scale = max(totals, default=0) or 1
    desc_rows = []
    body = []
    for i, ((label, counts), total) in enumerate(zip(rows, totals, strict=True)):
        y = 4 + i * row_h
        parts = ", ".join(f"{c} {names[k]}" for k, c in enumerate(counts) if c)
        desc_rows.append(f"{label}: {parts or 'none'}")
        body.append(text(0, y + 13, shorten(label, 52), css="chart-label"))
        x = 0.0
        for k, count in enumerate(counts):
            w = plot * count / scale
            if count:
                hint = f"{label}: {count} {names[k]}"
                body.append(rect(x, y + 18, w, bar_h, fill=colours[k % len(colours)], hint=hint))
            x += w
        body.append(text(x + 6, y + 31, f"{total:,}", css="chart-value"))
    height = max(len(rows), 1) * row_h + 6
    return svg(chart_id, title, "; ".join(desc_rows), width, height, body)
