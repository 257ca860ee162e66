"""The landing page, which sends each persona to the home page that fits it, and the health
check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from lattice.people.access import Scope, scope_for


def home_url(scope: Scope) -> str | None:
    """The home page of ``scope``'s persona, or None for an account with no access yet."""
    persona = scope.persona.key
    if persona == "superuser":
        return reverse("admin:index")
    if persona == "officer":
        return reverse("people:district")
    if persona == "network":
        return reverse("people:network")
    if persona == "principal":
        return reverse("people:school", args=[scope.home_school_id()])
    if persona == "teacher":
        return reverse("people:me")
    return None


def home(request: HttpRequest) -> HttpResponse:
    url = home_url(scope_for(request.user))
    if url is None:
        return render(request, "site/no_access.html", status=200)
    return HttpResponseRedirect(url)


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; reveals nothing."""
    return JsonResponse({"status": "ok"})
