"""SVG charts of a budget check: the plan's cost with its Monte Carlo band against the budget
line and the money that pays for it, with the cliff year marked. Plain strings, like
``charts``; every chart has a title, a description with its key numbers, and a legend."""

from __future__ import annotations

from html import escape

from lattice.forecast.budget import Report
from lattice.forecast.charts import HEIGHT, LEFT, PALETTE, RIGHT, WIDTH, _axes, _Frame, _open, money


def plan_cost(report: Report, chart_id: str = "budget-cost") -> str:
    """Plan cost by school year: median line and 10th-90th percentile band of runs, the
    budget line (dashed), recurring funds (dotted), and the cliff and first-over years."""
    years = report.years
    labels = [y.label for y in years]
    low = min(min(y.total[0] for y in years), min(y.line for y in years))
    high = max(max(y.total[2] for y in years), max(y.line for y in years))
    frame = _Frame(len(years), low * 0.97, high * 1.03)
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
        from lattice.rules.records import school_year_label

        parts.append(f"cliff year for {cliff[0]}: {school_year_label(cliff[1])}")
    out = _open(chart_id, "Plan cost by school year against the budget line", "; ".join(parts))
    out += _axes(frame, labels)
    upper = " ".join(f"{frame.x(i):.1f},{frame.y(y.total[2]):.1f}" for i, y in enumerate(years))
    lower = " ".join(
        f"{frame.x(i):.1f},{frame.y(y.total[0]):.1f}" for i, y in reversed(list(enumerate(years)))
    )
    median = " ".join(f"{frame.x(i):.1f},{frame.y(y.total[1]):.1f}" for i, y in enumerate(years))
    line = " ".join(f"{frame.x(i):.1f},{frame.y(y.line):.1f}" for i, y in enumerate(years))
    out.append(f'<polygon points="{upper} {lower}" fill="{PALETTE[0]}" fill-opacity="0.18"/>')
    out.append(
        f'<polyline points="{median}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
    )
    out.append(
        f'<polyline points="{line}" fill="none" stroke="{PALETTE[1]}" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
    )
    for marked, colour, word in ((over, PALETTE[1], "over the line"),):
        if marked is not None:
            i = years.index(marked)
            out.append(
                f'<circle cx="{frame.x(i):.1f}" cy="{frame.y(marked.total[1]):.1f}" r="5" '
                f'fill="{colour}"><title>{escape(marked.label)}: {word}</title></circle>'
            )
    if cliff is not None and any(y.year == cliff[1] for y in years):
        i = [y.year for y in years].index(cliff[1])
        x = frame.x(i) - frame.band() / 2
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{frame.y(frame.high):.1f}" '
            f'y2="{frame.y(frame.low):.1f}" stroke="{PALETTE[4]}" stroke-width="2"/>'
        )
        out.append(
            f'<text x="{x + 4:.1f}" y="{frame.y(frame.high) + 14:.1f}" fill="{PALETTE[4]}">'
            f"cliff: {escape(cliff[0])}</text>"
        )
    out += _legend_row(
        [("plan cost, median", PALETTE[0]), ("budget line", PALETTE[1]), ("cliff year", PALETTE[4])]
    )
    out.append(
        f'<text x="{LEFT}" y="{HEIGHT - 10}" fill="#333">Shaded: 10th to 90th percentile '
        "of runs.</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def funding(report: Report, chart_id: str = "budget-funding") -> str:
    """Recurring and one-time funds a year beside what positions and levers cost."""
    years = report.years
    high = (
        max(
            max(y.recurring_funds + y.one_time_funds, y.positions + max(y.levers, 0)) for y in years
        )
        or 1
    )
    frame = _Frame(len(years), 0.0, high * 1.1)
    desc = "; ".join(
        f"{y.label}: recurring {money(y.recurring_funds)}, one-time {money(y.one_time_funds)}, "
        f"positions and changes cost {money(y.positions + y.levers)}"
        for y in years
    )
    out = _open(chart_id, "Funds for positions and changes, by school year", desc)
    out += _axes(frame, [y.label for y in years])
    width = frame.band() * 0.35
    for i, y in enumerate(years):
        x = frame.x(i) - width
        top = frame.y(y.recurring_funds)
        out.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{frame.y(0) - top:.1f}" fill="{PALETTE[2]}">'
            f"<title>{y.label} recurring: {money(y.recurring_funds)}</title></rect>"
        )
        top2 = frame.y(y.recurring_funds + y.one_time_funds)
        out.append(
            f'<rect x="{x:.1f}" y="{top2:.1f}" width="{width:.1f}" '
            f'height="{top - top2:.1f}" fill="{PALETTE[4]}">'
            f"<title>{y.label} one-time: {money(y.one_time_funds)}</title></rect>"
        )
        cost = y.positions + max(y.levers, 0)
        top3 = frame.y(cost)
        out.append(
            f'<rect x="{x + width:.1f}" y="{top3:.1f}" width="{width:.1f}" '
            f'height="{frame.y(0) - top3:.1f}" fill="{PALETTE[0]}">'
            f"<title>{y.label} cost: {money(cost)}</title></rect>"
        )
    out += _legend_row(
        [
            ("recurring funds", PALETTE[2]),
            ("one-time funds", PALETTE[4]),
            ("positions and changes", PALETTE[0]),
        ]
    )
    out.append("</svg>")
    return "\n".join(out)


def _legend_row(items: list[tuple[str, str]]) -> list[str]:
    out, x = [], LEFT
    for name, colour in items:
        out.append(
            f'<rect x="{x}" y="10" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="20" fill="#222">{escape(name)}</text>'
        )
        x += 24 + 7 * len(name)
    assert x <= WIDTH - RIGHT + 200  # legends stay near the chart's width
    return out
