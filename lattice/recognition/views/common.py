"""Helpers shared by the recognition pages: the district a page is about, POST-only actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from lattice.people.access import districts_administered_by
from lattice.people.models import District
from lattice.recognition.actions import RecognitionError


def office_district(request: HttpRequest) -> District:
    """The district the talent office is working on (``?district=KEY``), or 404 for anyone
    who administers none."""
    administered = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district") or request.POST.get("district")
    found = (administered.filter(key=key).first() if key else None) or administered.first()
    if found is None:
        raise Http404("No district")
    return found


def run_action(
    request: HttpRequest, success: str, redirect_to: str, fn: Any, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Call a named action; show its RecognitionError as a message instead of crashing."""
    try:
        fn(*args, **kwargs)
    except RecognitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(redirect_to)
