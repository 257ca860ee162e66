"""Comparisons across the network's districts: shared aggregates only, suppressed, charted,
and as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.lib.suppression import SMALL_NUMBER
from lattice.network import access
from lattice.network.charts import BAR, WIDTH, rate_bars
from lattice.network.comparisons import as_csv, compare
from lattice.network.views.common import today


def comparisons(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    result = compare(network, today())
    charts = []
    for chart_id, title, rates, unit in (
        ("per-100", "Teachers in leadership roles per 100 teachers", result.leaders_per_100, ""),
        ("coverage", "Share of teachers in roles (%), target marked", result.coverage, "%"),
        ("cost", "Cost of leadership roles per teacher ($)", result.cost_per_teacher, ""),
        ("retention", "Last year's teacher leaders still teaching here (%)", result.retention, "%"),
    ):
        bars, height = rate_bars(rates, unit)
        charts.append({"id": chart_id, "title": title, "bars": bars, "height": height})
    return render(
        request,
        "network/compare.html",
        {
            "network": network,
            "result": result,
            "charts": charts,
            "width": WIDTH,
            "bar": BAR,
            "threshold": SMALL_NUMBER,
            "my_districts": access.office_districts(request.user, network),
            "distributions": [
                ("Role holders by type of role", result.role_types),
                ("Teachers by career pathway", result.pathways),
            ],
        },
    )


def comparisons_csv(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    response = HttpResponse(as_csv(compare(network, today())), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{network.key}-comparisons.csv"'
    return response
