"""The coverage dashboard's charts: what each chart shows, drawn with lattice.lib.charts.

Each chart is a horizontal bar chart in its figure; the dashboard view passes the strings
to the template. Values are written with lattice.lib.formatting, like the tables beside them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from lattice.lib.charts import Bar, figure, horizontal_bars
from lattice.lib.formatting import money, percent
from lattice.roles.queries import Dashboard


def _chart(
    bars: Sequence[Bar],
    title: str,
    chart_id: str,
    target: float | None = None,
    target_label: str = "",
    top: float | None = None,
) -> SafeString:
    chart = horizontal_bars(
        bars, title=title, chart_id=chart_id, target=target, target_label=target_label, top=top
    )
    return mark_safe(figure(chart, title))  # lattice.lib.charts escapes every text


def dashboard_charts(d: Dashboard) -> dict[str, SafeString]:
    """Role holders (any position) per 100 teachers by school and by role type, the equity
    of access by school poverty level, and the cost of the leadership system."""
    target = d.settings.target_share_percent
    schools = [
        Bar(
            r.school.name,
            float(r.share * 100),
            f"{r.per_hundred} per 100 ({r.in_roles} holders, {r.teachers} teachers)",
        )
        for r in d.schools
    ]
    schools.append(
        Bar(
            "District",
            float(d.share * 100),
            f"{d.per_hundred} per 100 ({d.in_roles} holders, {d.teachers} teachers)",
        )
    )
    cost = d.cost
    return {
        "school_chart": _chart(
            schools,
            f"Role holders per 100 teachers, {d.year.label}",
            "share-chart",
            target=target,
            target_label=f"target {target}%",
            top=target,
        ),
        "type_chart": _chart(
            [
                Bar(label, float(share * 100), f"{count} ({percent(share)}; target {t}%)")
                for label, count, share, t in d.by_type
            ],
            "Role holders by role type, per 100 teachers",
            "type-chart",
        ),
        "equity_share": _chart(
            [
                Bar(label, float(share * 100), f"{percent(share)} ({held} of {t})")
                for label, t, held, share, _ in d.bands
            ],
            "Role holders per 100 teachers by school poverty level",
            "equity-share",
        ),
        "equity_dollars": _chart(
            [Bar(label, dollars, money(dollars)) for label, _, _, _, dollars in d.bands],
            "Stipend dollars by school poverty level",
            "equity-dollars",
        ),
        "cost_chart": _chart(
            [
                Bar("Supplements", cost.supplements, money(cost.supplements)),
                Bar(
                    "Coverage",
                    cost.coverage_cost,
                    f"{money(cost.coverage_cost)} ({cost.coverage_fte} FTE)",
                ),
                Bar(
                    "Extra contract days",
                    cost.extra_day_cost,
                    f"{money(cost.extra_day_cost)} ({cost.extra_days} days)",
                ),
            ],
            f"Cost of the leadership system, {d.year.label}: {money(cost.total)}",
            "cost-chart",
        ),
    }
