"""Staff lists (a school's staff, the district directory) and a person's page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.lib.htmx import HtmxHttpRequest
from lattice.lib.paging import paginate
from lattice.people.access import (
    administered_district,
    get_visible_school,
    get_visible_staff,
    scope_for,
)
from lattice.people.forms import StaffFilterForm
from lattice.people.models import District, School, SchoolYear
from lattice.people.panels import ProfilePage, panels_for
from lattice.people.queries import (
    DirectoryFilter,
    can_view_credentials,
    current_school_year,
    directory,
    filter_choices,
    principals_by_school,
    profile_for,
    staff_years,
)


def _pick_year(request: HttpRequest, years: list[SchoolYear], district: District) -> SchoolYear:
    """The year asked for in ``?year=``, else the current one, else the latest allowed."""
    by_label = {y.label: y for y in years}
    asked = request.GET.get("year", "")
    if asked in by_label:
        return by_label[asked]
    current = current_school_year(district)
    if current is not None and current.label in by_label:
        return by_label[current.label]
    return years[0]


def _staff_list(
    request: HtmxHttpRequest,
    *,
    template: str,
    year: SchoolYear,
    schools: Any,
    school_menu: list[School] | None,
    context: dict[str, Any],
) -> HttpResponse:
    form = StaffFilterForm(request.GET, choices=filter_choices(year, schools), schools=school_menu)
    values = form.cleaned_or_blank()
    f = DirectoryFilter(
        q=(values.get("q") or "").strip(),
        subject=values.get("subject") or "",
        grades=values.get("grades") or "",
        position=values.get("position") or "",
        school_id=values.get("school"),
        sort=values.get("sort") or "name",
    )
    page = paginate(request, directory(request.user, year, schools, f))
    context |= {
        "form": form,
        "page": page,
        "year": year,
        "filters": f,
        "show_school": school_menu is not None,
    }
    if request.htmx:
        return render(request, "people/_staff_results.html", context)
    return render(request, template, context)


def school(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A school's staff for a school year: the principal's home."""
    school = get_visible_school(request.user, pk)
    years = staff_years(request.user, school)
    if not years:
        raise Http404("No such school")
    year = _pick_year(request, years, school.district)
    principals = principals_by_school([school], year).get(school.pk, [])
    profile = school.profiles.filter(school_year=year).first()
    return _staff_list(
        request,
        template="people/school.html",
        year=year,
        schools=School.objects.filter(pk=school.pk),
        school_menu=None,
        context={"school": school, "years": years, "principals": principals, "profile": profile},
    )


def staff_list(request: HtmxHttpRequest) -> HttpResponse:
    """The district staff directory for the talent office."""
    district = administered_district(request)
    years = list(district.school_years.order_by("-start"))
    if not years:
        return render(request, "people/directory.html", {"district": district, "years": []})
    year = _pick_year(request, years, district)
    schools = district.schools.order_by("name")
    return _staff_list(
        request,
        template="people/directory.html",
        year=year,
        schools=schools,
        school_menu=list(schools),
        context={"district": district, "years": years},
    )


def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One person, as much as the viewer may see."""
    staff = get_visible_staff(request.user, pk)
    scope = scope_for(request.user)
    is_officer_view = scope.is_superuser or staff.district_id in scope.officer_district_ids
    return render(
        request,
        "people/staff_detail.html",
        {
            "profile": profile_for(request.user, staff),
            "show_credentials": can_view_credentials(request.user, staff),
            "is_officer_view": is_officer_view,
            "is_self": scope.own_staff_id == staff.pk,
            "panels": panels_for(ProfilePage.OFFICE) if is_officer_view else [],
        },
    )
