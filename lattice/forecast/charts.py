"""Server-side SVG charts of a forecast result: plain strings, no Django, no JavaScript.

Drawn with the shared primitives of :mod:`lattice.lib.charts` (plain Python too): each chart
is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>`` (the desc states the
numbers a screen-reader user needs), shrinks with the page, and names every series in a
legend; money reads as everywhere else (:func:`lattice.lib.formatting.money`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lattice.forecast.compare import PolicyComparison
from lattice.forecast.results import ForecastResult, PolicySummary
from lattice.forecast.simulate import BIN_SIDE, BIN_WIDTH
from lattice.lib.charts import (
    PALETTE,
    Plot,
    category_axis,
    legend,
    nice_ticks,
    polygon,
    polyline,
    rect,
    shorten,
    svg,
    text,
    value_axis,
)
from lattice.lib.formatting import money as _money
from lattice.rules.records import school_year_label

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 78, 16, 36, 48


def money(amount: float) -> str:
    """Money on a chart: short (``$1.2M``), as the axes and descriptions write it."""
    return _money(amount, short=True)


def frame(
    categories: int,
    low: float,
    high: float,
    names: Sequence[str] = (),
    ticks: Sequence[float] = (),
    colours: Sequence[str] = PALETTE,
) -> tuple[Plot, list[float], list[str]]:
    """The plot area under a legend of ``names``, its ticks (round values covering
    ``low``..``high`` unless given) and the legend's marks."""
    marks, room = legend(names, LEFT, WIDTH - RIGHT, colours=colours)
    top = TOP + max(room - 16, 0)
    values = list(ticks) or nice_ticks(low, high)
    plot = Plot(
        LEFT, top, WIDTH - LEFT - RIGHT, HEIGHT - top - BOTTOM, values[0], values[-1], categories
    )
    return plot, values, marks


def axes(
    plot: Plot, ticks: Sequence[float], x_labels: Sequence[str], y_format: str = "money"
) -> list[str]:
    """Grid lines with money, share or count labels, and the category labels below."""
    if y_format == "money":
        shown = [money(t) for t in ticks]
    elif y_format == "share":
        shown = [f"{t:.0%}" for t in ticks]
    else:
        shown = [f"{t:,.0f}" for t in ticks]
    return value_axis(plot, ticks, shown) + category_axis(plot, x_labels)


def caption(words: str) -> str:
    return text(LEFT, HEIGHT - 10, words, css="chart-label")


def chart(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    return svg(chart_id, title, desc, WIDTH, HEIGHT, body)


def year_labels(result: ForecastResult) -> list[str]:
    """The forecast's years as school years (``2026-27``), or "year N" without a first year."""
    first = int(result.inputs.get("first_school_year", 0) or 0)
    years = len(result.policies[0].years)
    if not first:
        return [f"year {i + 1}" for i in range(years)]
    return [school_year_label(first + i) for i in range(years)]


def payroll_fan(result: ForecastResult, chart_id: str = "payroll-fan") -> str:
    """Payroll per year for each policy: the median line and the band holding 80% of runs."""
    policies = result.policies
    years = len(policies[0].years)
    low = min(y.payroll_p10 for p in policies for y in p.years)
    high = max(y.payroll_p90 for p in policies for y in p.years)
    names = [p.title for p in policies]
    plot, ticks, marks = frame(years, low * 0.995, high * 1.005, names)
    labels = year_labels(result)
    desc = "; ".join(
        f"{p.title}: {labels[0]} median {money(p.years[0].payroll_median)}, {labels[-1]} median "
        f"{money(p.years[-1].payroll_median)} (80% of runs {money(p.years[-1].payroll_p10)} to "
        f"{money(p.years[-1].payroll_p90)})"
        for p in policies
    )
    body = axes(plot, ticks, labels)
    for k, p in enumerate(policies):
        colour = PALETTE[k % len(PALETTE)]
        upper = [(plot.x(i), plot.y(y.payroll_p90)) for i, y in enumerate(p.years)]
        lower = [(plot.x(i), plot.y(y.payroll_p10)) for i, y in enumerate(p.years)]
        body.append(polygon(upper + lower[::-1], fill=colour, fill_opacity="0.18"))
        median = [(plot.x(i), plot.y(y.payroll_median)) for i, y in enumerate(p.years)]
        body.append(polyline(median, stroke=colour, stroke_width="2.5"))
    body += marks
    body.append(caption("Line: median of runs. Shaded: 10th to 90th percentile of runs."))
    return chart(chart_id, "Payroll by school year: median and 80% band of runs", desc, body)


def pathway_shares(
    summary: PolicySummary, chart_id: str = "pathway-shares", labels: Sequence[str] = ()
) -> str:
    """Stacked bars: the share of teachers on each pathway, year by year."""
    years = summary.years
    names = [summary.pathway_name(key) for key in summary.pathways]
    labels = list(labels) or [f"year {y.year}" for y in years]
    plot, ticks, marks = frame(len(years), 0.0, 1.0, names, ticks=[0.0, 0.25, 0.5, 0.75, 1.0])
    last = years[-1]
    total = sum(last.headcount.values()) or 1.0
    desc = f"{summary.title}, {labels[-1]}: " + ", ".join(
        f"{summary.pathway_name(key)} {last.headcount.get(key, 0.0) / total:.1%}"
        for key in summary.pathways
    )
    body = axes(plot, ticks, labels, "share")
    width = plot.band() * 0.7
    for i, year in enumerate(years):
        count = sum(year.headcount.values()) or 1.0
        bottom = 0.0
        for k, key in enumerate(summary.pathways):
            share = year.headcount.get(key, 0.0) / count
            y_top, y_bottom = plot.y(bottom + share), plot.y(bottom)
            body.append(
                rect(
                    plot.x(i) - width / 2, y_top, width, y_bottom - y_top,
                    fill=PALETTE[k % len(PALETTE)],
                    hint=f"{labels[i]} {summary.pathway_name(key)}: {share:.1%}",
                )
            )  # fmt: skip
            bottom += share
    body += marks
    return chart(chart_id, f"Share of teachers by pathway, {summary.title}", desc, body)


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
    colours = (PALETTE[1], "#666666", PALETTE[2])
    ticks = [t for t in nice_ticks(0.0, max(counts[i] for i in shown) / total or 1.0) if t <= 1.0]
    legend_names = ["paid less", "no change", "paid more"]
    plot, ticks, marks = frame(len(shown), 0.0, 1.0, legend_names, ticks, colours)
    title, base = names or (comparison.key, comparison.baseline)
    desc = (
        f"{title} compared with {base}, final year: {gain:.1%} of teacher-runs "
        f"gain, {lose:.1%} lose, {counts[middle] / total:.1%} see no change"
    )
    body = axes(plot, ticks, ["" for _ in shown], "share")
    width = plot.band() * 0.85
    for j, i in enumerate(shown):
        share = counts[i] / total
        colour = colours[0] if i < middle else colours[2] if i > middle else colours[1]
        y = plot.y(share)
        body.append(
            rect(plot.x(j) - width / 2, y, width, plot.y(0.0) - y, fill=colour,
                 hint=f"{labels[i]}: {share:.1%}")
        )  # fmt: skip
    every = max(1, math.ceil(len(shown) / 5))  # "+16 to +18" is wide: five labels fit
    for j, i in enumerate(shown):
        if j % every == 0:
            body.append(
                text(plot.x(j), plot.bottom + 16, short_bin(i - middle), text_anchor="middle",
                     css="chart-label")
            )  # fmt: skip
    body.append(caption("Pay difference per teacher (thousands of final-year dollars)"))
    body += marks
    return chart(chart_id, f"Pay difference per teacher, {title} compared with {base}", desc, body)


def cost_by_group(result: ForecastResult, chart_id: str = "cost-by-group") -> str:
    """Final-year payroll in high-poverty and other schools, per policy."""
    policies = result.policies
    high = max(max(p.years[-1].cost_high_poverty, p.years[-1].cost_other) for p in policies)
    plot, ticks, marks = frame(
        len(policies), 0.0, high * 1.05 or 1.0, ["high-poverty schools", "other schools"]
    )
    desc = "; ".join(
        f"{p.title}: high-poverty schools {money(p.years[-1].cost_high_poverty)} (mean salary "
        f"{money(p.years[-1].salary_high_poverty)}), other schools {money(p.years[-1].cost_other)}"
        f" (mean salary {money(p.years[-1].salary_other)})"
        for p in policies
    )
    room = max(12, int(plot.band() / 7.5))  # characters that fit under each pair of bars
    body = axes(plot, ticks, [shorten(p.title, room) for p in policies])
    width = plot.band() * 0.3
    for i, p in enumerate(policies):
        last = p.years[-1]
        for j, (value, name) in enumerate(
            ((last.cost_high_poverty, "high-poverty"), (last.cost_other, "other"))
        ):
            y = plot.y(value)
            body.append(
                rect(plot.x(i) - width + j * width, y, width, plot.y(0.0) - y, fill=PALETTE[j],
                     hint=f"{p.title} {name}: {money(value)}")
            )  # fmt: skip
    body += marks
    return chart(chart_id, "Final-year payroll by school group", desc, body)
