"""The roles home page: what each person can do with leadership roles right now."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.people.access import own_staff
from lattice.people.models import StaffMember
from lattice.roles import access, queries
from lattice.roles.models import ApplicationStatus, Posting, PostingStatus
from lattice.roles.qualify import Qualification, check
from lattice.roles.views.common import district_for, is_officer, today


def home(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    me = own_staff(request.user)
    now = today()
    open_postings = list(
        access.postings_visible_to(request.user)
        .filter(
            role__district=district,
            status=PostingStatus.OPEN,
            opens_on__lte=now,
            closes_on__gte=now,
        )
        .order_by("closes_on")
    )
    qualify: list[tuple[Posting, Qualification]] = []
    gaps: list[tuple[Posting, Qualification]] = []
    mine = []
    holding = []
    if me is not None:
        person = queries.with_facts(StaffMember.objects.filter(pk=me.pk)).get()
        facts = queries.facts_for(person, now)
        for p in open_postings:
            q = check(p.role, facts, district.rating_labels)
            (qualify if q.qualified else gaps).append((p, q))
        mine = list(
            access.applications_visible_to(request.user)
            .filter(applicant=me)
            .order_by("-submitted_at")
        )
        holding = list(
            access.role_assignments_visible_to(request.user)
            .filter(staff_member=me)
            .order_by("-school_year__start")
        )
    offers = [a for a in mine if a.status == ApplicationStatus.OFFERED]
    applied = {a.posting_id for a in mine if a.status != ApplicationStatus.WITHDRAWN}
    return render(
        request,
        "roles/home.html",
        {
            "district": district,
            "me": me,
            "qualify": qualify,
            "gaps": gaps,
            "mine": mine,
            "holding": holding,
            "offers": offers,
            "officer": is_officer(request, district),
            "open_postings": open_postings,
            "applied": applied,
        },
    )
