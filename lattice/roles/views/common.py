"""Helpers shared by the roles pages: the district a page is about, today, POST-only actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from lattice.people.access import districts_administered_by, own_staff, scope_for
from lattice.people.models import District
from lattice.roles.actions import RoleError

__all__ = ["district_for", "is_officer", "run_action", "today"]


def today() -> dt.date:
    return timezone.localdate()


def is_officer(request: HttpRequest, district: District) -> bool:
    scope = scope_for(request.user)
    return scope.is_superuser or district.pk in scope.officer_district_ids


def district_for(request: HttpRequest) -> District:
    """The district a roles page is about: an officer's (``?district=KEY``) or the user's own."""
    administered = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district")
    if administered.exists():
        found = (administered.filter(key=key).first() if key else None) or administered.first()
        if found is not None:
            return found
    staff = own_staff(request.user)
    if staff is not None:
        return staff.district
    raise Http404("No district")


def run_action(
    request: HttpRequest, success: str, redirect_to: str, fn: Any, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Call a named action; report its RoleError as a message instead of crashing."""
    try:
        fn(*args, **kwargs)
    except RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(redirect_to)
