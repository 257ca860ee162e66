"""Evaluation pages (what evaluators and PAR consulting teachers write) and the feedback map
of a school. Neither ever reads an interaction written in a coaching capacity."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lattice.coaching import actions, queries, wall
from lattice.coaching.charts import Group, Link, feedback_diagram, grouped_bars
from lattice.coaching.forms import EvaluationNoteForm, EvaluatorForm
from lattice.coaching.models import Approach
from lattice.coaching.views.common import current_year, me, require_POST, run_action
from lattice.people.access import get_visible_school, scope_for
from lattice.people.models import School, SchoolYear, StaffMember
from lattice.people.queries import today


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = wall.get_evaluation_assignment(request.user, pk)
    person = me(request)
    is_evaluator = person is not None and person.pk == assignment.evaluator_id
    return render(
        request,
        "coaching/evaluation.html",
        {
            "assignment": assignment,
            "items": list(wall.evaluation_interactions(request.user, assignment)),
            "is_evaluator": is_evaluator,
            "form": EvaluationNoteForm() if is_evaluator else None,
        },
    )


@require_POST
def evaluation_note(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = wall.get_evaluation_assignment(request.user, pk)
    form = EvaluationNoteForm(request.POST)
    back = reverse("coaching:evaluation", args=[pk])
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {e[0]}" for f, e in form.errors.items())
        return run_action(request, "", back, _refuse, errors)
    data = form.cleaned_data
    return run_action(
        request, "Saved.", back, actions.record_evaluation_note, request.user, assignment,
        kind=data["kind"], occurred_on=data["occurred_on"], body=data["body"],
    )  # fmt: skip


def _refuse(message: str) -> None:
    raise actions.CoachingError(message)


def _school_and_year(request: HttpRequest, pk: int) -> tuple[School, SchoolYear, bool]:
    """The school (the office's, or one the principal led) and the year shown: the office
    any year, a principal only a year they led it."""
    school = get_visible_school(request.user, pk)
    scope = scope_for(request.user)
    office = wall.can_manage_district(request.user, school.district_id)
    years = SchoolYear.objects.filter(district_id=school.district_id).order_by("-start")
    if not office:
        led = {y for s, y in scope.led_school_years if s == school.pk}
        years = years.filter(pk__in=led)
    chosen = request.GET.get("year")
    year = (years.filter(pk=chosen).first() if chosen and chosen.isdigit() else None) or (
        current_year(school.district) if office else None
    )
    if year is None or not years.filter(pk=year.pk).exists():
        year = years.first()
    if year is None:
        raise Http404("No year")
    return school, year, office or (school.pk, year.pk) in scope.led_school_years_from()


def feedback_map(request: HttpRequest, pk: int) -> HttpResponse:
    school, year, may_assign = _school_and_year(request, pk)
    fmap = queries.feedback_map(school, year)
    labels = dict(Approach.choices)
    order = list(labels)
    used = sorted({e.approach for e in fmap.edges}, key=order.index)
    legend = [str(labels[a]) for a in used]
    diagram = feedback_diagram(
        [(ld.person.pk, str(ld.person)) for ld in fmap.loads],
        [(t.pk, str(t)) for t in fmap.teachers],
        [Link(e.giver_id, e.receiver_id, used.index(e.approach)) for e in fmap.edges],
        legend,
        title=f"Who gives feedback to whom at {school}, {year}",
        chart_id="feedback-map",
    )
    plan = queries.plan_of(school, year)
    planned = queries.loads_after_plan(fmap, plan)
    series = ["Before: the principal alone", "Now, with distributed leadership"]
    if plan is not None:
        series.append("After the plan")
    loads_chart = grouped_bars(
        [
            Group(
                row.label,
                [row.before, row.now, row.after][: len(series)],
                [str(row.before), str(row.now), str(row.after)][: len(series)],
            )
            for row in planned
        ],
        series,
        title="Each evaluator's load: before, now"
        + (" and as the plan would make it" if plan else ""),
        chart_id="evaluator-load",
        top=max([max(r.before, r.now, r.after) for r in planned] + [1]),
    )
    people = StaffMember.objects.filter(
        assignments__school=school, assignments__school_year=year, active=True
    ).distinct().order_by("family_name")  # fmt: skip
    years = SchoolYear.objects.filter(district_id=school.district_id).order_by("-start")
    return render(
        request,
        "coaching/feedback_map.html",
        {
            "school": school,
            "year": year,
            "fmap": fmap,
            "diagram": diagram,
            "loads_chart": loads_chart,
            "plan": plan,
            "planned": planned,
            "form": EvaluatorForm(people=[(p.pk, str(p)) for p in people]) if may_assign else None,
            "years": years,
        },
    )


@require_POST
def evaluator_new(request: HttpRequest, pk: int) -> HttpResponse:
    school, year, may_assign = _school_and_year(request, pk)
    if not may_assign:
        raise Http404("No such page")
    people = StaffMember.objects.filter(district_id=school.district_id)
    form = EvaluatorForm(request.POST, people=[(p.pk, str(p)) for p in people])
    back = reverse("coaching:feedback-map", args=[school.pk]) + f"?year={year.pk}"
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[f].label or f}: {e[0]}" for f, e in form.errors.items())
        return run_action(request, "", back, _refuse, errors)
    data = form.cleaned_data
    return run_action(
        request, "Evaluator assigned.", back, actions.assign_evaluator, request.user,
        evaluator=people.get(pk=data["evaluator"]), teacher=people.get(pk=data["teacher"]),
        school=school, year=year, approach=data["approach"], use=data["use"],
    )  # fmt: skip


__all__ = ["evaluation_detail", "evaluation_note", "evaluator_new", "feedback_map", "today"]
