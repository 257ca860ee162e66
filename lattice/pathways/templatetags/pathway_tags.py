"""Template helpers for pathways pages: money, and server-rendered SVG charts."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.urls import reverse

from lattice.pathways.queries import path_view, pay_statement, standing_for
from lattice.people.access import scope_for
from lattice.people.models import StaffMember

register = template.Library()

PALETTE = ["#2f6fb3", "#0a6b5b", "#8a4fbf", "#b35a00", "#a3141b", "#4a5360"]


@register.filter
def money(value: Any) -> str:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "—"
    sign = "−" if number < 0 else ""
    return f"{sign}${abs(number):,}"


@register.filter
def signed_money(value: Any) -> str:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "—"
    return ("+" if number > 0 else "") + money(number)


@register.inclusion_tag("pathways/_progress_chart.html")
def progress_chart(points: list[Any], chart_id: str = "progress") -> dict[str, Any]:
    """Salary by school year as a step line with a dot per year, labelled with the standing.

    The y axis starts a little below the lowest salary so movements are visible; the values
    are printed on the chart and listed in the description for screen readers.
    """
    width, height = 720, 300
    left, right, top, bottom = 78, 20, 24, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [p.total for p in points] or [0]
    low, high = min(totals), max(totals)
    span = max(high - low, 1)
    # Three equal tick steps of whole thousands, so no two tick labels read the same even
    # when pay did not change (a flat line sits in the middle of a $3,000+ band).
    tick = max(math.ceil((span * 1.4 + 2000) / 3 / 1000), 1) * 1000
    floor = max(math.floor((low - span * 0.25 - 1000) / 1000) * 1000, 0)
    ceiling = floor + 3 * tick
    step = plot_w / max(len(points), 1)

    def y_of(value: float) -> float:
        return round(top + plot_h - (value - floor) / (ceiling - floor) * plot_h, 1)

    dots = []
    path = []
    for index, point in enumerate(points):
        x0 = left + index * step
        x = round(x0 + step / 2, 1)
        y = y_of(point.total)
        path.append(f"{'M' if index == 0 else 'L'}{round(x0, 1)},{y} L{round(x0 + step, 1)},{y}")
        previous = points[index - 1] if index else None
        dots.append(
            {
                "x": x,
                "y": y,
                "label": point.label,
                "where": point.where,
                "total": point.total,
                "banked": point.banked,
                "changed": previous is None or previous.where != point.where,
                "text_y": max(y - 10, top + 10),
            }
        )
    ticks = []
    for i in range(4):
        value = floor + (ceiling - floor) * i / 3
        ticks.append({"y": y_of(value), "label": f"${value / 1000:,.0f}k"})  # whole thousands
    show_every = max(1, len(points) // 8)
    for index, dot in enumerate(dots):
        dot["show_label"] = index % show_every == 0 or index == len(dots) - 1
        # Keep standing labels inside the plot: the first starts at its dot, the last ends.
        dot["anchor"] = "middle"
        if dot["x"] - left < 90:
            dot["anchor"] = "start"
            dot["text_x"] = max(dot["x"] - 8, left + 4)
        elif width - right - dot["x"] < 90:
            dot["anchor"] = "end"
            dot["text_x"] = dot["x"] + 8
        else:
            dot["text_x"] = dot["x"]
    return {
        "chart_id": chart_id,
        "width": width,
        "height": height,
        "left": left,
        "right_x": width - right,
        "base_y": top + plot_h,
        "label_y": top + plot_h + 20,
        "where_y": top + plot_h + 38,
        "path": " ".join(path),
        "dots": dots,
        "ticks": ticks,
    }


@register.inclusion_tag("pathways/_stacked_chart.html")
def stacked_chart(
    rows: list[tuple[str, list[int], int]], names: list[str], chart_id: str, title: str
) -> dict[str, Any]:
    """Horizontal stacked bars: one bar per school, one segment per pathway, with a legend."""
    bar_h, gap, label_w, width = 24, 10, 250, 760
    plot = width - label_w - 60
    top_total = max((total for _, _, total in rows), default=0) or 1
    bars = []
    for index, (school, counts, total) in enumerate(rows):
        y = index * (bar_h + gap)
        x = label_w
        segments = []
        for pos, count in enumerate(counts):
            w = round(plot * count / top_total, 1)
            if count:
                segments.append(
                    {
                        "x": x,
                        "w": w,
                        "color": PALETTE[pos % len(PALETTE)],
                        "name": names[pos],
                        "count": count,
                    }
                )
            x += w
        bars.append(
            {
                "label": school if len(school) <= 30 else school[:29] + "…",
                "full": school,
                "y": y,
                "text_y": y + bar_h * 0.7,
                "segments": segments,
                "total": total,
                "total_x": x + 6,
            }
        )
    legend = [{"name": n, "color": PALETTE[i % len(PALETTE)]} for i, n in enumerate(names)]
    return {
        "chart_id": chart_id,
        "title": title,
        "bars": bars,
        "legend": legend,
        "width": width,
        "height": max(len(bars) * (bar_h + gap) - gap, bar_h),
        "label_w": label_w,
        "bar_h": bar_h,
    }


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
    links.append(("Notifications", reverse("pathways:notifications")))
    return [{"label": label, "url": url, "current": request.path == url} for label, url in links]


@register.simple_tag(takes_context=True)
def user_standing(context: template.Context) -> Any:
    """The signed-in person's standing and pay (for the summary on their home page)."""
    scope = scope_for(context["request"].user)
    if scope.own_staff_id is None:
        return None
    staff = StaffMember.objects.filter(pk=scope.own_staff_id).first()
    if staff is None:
        return None
    read = standing_for(staff)
    return {"read": read, "view": path_view(read), "pay": pay_statement(staff)}


@register.simple_tag
def staff_standing(staff: StaffMember) -> Any:
    """A person's standing and pay for their staff page (the caller checks who may see it)."""
    read = standing_for(staff)
    return {"read": read, "view": path_view(read), "pay": pay_statement(staff)}
