"""The landing page: sends each persona to the home page that fits it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from lattice.people.access import scope_for


def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    persona = scope.persona.key
    if persona == "superuser":
        return redirect("admin:index")
    if persona == "officer":
        return redirect("people:district")
    if persona == "network":
        return redirect("people:network")
    if persona == "principal":
        return redirect("people:school", pk=scope.home_school_id())
    if persona == "teacher":
        return redirect("people:me")
    return render(request, "people/no_access.html", status=200)


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; reveals nothing."""
    return JsonResponse({"status": "ok"})
