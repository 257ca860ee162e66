"""Template helpers for pathways pages: navigation, standings and SVG charts (drawn with
lattice.lib.charts)."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lattice.lib import charts
from lattice.lib.formatting import money
from lattice.pathways.queries import path_view, pay_statement, standing_for, teaching_staff
from lattice.people.access import scope_for
from lattice.people.models import StaffMember

register = template.Library()

# The size lattice.css gives .chart-label and .chart-value, in view-box units: labels are
# laid out for the size they are drawn at.
LABEL_PX = 14


@register.simple_tag
def progress_chart(points: list[Any], chart_id: str = "progress") -> SafeString:
    """Salary by school year as a step line with a dot per year, labelled with the standing.

    The y axis starts a little below the lowest salary so movements are visible; the values
    are printed on the chart and listed in the description for screen readers. The view box
    is 380 wide, so its 14 px labels still read at 12 px on a phone's 390 px page (the CSS
    never shows it narrower than that); a desktop shows it larger. School years are thinned
    to those that fit.
    """
    width, height = 380, 270
    left, right, top, bottom = 52, 10, 26, 44
    totals = [p.total for p in points] or [0]
    low, high = min(totals), max(totals)
    span = max(high - low, 1)
    # Three equal tick steps of whole thousands, so no two tick labels read the same even
    # when pay did not change (a flat line sits in the middle of a $3,000+ band).
    tick = max(math.ceil((span * 1.4 + 2000) / 3 / 1000), 1) * 1000
    floor = max(math.floor((low - span * 0.25 - 1000) / 1000) * 1000, 0)
    plot = charts.Plot(
        left, top, width - left - right, height - top - bottom, floor, floor + 3 * tick,
        max(len(points), 1),
    )  # fmt: skip
    ticks = [floor + tick * i for i in range(4)]
    body = charts.value_axis(plot, ticks, [money(t, short=True) for t in ticks])
    body.append(charts.line(plot.left, plot.bottom, plot.right, plot.bottom, css="axis-line"))
    steps = []
    for index, point in enumerate(points):
        x0, y = plot.left + index * plot.band(), plot.y(point.total)
        steps.append(f"{'M' if index == 0 else 'L'}{charts.number(x0)},{charts.number(y)}")
        steps.append(f"L{charts.number(x0 + plot.band())},{charts.number(y)}")
    body.append(charts.path(" ".join(steps), css="progress-line"))
    fits = max(1, int((width - left - right) // (charts.text_width("2026-27", LABEL_PX) + 10)))
    show_every = max(1, math.ceil(len(points) / fits))
    for index, point in enumerate(points):
        x, y = plot.x(index), plot.y(point.total)
        changed = index == 0 or points[index - 1].where != point.where
        body.append(
            charts.circle(
                x, y, 6 if changed else 4,
                css="progress-dot progress-dot-move" if changed else "progress-dot",
                hint=f"{point.label}: {point.where}, {money(point.total)}",
            )
        )  # fmt: skip
        if index % show_every and index != len(points) - 1:
            continue
        body.append(
            charts.text(x, plot.bottom + 20, point.label, text_anchor="middle", css="chart-label")
        )
        if changed:
            # Keep standing labels inside the plot: the first starts at its dot, the last ends.
            anchor, at = "middle", x
            half = charts.text_width(point.where, LABEL_PX) / 2
            if x - left < half:
                anchor, at = "start", max(x - 8, left + 4)
            elif width - right - x < half:
                anchor, at = "end", min(x + 8, width - right)
            body.append(
                charts.text(at, max(y - 10, top + 10), point.where, text_anchor=anchor,
                            css="chart-value")
            )  # fmt: skip
    desc = "; ".join(
        f"{p.label}: {p.where}, {money(p.total)}, {p.banked} units banked" for p in points
    )
    svg = charts.svg(chart_id, "Your pay and standing, year by year", desc, width, height, body)
    caption = (
        "Pay each school year (step line) and your standing; larger dots mark a move. "
        "The table below has the same figures."
    )
    return mark_safe(  # lattice.lib.charts escapes every text
        f'<figure class="chart progress-chart">{svg}'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


@register.simple_tag
def stacked_chart(
    rows: list[tuple[str, list[int], int]], names: list[str], chart_id: str, title: str
) -> SafeString:
    """Horizontal stacked bars: one bar per school, one segment per pathway, with a legend."""
    chart = charts.stacked_bars(
        [(school, counts) for school, counts, _ in rows], names, title=title, chart_id=chart_id
    )
    legend = charts.swatch_legend(names)
    return mark_safe(  # lattice.lib.charts escapes every text
        f'<figure class="chart">{chart}<figcaption>{escape(title)}. {legend}</figcaption></figure>'
    )


@register.simple_tag(takes_context=True)
def pathway_tabs(context: template.Context) -> list[dict[str, Any]]:
    """The pathways sub-navigation for the signed-in user."""
    request = context["request"]
    scope = scope_for(request.user)
    links: list[tuple[str, str]] = []
    if scope.own_staff_id is not None:
        links += [
            ("My path", reverse("pathways:my-path")),
            ("My claims", reverse("pathways:my-claims")),
            ("Applications and reviews", reverse("pathways:my-applications")),
        ]
    if scope.is_officer or scope.is_superuser:
        links += [
            ("Claims queue", reverse("pathways:queue")),
            ("District pathways", reverse("pathways:district")),
            ("Cohorts and panel", reverse("pathways:cohorts")),
            ("Policy", reverse("pathways:adopt")),
            ("Payroll", reverse("pathways:payroll")),
        ]
    return [{"label": label, "url": url, "current": request.path == url} for label, url in links]


@register.simple_tag(takes_context=True)
def user_standing(context: template.Context) -> Any:
    """The signed-in person's standing and pay (for the summary on their home page). None for
    a person who never taught (a principal, an officer): My path is a teacher's, so their
    home page does not offer it."""
    scope = scope_for(context["request"].user)
    if scope.own_staff_id is None:
        return None
    staff = teaching_staff_of(scope.own_staff_id, scope.own_district_id)
    if staff is None:
        return None
    read = standing_for(staff)
    return {"read": read, "view": path_view(read), "pay": pay_statement(staff)}


def teaching_staff_of(staff_id: int, district_id: int | None) -> StaffMember | None:
    """The person ``staff_id`` of ``district_id`` (their district, from the scope) if they
    ever taught (pathways are teachers'), in one query."""
    if district_id is None:
        return None
    return teaching_staff(district_id).filter(pk=staff_id).first()


@register.simple_tag
def staff_standing(staff: StaffMember) -> Any:
    """A person's standing and pay for their staff page (the caller checks who may see it)."""
    read = standing_for(staff)
    return {"read": read, "view": path_view(read), "pay": pay_statement(staff)}
