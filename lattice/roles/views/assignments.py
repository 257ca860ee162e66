"""Role assignments (reflection, renewal), stated interests, the coverage dashboard, suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.lib.paging import paginate
from lattice.people.access import own_staff
from lattice.people.models import SchoolYear
from lattice.roles import access, actions, charts, costing, queries
from lattice.roles.forms import InterestForm, ReflectionForm, RenewalForm
from lattice.roles.models import (
    LeadershipInterest,
    PostingStatus,
)
from lattice.roles.posting_state import posting_state
from lattice.roles.suggestions import suggest
from lattice.roles.views.common import district_for, is_officer, run_action, today


def _year(request: HttpRequest, district):
    label = request.GET.get("year")
    year = SchoolYear.objects.filter(district=district, label=label).first() if label else None
    return year or queries.current_year(district, today())


def assignment_list(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    year = _year(request, district)
    rows = (
        access.role_assignments_visible_to(request.user)
        .filter(role__district=district, school_year=year)
        .order_by("school__name", "role__title", "staff_member__family_name")
    )
    return render(
        request,
        "roles/assignments.html",
        {
            "district": district,
            "year": year,
            "page": paginate(request, rows),
            "years": SchoolYear.objects.filter(district=district).order_by("-start"),
            "conf": queries.settings_for(district),
        },
    )


def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    a = access.get_visible_role_assignment(request.user, pk)
    holder = own_staff(request.user)
    own = holder is not None and holder.pk == a.staff_member_id
    decide = access.can_decide_renewal(request.user, a)
    form = ReflectionForm(request.POST or None, initial={"reflection": a.reflection})
    if request.method == "POST":
        if not own:
            raise Http404("No such page")
        if form.is_valid():
            return run_action(
                request,
                "Saved your reflection.",
                reverse("roles:assignment", args=[a.pk]),
                actions.record_reflection,
                request.user,
                a,
                form.cleaned_data["reflection"],
            )
    return render(
        request,
        "roles/assignment.html",
        {
            "a": a,
            "own": own,
            "decide": decide,
            "form": form,
            "renewal_form": RenewalForm(initial={"note": a.renewal_note}),
        },
    )


@require_POST
def renewal(request: HttpRequest, pk: int) -> HttpResponse:
    a = access.get_visible_role_assignment(request.user, pk)
    if not access.can_decide_renewal(request.user, a):
        raise Http404("No such page")
    form = RenewalForm(request.POST)
    back = reverse("roles:assignment", args=[a.pk])
    if not form.is_valid():
        messages.error(request, "Decision: choose renew or do not renew.")
        return HttpResponseRedirect(back)
    return run_action(
        request,
        "Saved the renewal decision.",
        back,
        actions.decide_renewal,
        request.user,
        a,
        form.cleaned_data["decision"],
        form.cleaned_data["note"],
    )


def interest(request: HttpRequest) -> HttpResponse:
    me = own_staff(request.user)
    if me is None:
        raise Http404("No such page")
    current = LeadershipInterest.objects.filter(staff_member=me).first()
    initial = (
        {"role_types": current.role_types, "max_roles": current.max_roles, "note": current.note}
        if current
        else None
    )
    form = InterestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        return run_action(
            request,
            "Saved your interests.",
            reverse("roles:interest"),
            actions.save_interest,
            request.user,
            me,
            **form.cleaned_data,
        )
    return render(request, "roles/interest.html", {"form": form, "me": me})


def dashboard(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    year = _year(request, district)
    if year is None:
        return render(request, "roles/dashboard.html", {"district": district, "d": None})
    d = queries.dashboard(district, year, today())
    return render(
        request,
        "roles/dashboard.html",
        {
            "district": district,
            "year": year,
            "d": d,
            **charts.dashboard_charts(d),
            "years": SchoolYear.objects.filter(district=district).order_by("-start"),
            "plan_coverage": (None if d.plan is None else costing.to_decimal(d.plan.coverage_fte)),
        },
    )


def pipeline(request: HttpRequest) -> HttpResponse:
    """The dashboard's pipeline, a page of people at a time: teachers outside a role who
    qualify for at least one active role, and for which."""
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    year = _year(request, district)
    fits = {} if year is None else queries.pipeline_of(district, year, today())
    page = paginate(request, queries.pipeline_people(fits))
    return render(
        request,
        "roles/pipeline.html",
        {
            "district": district,
            "year": year,
            "page": page,
            "rows": [(person, fits.get(person.pk, [])) for person in page.object_list],
            "years": SchoolYear.objects.filter(district=district).order_by("-start"),
        },
    )


def suggestions(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    year = _year(request, district)
    postings = []
    if year is not None:
        postings = list(
            access.postings_visible_to(request.user)
            .filter(role__district=district, school_year=year, status=PostingStatus.OPEN)
            .select_related("role", "school", "school_year")
            .order_by("role__title")
        )
    now = today()
    found = suggest(district, year, postings, now)
    return render(
        request,
        "roles/suggestions.html",
        {
            "district": district,
            "year": year,
            # each posting with its state: selection may still run after the window closed
            "sections": [
                (s, posting_state(s.posting, now, open_positions=s.free)) for s in found.sections
            ],
            "rows": found.rows,
            "total": found.total,
        },
    )
