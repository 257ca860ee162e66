"""Budget pages for the district's talent and finance office: scenarios, their money and
positions, and the sustainability check with its charts. Every view resolves the district
with :func:`get_administered_district` (others get a 404); writes go through ``actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lattice.budgets import actions
from lattice.budgets.evaluate import run_check
from lattice.budgets.forms import LeverForm, PositionForm, ScenarioForm, SourceForm
from lattice.budgets.models import BudgetScenario
from lattice.forecast.budget import BudgetError
from lattice.forecast.budget_charts import funding, plan_cost
from lattice.forecast.tables import ForecastError
from lattice.forecasts.choices import policy_choices
from lattice.lib.tabular import csv_bytes
from lattice.people.access import districts_administered_by, get_administered_district
from lattice.people.models import District


def _scenario(request: HttpRequest, district: str, pk: int) -> tuple[District, BudgetScenario]:
    place = get_administered_district(request.user, district)
    return place, get_object_or_404(BudgetScenario, pk=pk, district=place)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = list(districts_administered_by(request.user))
    if not districts:
        raise Http404("No such page")
    if len(districts) == 1:  # an officer of one district has nothing to choose: go straight there
        return redirect("budgets:district", districts[0].key)
    return render(request, "budgets/home.html", {"districts": districts})


@require_http_methods(["GET", "POST"])
def district_page(request: HttpRequest, district: str) -> HttpResponse:
    place = get_administered_district(request.user, district)
    form = ScenarioForm(request.POST or None, district=place)
    if request.method == "POST" and form.is_valid():
        scenario = actions.create_scenario(request.user, place, **form.cleaned_data)
        return redirect("budgets:scenario", place.key, scenario.pk)
    status = 400 if request.method == "POST" else 200
    scenarios = BudgetScenario.objects.filter(district=place)
    names = dict(policy_choices(place))  # the pay policy in words, not its form key
    listed = [(s, names.get(s.policy, s.policy)) for s in scenarios]
    return render(
        request,
        "budgets/district.html",
        {"district": place, "form": form, "scenarios": listed},
        status=status,
    )


def _context(place: District, scenario: BudgetScenario, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "district": place,
        "scenario": scenario,
        "sources": scenario.sources.all(),
        "positions": scenario.positions.select_related("source"),
        "levers": scenario.levers.select_related("source"),
        "source_form": forms.get("source_form") or SourceForm(prefix="source"),
        "position_form": forms.get("position_form")
        or PositionForm(prefix="position", scenario=scenario),
        "lever_form": forms.get("lever_form") or LeverForm(prefix="lever", scenario=scenario),
    }
    try:
        checked = run_check(scenario)
    except (BudgetError, ForecastError) as error:
        context["check_error"] = str(error)
        return context
    report = checked.report
    context |= {
        "checked": checked,
        "report": report,
        "cost_chart": plan_cost(report),
        "funding_chart": funding(report),
        "problems": [f for f in report.findings if f.level == "problem"],
        "warnings": [f for f in report.findings if f.level == "warning"],
    }
    return context


@require_GET
def scenario_page(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    place, scenario = _scenario(request, district, pk)
    return render(request, "budgets/scenario.html", _context(place, scenario))


@require_POST
def add_item(request: HttpRequest, district: str, pk: int, kind: str) -> HttpResponse:
    place, scenario = _scenario(request, district, pk)
    if kind == "source":
        form: Any = SourceForm(request.POST, prefix="source")
        if form.is_valid():
            actions.add_funding_source(request.user, scenario, **form.cleaned_data)
            return redirect("budgets:scenario", place.key, scenario.pk)
        forms = {"source_form": form}
    elif kind == "position":
        form = PositionForm(request.POST, prefix="position", scenario=scenario)
        if form.is_valid():
            actions.add_position(request.user, scenario, **form.cleaned_data)
            return redirect("budgets:scenario", place.key, scenario.pk)
        forms = {"position_form": form}
    elif kind == "lever":
        form = LeverForm(request.POST, prefix="lever", scenario=scenario)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "requires_text"}
            actions.add_lever(request.user, scenario, requires=form.requires(), **data)
            return redirect("budgets:scenario", place.key, scenario.pk)
        forms = {"lever_form": form}
    else:
        raise Http404("No such page")
    return render(request, "budgets/scenario.html", _context(place, scenario, **forms), status=400)


@require_POST
def remove_item(request: HttpRequest, district: str, pk: int, kind: str, item: int) -> HttpResponse:
    place, scenario = _scenario(request, district, pk)
    if kind not in ("source", "position", "lever"):
        raise Http404("No such page")
    try:
        label = actions.remove_item(request.user, scenario, kind, item)
    except actions.StillUsed as error:
        messages.error(request, str(error))
    except ObjectDoesNotExist as error:  # gone already, or another scenario's
        raise Http404("No such item") from error
    else:
        messages.success(request, f"Removed {label}.")
    return redirect("budgets:scenario", place.key, scenario.pk)


@require_GET
def check_csv(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    _, scenario = _scenario(request, district, pk)
    try:
        report = run_check(scenario).report
    except (BudgetError, ForecastError) as error:
        raise Http404(str(error)) from error
    header = [
        "School year",
        "Budget line",
        "Plan cost (10th percentile)",
        "Plan cost (median)",
        "Plan cost (90th percentile)",
        "Teacher payroll (median)",
        "Positions",
        "Changes (levers)",
        "Share of runs over the line",
        "Recurring funds",
        "One-time funds",
        "Role supplements on one-time money",
    ]
    rows = [
        [
            y.label,
            y.line,
            round(y.total[0]),
            round(y.total[1]),
            round(y.total[2]),
            round(y.payroll[1]),
            y.positions,
            y.levers,
            round(y.over_share, 3),
            y.recurring_funds,
            y.one_time_funds,
            y.supplements_one_time,
        ]
        for y in report.years
    ]
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="budget-{scenario.pk}.csv"'
    return response
