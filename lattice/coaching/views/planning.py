"""Readiness pages: the surveys, answering one, and the results with the recommendation."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from lattice.coaching import actions, queries, wall
from lattice.coaching.charts import Group, grouped_bars
from lattice.coaching.forms import SurveyForm
from lattice.coaching.models import (
    ReadinessAnswer,
    ReadinessResponse,
    ReadinessSurvey,
    RespondentGroup,
)
from lattice.coaching.readiness import DIMENSIONS, SCALE, STATEMENTS
from lattice.coaching.views.common import current_year, district_for, me, require_POST, run_action
from lattice.people.access import schools_visible_to, scope_for
from lattice.people.models import School


def surveys(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    year = current_year(district)
    found = list(wall.surveys_visible_to(request.user).filter(district=district))
    results = [
        (s, queries.survey_results(s)) for s in found if wall.can_read_results(request.user, s)
    ]
    office = wall.can_manage_district(request.user, district.pk)
    led_now = scope_for(request.user).current_led_school_ids()
    openable = (
        list(schools_visible_to(request.user).filter(district=district))
        if office
        else list(School.objects.filter(pk__in=led_now))
    )
    return render(
        request,
        "coaching/surveys.html",
        {
            "district": district,
            "year": year,
            "surveys": found,
            "results": results,
            "dimensions": DIMENSIONS,
            "openable": openable,
            "office": office,
        },
    )


@require_POST
def survey_new(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    if not (
        wall.can_manage_district(request.user, district.pk)
        or scope_for(request.user).current_led_school_ids()
    ):
        raise Http404("No such page")
    year = current_year(district)
    key = request.POST.get("school", "")
    school = None
    if key:
        school = (
            schools_visible_to(request.user).filter(district=district, pk=key).first()
            if key.isdigit()
            else None
        )
        if school is None:
            raise Http404("No such school")
    return run_action(
        request, "Survey opened: staff can answer it from Coaching → Readiness.",
        reverse("coaching:surveys"), actions.open_survey, request.user, district, year, school,
    )  # fmt: skip


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = wall.get_survey(request.user, pk)
    person = me(request)
    mine = (
        ReadinessResponse.objects.filter(survey=survey, respondent=person).first()
        if person
        else None
    )
    my_answers = (
        dict(ReadinessAnswer.objects.filter(response=mine).values_list("statement", "value"))
        if mine
        else {}
    )
    results = chart = None
    if wall.can_read_results(request.user, survey):
        results = queries.survey_results(survey)
        if results.respondents:
            series = ["Everyone", *[g.label for g in results.by_group]]
            groups = []
            for i, d in enumerate(results.dimensions):
                values = [d.average] + [g.dimensions[i].average for g in results.by_group]
                groups.append(
                    Group(
                        d.name,
                        values,
                        [f"{v:.1f}" if v is not None else "don't know" for v in values],
                    )
                )
            chart = grouped_bars(
                groups, series, title=f"Readiness by dimension, {survey}", chart_id="readiness",
                top=4,
            )  # fmt: skip
    statements = [(s, _in_words(my_answers.get(s.key, "—")) if mine else None) for s in STATEMENTS]
    plan = (
        wall.plans_visible_to(request.user)
        .filter(district=survey.district, school=survey.school, school_year=survey.school_year)
        .first()
    )
    scope = scope_for(request.user)
    may_plan = results is not None and (
        wall.can_manage_district(request.user, survey.district_id)
        or (survey.school_id, survey.school_year_id) in scope.led_school_years_from()
    )
    return render(
        request,
        "coaching/survey.html",
        {
            "survey": survey,
            "results": results,
            "chart": chart,
            "mine": mine,
            "statements": statements,
            "spread": results.spread() if results else {},
            "plan": plan,
            "may_plan": may_plan,
        },
    )


def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = wall.get_survey(request.user, pk)
    person = me(request)
    if person is None or person.district_id != survey.district_id:
        raise Http404("No such survey")
    initial = {}
    mine = ReadinessResponse.objects.filter(survey=survey, respondent=person).first()
    if mine is not None:
        group = mine.group
        for key, value in mine.answers.values_list("statement", "value"):
            initial[key] = "dk" if value is None else str(value)
    else:
        group = _respondent_group(request, survey)
    # A teacher's first answer may speak for the union; a later one keeps its group.
    first_as_teacher = mine is None and group == RespondentGroup.TEACHER
    groups = (group, RespondentGroup.UNION) if first_as_teacher else ()
    form = SurveyForm(request.POST or None, initial=initial, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_survey(
                request.user, survey, respondent=person, group=form.group(group),
                answers=form.answers(),
            )  # fmt: skip
        except actions.CoachingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Thank you: your answers are saved.")
            return HttpResponseRedirect(reverse("coaching:survey", args=[survey.pk]))
    by_dimension = [
        (d, [form[s.key] for s in STATEMENTS if s.dimension == d.key]) for d in DIMENSIONS
    ]
    return render(
        request,
        "coaching/survey_answer.html",
        {
            "survey": survey,
            "form": form,
            "by_dimension": by_dimension,
            "group": RespondentGroup(group).label,
        },
    )


def _in_words(value: object) -> object:
    """An answer as the scale says it ("3 — Mostly true"); None stays "don't know"."""
    return f"{value} — {SCALE[value]}" if isinstance(value, int) and value in SCALE else value


def _respondent_group(request: HttpRequest, survey: ReadinessSurvey) -> str:
    """Whom a first answer speaks for, from the person's position: a school leader answers as
    a principal, the talent office as the district office, everyone else as a teacher (a
    later answer keeps the group of the first)."""
    if scope_for(request.user).is_principal:
        return RespondentGroup.PRINCIPAL
    if wall.can_manage_district(request.user, survey.district_id):
        return RespondentGroup.DISTRICT
    return RespondentGroup.TEACHER
