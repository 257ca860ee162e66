"""Role assignments (reflection, renewal), stated interests, the coverage dashboard, suggestions."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.people.access import own_staff
from lattice.people.models import SchoolYear, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year
from lattice.roles import access, actions, charts, costing, optimise, queries
from lattice.roles.forms import InterestForm, ReflectionForm, RenewalForm
from lattice.roles.models import (
    AssignmentStatus,
    LeadershipInterest,
    PanelMember,
    PostingStatus,
    RoleAssignment,
    RoleType,
)
from lattice.roles.qualify import check
from lattice.roles.views.common import district_for, is_officer, run_action, today


def _year(request: HttpRequest, district):  # type: ignore[no-untyped-def]
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
            "rows": rows,
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


def suggestions(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    year = _year(request, district)
    postings = []
    if year is not None:
        postings = [
            p
            for p in access.postings_visible_to(request.user)
            .filter(role__district=district, school_year=year, status=PostingStatus.OPEN)
            .order_by("role__title")
        ]
    staff = list(
        queries.with_facts(
            StaffMember.objects.filter(
                district=district,
                active=True,
                assignments__school_year=year,
                assignments__position__in=list(TEACHING_POSITIONS),
            ).distinct()
        ).order_by("family_name", "given_name")
    )
    interests = {
        i.staff_member_id: i for i in LeadershipInterest.objects.filter(staff_member__in=staff)
    }
    load: dict[int, int] = {}
    for sid in RoleAssignment.objects.filter(
        staff_member__in=staff, school_year=year, status=AssignmentStatus.ACTIVE
    ).values_list("staff_member_id", flat=True):
        load[sid] = load.get(sid, 0) + 1
    applicants, reviewers, audience = {}, {}, {}
    in_force = current_school_year(district)
    for p in postings:
        # Only teachers who see the posting among their openings can apply to it.
        audience[p.pk] = set(access.staff_who_see(p, in_force).values_list("pk", flat=True))
        applicants[p.pk] = set(p.applications.values_list("applicant_id", flat=True))
        reviewers[p.pk] = set(
            PanelMember.objects.filter(panel__posting=p).values_list("reviewer_id", flat=True)
        )
    placements = queries.pathways_of(district, today(), [s.pk for s in staff])
    facts = {s.pk: queries.facts_for(s, today(), placements.get(s.pk)) for s in staff}
    by_id = {s.pk: s for s in staff}
    kinds = dict(RoleType.choices)
    sections, openings, groups, labels = [], [], [], []
    for p in postings:
        fits = []
        for s in staff:
            if s.pk not in audience[p.pk]:
                continue
            q = check(p.role, facts[s.pk], district.rating_labels)
            i = interests.get(s.pk)
            max_load = i.max_roles if i else 1
            f = optimise.fit(
                s.pk,
                q,
                interested=bool(i and p.role.role_type in i.role_types),
                load=load.get(s.pk, 0),
                max_load=max_load,
                kind=kinds.get(p.role.role_type, "these").lower(),
            )
            reasons = f.reasons + (("applied to this posting",) if s.pk in applicants[p.pk] else ())
            if s.pk in reviewers[p.pk]:
                f = replace(f, eligible=False)
                reasons += ("sits on this posting's review panel, so is not suggested",)
            fits.append((f, reasons))
        fits.sort(key=lambda x: (-x[0].score, by_id[x[0].staff_id].family_name))
        free = queries.open_positions(p)
        sections.append(
            {"posting": p, "free": free, "top": [(by_id[f.staff_id], f, r) for f, r in fits[:5]]}
        )
        for n in range(free):
            openings.append({f.staff_id: f.score for f, _ in fits if f.eligible})
            groups.append(p.pk)
            labels.append((p, n + 1))
    capacity = {
        s.pk: max((interests[s.pk].max_roles if s.pk in interests else 1) - load.get(s.pk, 0), 0)
        for s in staff
    }
    plan = optimise.optimal_assignment(openings, capacity, groups)
    rows = [
        (
            labels[i][0],
            by_id.get(plan[i]) if i in plan else None,
            openings[i].get(plan[i]) if i in plan else None,
        )
        for i in range(len(openings))
    ]
    # best fit first within each posting, then number the positions
    rows.sort(key=lambda r: (r[0].role.title, r[0].pk, -(r[2] or -1)))
    numbered, seen = [], {}
    for posting, person, score in rows:
        seen[posting.pk] = seen.get(posting.pk, 0) + 1
        numbered.append((posting, seen[posting.pk], person, score))
    rows = numbered
    return render(
        request,
        "roles/suggestions.html",
        {
            "district": district,
            "year": year,
            "sections": sections,
            "rows": rows,
            "total": sum(r[3] or 0 for r in rows),
        },
    )
