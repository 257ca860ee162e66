"""Forecast pages: the form and past runs, a run's progress and charts, and downloads.

Every view resolves the district with :func:`get_administered_district`, so only that
district's talent officers (and superusers) get past it; anyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lattice.forecast import charts
from lattice.forecast.needs import in_words
from lattice.forecast.results import ForecastResult, write_csv, write_xlsx
from lattice.forecasts import actions
from lattice.forecasts.forms import ForecastForm
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.tasks import restart_orphans, run_forecast
from lattice.lib.formatting import money
from lattice.people.access import districts_administered_by, get_administered_district
from lattice.people.models import District
from lattice.people.queries import current_school_year, teacher_count

HISTORY_SIZE = 30


def _run(request: HttpRequest, district_key: str, pk: int) -> tuple[District, ForecastRun]:
    district = get_administered_district(request.user, district_key)
    restart_orphans(district)  # a run whose worker died goes to another worker
    return district, get_object_or_404(ForecastRun, pk=pk, district=district)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = list(districts_administered_by(request.user))
    if not districts:
        raise Http404("No such page")
    if len(districts) == 1:  # an officer of one district has nothing to choose: go straight there
        return redirect("forecasts:district", districts[0].key)
    return render(request, "forecasts/home.html", {"districts": districts})


@require_http_methods(["GET", "POST"])
def district_page(request: HttpRequest, district: str) -> HttpResponse:
    place = get_administered_district(request.user, district)
    if request.method == "POST":
        form = ForecastForm(request.POST, district=place)
        if form.is_valid():
            run = actions.request_forecast(request.user, place, form.title(), form.inputs())
            run_forecast.enqueue(run.pk)
            return redirect("forecasts:run", place.key, run.pk)
        status = 400
    else:
        form = ForecastForm(district=place)
        status = 200
    restart_orphans(place)
    runs = ForecastRun.objects.filter(district=place).select_related("created_by")[:HISTORY_SIZE]
    return render(
        request,
        "forecasts/district.html",
        {"district": place, "form": form, "runs": runs},
        status=status,
    )


def _chart_context(result: ForecastResult) -> dict[str, Any]:
    labels = charts.year_labels(result)
    titles = {p.key: p.title for p in result.policies}
    return {
        "fan": charts.payroll_fan(result),
        "shares": [
            charts.pathway_shares(p, f"shares-{i}", labels) for i, p in enumerate(result.policies)
        ],
        "histograms": [
            charts.gainers_histogram(
                c, result.histogram_labels, f"gainers-{i}", (titles[c.key], titles[c.baseline])
            )
            for i, c in enumerate(result.comparisons)
        ],
        "groups": charts.cost_by_group(result),
        "labels": labels,
        "titles": titles,
        "comparisons": [_explained(c, labels, titles) for c in result.comparisons],
        "payroll_tables": [
            (p.title, [(labels[y.year - 1], y) for y in p.years]) for p in result.policies
        ],
        "needs": [(p.title, "; ".join(in_words(p.needs))) for p in result.policies if p.needs],
    }


def _explained(comparison: Any, labels: list[str], titles: dict[str, str]) -> dict[str, Any]:
    """A comparison's years with the sign of every difference put in words."""
    policy, baseline = titles[comparison.key], titles[comparison.baseline]
    rows = []
    for d in comparison.years:
        amount = abs(round(d.payroll_mean))
        if round(d.payroll_mean) > 0:
            words = f"costs {money(amount)} more than {baseline}"
        elif round(d.payroll_mean) < 0:
            words = f"costs {money(amount)} less than {baseline}"
        else:
            words = "costs the same"
        rows.append({"label": labels[d.year - 1], "d": d, "words": words})
    return {"policy": policy, "baseline": baseline, "rows": rows}


@require_GET
def run_detail(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    place, run = _run(request, district, pk)
    context: dict[str, Any] = _progress(place, run)
    result = run.result_object() if run.status == ForecastRun.Status.DONE else None
    if result is not None:
        context |= {"result": result, **_chart_context(result), **_teacher_count(place, run)}
    return render(request, "forecasts/run.html", context)


def _teacher_count(place: District, run: ForecastRun) -> dict[str, Any]:
    """The district page's teacher count on the forecast's first day, to set beside the
    people placed on the pay policy: two definitions, each named on the page (the policy
    pays everyone active who has held a teaching assignment; the count is those with one in
    the school year)."""
    first = (run.result or {}).get("year_one") or {}
    if not first.get("on"):
        return {}
    year = current_school_year(place, dt.date.fromisoformat(first["on"]))
    if year is None:
        return {}
    return {"district_year": year, "district_teachers": teacher_count(place, year)}


@require_GET
def run_progress(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    place, run = _run(request, district, pk)
    response = render(request, "forecasts/_progress.html", _progress(place, run))
    if run.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the result (or the failure) as soon as it lands
    return response


def _progress(place: District, run: ForecastRun) -> dict[str, Any]:
    return {"district": place, "run": run, "seconds_left": run.seconds_left(timezone.now())}


@require_POST
def run_retry(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    """Run a failed forecast again with the same inputs (after a worker died, say)."""
    _, run = _run(request, district, pk)
    if run.status == ForecastRun.Status.FAILED:
        run = actions.retry_forecast(request.user, run)
        run_forecast.enqueue(run.pk)
    return redirect("forecasts:run", district, run.pk)


@require_POST
def run_cancel(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    _, run = _run(request, district, pk)
    actions.request_cancel(request.user, run)
    return redirect("forecasts:run", district, run.pk)


def _result(request: HttpRequest, district: str, pk: int) -> tuple[ForecastRun, ForecastResult]:
    _, run = _run(request, district, pk)
    result = run.result_object()
    if result is None:
        raise Http404("This forecast has no results yet")
    return run, result


@require_GET
def download_csv(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    run, result = _result(request, district, pk)
    response = HttpResponse(write_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="forecast-{run.pk}.csv"'
    return response


@require_GET
def download_xlsx(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    run, result = _result(request, district, pk)
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="forecast-{run.pk}.xlsx"'
    return response
