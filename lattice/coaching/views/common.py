"""Helpers of the coaching pages: whose district a page is about, and running an action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from lattice.coaching.actions import CoachingError
from lattice.people.access import districts_administered_by, scope_for
from lattice.people.models import District, SchoolYear, StaffMember
from lattice.people.queries import current_school_year

__all__ = ["current_year", "district_for", "me", "require_POST", "run_action"]


def me(request: HttpRequest) -> StaffMember | None:
    staff_id = scope_for(request.user).own_staff_id
    return StaffMember.objects.filter(pk=staff_id).first() if staff_id else None


def district_for(request: HttpRequest) -> District:
    """An officer's district (``?district=KEY``), else the signed-in person's own."""
    administered = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district")
    found = (administered.filter(key=key).first() if key else None) or administered.first()
    if found is not None:
        return found
    person = me(request)
    if person is not None:
        return person.district
    raise Http404("No district")


def current_year(district: District) -> SchoolYear:
    year = current_school_year(district)
    if year is None:
        raise Http404("The district has no school year yet")
    return year


def run_action(
    request: HttpRequest, success: str, redirect_to: str, fn: Any, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Call a named action; show its refusal as a message instead of failing."""
    try:
        fn(*args, **kwargs)
    except CoachingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(redirect_to)
