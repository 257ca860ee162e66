"""The talent office's district overview and the network office's aggregate page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.lib.suppression import SMALL_NUMBER
from lattice.people import network_page
from lattice.people.access import (
    administered_district,
    districts_administered_by,
    networks_visible_to,
)
from lattice.people.queries import (
    current_school_year,
    network_overview,
    principals_by_school,
    school_headcounts,
    summarise_by_level,
    teacher_count,
)


def district(request: HttpRequest) -> HttpResponse:
    """All schools of the district with this year's headcounts, and a chart."""
    district = administered_district(request)
    year = current_school_year(district)
    schools = school_headcounts(district, year) if year else []
    principals = principals_by_school(schools, year) if year else {}
    for school in schools:
        school.principal_names = principals.get(school.pk, [])
    return render(
        request,
        "people/district.html",
        {
            "district": district,
            "districts": districts_administered_by(request.user).order_by("name"),
            "year": year,
            "schools": schools,
            "levels": summarise_by_level(schools),
            "totals": {
                "schools": len(schools),
                "teachers": teacher_count(district, year) if year else 0,
                "teacher_fte": sum((s.teacher_fte for s in schools), start=0),
                "title_i": sum(1 for s in schools if s.title_i),
            },
            "chart": [(s.name, s.teachers) for s in schools],
        },
    )


def network(request: HttpRequest) -> HttpResponse:
    """The districts of the user's network(s): aggregate counts only, never individuals, each
    suppressed by the people app's reads before the page sees it (network_overview)."""
    networks = list(networks_visible_to(request.user))
    if not networks:
        raise Http404("No network")
    sections = []
    for net in networks:
        overview = network_overview(net)
        sections.append(
            {
                "network": net,
                "overview": overview,
                "chart": [(d.district_name, d.teachers) for d in overview.districts],
            }
        )
    return render(
        request,
        "people/network.html",
        {
            "sections": sections,
            "app_sections": network_page.sections(),
            "threshold": SMALL_NUMBER,
        },
    )
