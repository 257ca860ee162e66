"""Server-side SVG charts of a forecast result: plain strings, no Django, no JavaScript.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>`` (the desc
states the numbers a screen-reader user needs); colours come from a palette with at least
3:1 contrast against white, and every series is also named in a legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from lattice.forecast.compare import PolicyComparison
from lattice.forecast.results import ForecastResult, PolicySummary
from lattice.forecast.simulate import BIN_SIDE, BIN_WIDTH
from lattice.rules.records import school_year_label

PALETTE = ("#1f5fa8", "#b3461b", "#2e7d32", "#6a3d9a", "#8a6d00", "#00727a", "#a1246b")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 36, 48


def money(amount: float) -> str:
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 1e9:
        return f"{sign}${value / 1e9:,.2f}bn"
    if value >= 1e6:
        return f"{sign}${value / 1e6:,.1f}M"
    if value >= 1e3:
        return f"{sign}${value / 1e3:,.0f}k"
    return f"{sign}${value:,.0f}"


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 2)]


class _Frame:
    """Maps data to pixels inside the plot area."""

    def __init__(self, x_count: int, low: float, high: float, top: int = TOP) -> None:
        self.ticks = _ticks(low, high)
        self.low, self.high = self.ticks[0], self.ticks[-1]
        self.x_count = max(1, x_count)
        self.top = top
        self.plot_w = WIDTH - LEFT - RIGHT
        self.plot_h = HEIGHT - top - BOTTOM

    def x(self, i: float) -> float:
        return LEFT + (i + 0.5) * self.plot_w / self.x_count

    def y(self, value: float) -> float:
        return self.top + self.plot_h * (1 - (value - self.low) / (self.high - self.low))

    def band(self) -> float:
        return self.plot_w / self.x_count


def _open(chart_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" '
        f'width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]


def _axes(frame: _Frame, x_labels: Sequence[str], y_format: str = "money") -> list[str]:
    out = []
    for tick in frame.ticks:
        y = frame.y(tick)
        text = (
            money(tick)
            if y_format == "money"
            else f"{tick:.0%}"
            if y_format == "share"
            else f"{tick:,.0f}"
        )
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">'
            f"{escape(text)}</text>"
        )
    widest = max((len(label) for label in x_labels), default=1)
    fit = max(1, int(frame.plot_w // (7.5 * widest + 12)))  # labels that fit side by side
    step = max(1, math.ceil(len(x_labels) / min(12, fit)))
    for i, label in enumerate(x_labels):
        if i % step == 0:
            out.append(
                f'<text x="{frame.x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'fill="#333">{escape(label)}</text>'
            )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
    )
    return out


def legend_top(names: Sequence[str]) -> int:
    """Where the plot starts below a legend of ``names`` (wrapped to the chart's width)."""
    return TOP + 16 * (len(_legend_rows(names)) - 1)


def _legend_rows(names: Sequence[str]) -> list[list[tuple[int, str]]]:
    rows: list[list[tuple[int, str]]] = [[]]
    x = LEFT
    for i, name in enumerate(names):
        width = 24 + 7 * len(name[:70])
        if rows[-1] and x + width > WIDTH - RIGHT:
            rows.append([])
            x = LEFT
        rows[-1].append((i, name[:70]))
        x += width
    return rows


def _legend(names: Sequence[str], colours: Sequence[str] = PALETTE) -> list[str]:
    """The series named in words, wrapped onto as many rows as the chart's width needs."""
    out = []
    for row, items in enumerate(_legend_rows(names)):
        x, y = LEFT, 10 + 16 * row
        for i, name in items:
            colour = colours[i % len(colours)]
            out.append(
                f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                f'<text x="{x + 16}" y="{y + 10}" fill="#222">{escape(name)}</text>'
            )
            x += 24 + 7 * len(name)
    return out


def _caption(text: str) -> str:
    return f'<text x="{LEFT}" y="{HEIGHT - 10}" fill="#333">{escape(text)}</text>'


def year_labels(result: ForecastResult) -> list[str]:
    """The forecast's years as school years (``2026-27``), or "year N" without a first year."""
    first = int(result.inputs.get("first_school_year", 0) or 0)
    years = len(result.policies[0].years)
    if not first:
        return [f"year {i + 1}" for i in range(years)]
    return [school_year_label(first + i) for i in range(years)]


def _short(name: str, width: int = 18) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def payroll_fan(result: ForecastResult, chart_id: str = "payroll-fan") -> str:
    """Payroll per year for each policy: the median line and the band holding 80% of runs."""
    policies = result.policies
    years = len(policies[0].years)
    low = min(y.payroll_p10 for p in policies for y in p.years)
    high = max(y.payroll_p90 for p in policies for y in p.years)
    names = [p.title for p in policies]
    frame = _Frame(years, low * 0.995, high * 1.005, legend_top(names))
    labels = year_labels(result)
    desc = "; ".join(
        f"{p.title}: {labels[0]} median {money(p.years[0].payroll_median)}, {labels[-1]} median "
        f"{money(p.years[-1].payroll_median)} (80% of runs {money(p.years[-1].payroll_p10)} to "
        f"{money(p.years[-1].payroll_p90)})"
        for p in policies
    )
    out = _open(chart_id, "Payroll by school year: median and 80% band of runs", desc)
    out += _axes(frame, labels)
    for k, p in enumerate(policies):
        colour = PALETTE[k % len(PALETTE)]
        upper = " ".join(
            f"{frame.x(i):.1f},{frame.y(y.payroll_p90):.1f}" for i, y in enumerate(p.years)
        )
        lower = " ".join(
            f"{frame.x(i):.1f},{frame.y(y.payroll_p10):.1f}"
            for i, y in reversed(list(enumerate(p.years)))
        )
        line = " ".join(
            f"{frame.x(i):.1f},{frame.y(y.payroll_median):.1f}" for i, y in enumerate(p.years)
        )
        out.append(f'<polygon points="{upper} {lower}" fill="{colour}" fill-opacity="0.18"/>')
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    out += _legend(names)
    out.append(_caption("Line: median of runs. Shaded: 10th to 90th percentile of runs."))
    out.append("</svg>")
    return "\n".join(out)


def pathway_shares(
    summary: PolicySummary, chart_id: str = "pathway-shares", labels: Sequence[str] = ()
) -> str:
    """Stacked bars: the share of teachers on each pathway, year by year."""
    years = summary.years
    names = [summary.pathway_name(key) for key in summary.pathways]
    labels = list(labels) or [f"year {y.year}" for y in years]
    frame = _Frame(len(years), 0.0, 1.0, legend_top(names))
    frame.ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    frame.low, frame.high = 0.0, 1.0
    last = years[-1]
    total = sum(last.headcount.values()) or 1.0
    desc = f"{summary.title}, {labels[-1]}: " + ", ".join(
        f"{summary.pathway_name(key)} {last.headcount.get(key, 0.0) / total:.1%}"
        for key in summary.pathways
    )
    out = _open(chart_id, f"Share of teachers by pathway, {summary.title}", desc)
    out += _axes(frame, labels, "share")
    width = frame.band() * 0.7
    for i, year in enumerate(years):
        count = sum(year.headcount.values()) or 1.0
        bottom = 0.0
        for k, key in enumerate(summary.pathways):
            share = year.headcount.get(key, 0.0) / count
            y_top, y_bottom = frame.y(bottom + share), frame.y(bottom)
            out.append(
                f'<rect x="{frame.x(i) - width / 2:.1f}" y="{y_top:.1f}" width="{width:.1f}" '
                f'height="{max(0.0, y_bottom - y_top):.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{escape(labels[i])} {escape(summary.pathway_name(key))}: {share:.1%}"
                "</title></rect>"
            )
            bottom += share
    out += _legend(names)
    out.append("</svg>")
    return "\n".join(out)


def short_bin(offset: int) -> str:
    """``-3`` -> ``-6 to -4``: a histogram bin in thousands of dollars (see simulate.bin_of)."""
    side, width_k = BIN_SIDE, BIN_WIDTH // 1000
    if offset == 0:
        return "0"
    if offset <= -side:
        return f"< -{(side - 1) * width_k}"
    if offset >= side:
        return f"> +{(side - 1) * width_k}"
    if offset < 0:
        near = (-offset - 1) * width_k
        return f"-{-offset * width_k} to {f'-{near}' if near else '0'}"
    near = (offset - 1) * width_k
    return f"{f'+{near}' if near else '0'} to +{offset * width_k}"


def gainers_histogram(
    comparison: PolicyComparison,
    labels: Sequence[str],
    chart_id: str = "gainers",
    names: tuple[str, str] | None = None,
) -> str:
    """How many teachers gain or lose how much in the final year, vs the baseline."""
    counts = list(comparison.histogram)
    # drop empty tails so the bars stay readable
    nonzero = [i for i, c in enumerate(counts) if c]
    first, last = (nonzero[0], nonzero[-1]) if nonzero else (len(counts) // 2, len(counts) // 2)
    shown = range(first, last + 1)
    total = sum(counts) or 1
    middle = len(counts) // 2
    gain = sum(counts[middle + 1 :]) / total
    lose = sum(counts[:middle]) / total
    frame = _Frame(len(shown), 0.0, max(counts[i] for i in shown) / total or 1.0)
    frame.ticks = [t for t in frame.ticks if t <= 1.0]
    frame.high = frame.ticks[-1]
    title, base = names or (comparison.key, comparison.baseline)
    desc = (
        f"{title} compared with {base}, final year: {gain:.1%} of teacher-runs "
        f"gain, {lose:.1%} lose, {counts[middle] / total:.1%} see no change"
    )
    out = _open(chart_id, f"Pay difference per teacher, {title} compared with {base}", desc)
    out += _axes(frame, ["" for _ in shown], "share")
    width = frame.band() * 0.85
    for j, i in enumerate(shown):
        share = counts[i] / total
        colour = PALETTE[1] if i < middle else PALETTE[2] if i > middle else "#666"
        y = frame.y(share)
        out.append(
            f'<rect x="{frame.x(j) - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{frame.y(0.0) - y:.1f}" fill="{colour}">'
            f"<title>{escape(labels[i])}: {share:.1%}</title></rect>"
        )
    every = max(1, math.ceil(len(shown) / 8))
    for j, i in enumerate(shown):
        if j % every == 0:
            out.append(
                f'<text x="{frame.x(j):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11" fill="#333">{escape(short_bin(i - middle))}</text>'
            )
    out.append(
        f'<text x="{LEFT}" y="{HEIGHT - 10}" fill="#333">Pay difference per teacher '
        f"(thousands of final-year dollars)</text>"
    )
    out += _legend(["paid less", "no change", "paid more"], (PALETTE[1], "#666", PALETTE[2]))
    out.append("</svg>")
    return "\n".join(out)


def cost_by_group(result: ForecastResult, chart_id: str = "cost-by-group") -> str:
    """Final-year payroll in high-poverty and other schools, per policy."""
    policies = result.policies
    high = max(max(p.years[-1].cost_high_poverty, p.years[-1].cost_other) for p in policies)
    frame = _Frame(len(policies), 0.0, high * 1.05 or 1.0)
    desc = "; ".join(
        f"{p.title}: high-poverty schools {money(p.years[-1].cost_high_poverty)} (mean salary "
        f"{money(p.years[-1].salary_high_poverty)}), other schools {money(p.years[-1].cost_other)}"
        f" (mean salary {money(p.years[-1].salary_other)})"
        for p in policies
    )
    out = _open(chart_id, "Final-year payroll by school group", desc)
    out += _axes(frame, [_short(p.title) for p in policies])
    width = frame.band() * 0.3
    for i, p in enumerate(policies):
        last = p.years[-1]
        for j, (value, name) in enumerate(
            ((last.cost_high_poverty, "high-poverty"), (last.cost_other, "other"))
        ):
            x = frame.x(i) - width + j * width
            y = frame.y(value)
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{frame.y(0.0) - y:.1f}" '
                f'fill="{PALETTE[j]}"><title>{escape(p.title)} {name}: {money(value)}'
                "</title></rect>"
            )
    out += _legend(["high-poverty schools", "other schools"])
    out.append("</svg>")
    return "\n".join(out)
