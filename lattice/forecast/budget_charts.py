"""SVG charts of a budget check: the plan's cost with its Monte Carlo band against the budget
line and the money that pays for it, with the cliff year marked. Plain strings drawn with
the shared primitives (:mod:`lattice.lib.charts`), like ``charts``; every chart has a title,
a description with its key numbers, and a legend."""

from __future__ import annotations

from lattice.forecast.budget import Report
from lattice.forecast.charts import axes, caption, chart, frame, money
from lattice.lib.charts import PALETTE, circle, line, polygon, polyline, rect, text
from lattice.rules.records import school_year_label


def plan_cost(report: Report, chart_id: str = "budget-cost") -> str:
    """Plan cost by school year: median line and 10th-90th percentile band of runs, the
    budget line (dashed), recurring funds (dotted), and the cliff and first-over years."""
    years = report.years
    labels = [y.label for y in years]
    low = min(min(y.total[0] for y in years), min(y.line for y in years))
    high = max(max(y.total[2] for y in years), max(y.line for y in years))
    names = ["plan cost, median", "budget line", "cliff year"]
    colours = (PALETTE[0], PALETTE[1], PALETTE[4])
    plot, ticks, marks = frame(len(years), low * 0.97, high * 1.03, names, colours=colours)
    cliff = report.cliff_years[0] if report.cliff_years else None
    over = next((y for y in years if y.year == report.first_over_year), None)
    parts = [
        f"{years[0].label}: median plan cost {money(years[0].total[1])} against a line of "
        f"{money(years[0].line)}",
        f"{years[-1].label}: {money(years[-1].total[1])} (80% of runs {money(years[-1].total[0])}"
        f" to {money(years[-1].total[2])}) against {money(years[-1].line)}",
    ]
    if over is not None:
        parts.append(f"first over the line in {over.label}")
    if cliff is not None:
        parts.append(f"cliff year for {cliff[0]}: {school_year_label(cliff[1])}")
    body = axes(plot, ticks, labels)
    upper = [(plot.x(i), plot.y(y.total[2])) for i, y in enumerate(years)]
    lower = [(plot.x(i), plot.y(y.total[0])) for i, y in enumerate(years)]
    body.append(polygon(upper + lower[::-1], fill=PALETTE[0], fill_opacity="0.18"))
    median = [(plot.x(i), plot.y(y.total[1])) for i, y in enumerate(years)]
    body.append(polyline(median, stroke=PALETTE[0], stroke_width="2.5"))
    budget = [(plot.x(i), plot.y(y.line)) for i, y in enumerate(years)]
    body.append(polyline(budget, stroke=PALETTE[1], stroke_width="2", stroke_dasharray="6 4"))
    if over is not None:
        i = years.index(over)
        body.append(
            circle(plot.x(i), plot.y(over.total[1]), 5, fill=PALETTE[1],
                   hint=f"{over.label}: over the line")
        )  # fmt: skip
    if cliff is not None and any(y.year == cliff[1] for y in years):
        i = [y.year for y in years].index(cliff[1])
        x = plot.x(i) - plot.band() / 2
        body.append(line(x, plot.top, x, plot.bottom, stroke=PALETTE[4], stroke_width="2"))
        # the year fits beside the line; the role it cuts is in the description and the list
        label = f"grant cliff {school_year_label(cliff[1])}"
        body.append(text(x + 4, plot.top + 14, label, fill=PALETTE[4]))
    body += marks
    body.append(caption("Shaded: 10th to 90th percentile of runs."))
    return chart(
        chart_id, "Plan cost by school year against the budget line", "; ".join(parts), body
    )


def funding(report: Report, chart_id: str = "budget-funding") -> str:
    """Recurring and one-time funds a year beside what positions and levers cost."""
    years = report.years
    high = (
        max(
            max(y.recurring_funds + y.one_time_funds, y.positions + max(y.levers, 0)) for y in years
        )
        or 1
    )
    names = ["recurring funds", "one-time funds", "positions and changes"]
    colours = (PALETTE[2], PALETTE[4], PALETTE[0])
    plot, ticks, marks = frame(len(years), 0.0, high * 1.1, names, colours=colours)
    desc = "; ".join(
        f"{y.label}: recurring {money(y.recurring_funds)}, one-time {money(y.one_time_funds)}, "
        f"positions and changes cost {money(y.positions + y.levers)}"
        for y in years
    )
    body = axes(plot, ticks, [y.label for y in years])
    width = plot.band() * 0.35
    for i, y in enumerate(years):
        x = plot.x(i) - width
        top = plot.y(y.recurring_funds)
        body.append(
            rect(x, top, width, plot.y(0) - top, fill=colours[0],
                 hint=f"{y.label} recurring: {money(y.recurring_funds)}")
        )  # fmt: skip
        top2 = plot.y(y.recurring_funds + y.one_time_funds)
        body.append(
            rect(x, top2, width, top - top2, fill=colours[1],
                 hint=f"{y.label} one-time: {money(y.one_time_funds)}")
        )  # fmt: skip
        cost = y.positions + max(y.levers, 0)
        top3 = plot.y(cost)
        body.append(
            rect(x + width, top3, width, plot.y(0) - top3, fill=colours[2],
                 hint=f"{y.label} cost: {money(cost)}")
        )  # fmt: skip
    body += marks
    return chart(chart_id, "Funds for positions and changes, by school year", desc, body)
