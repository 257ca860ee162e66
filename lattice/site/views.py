"""The landing page, which sends each persona to the home page that fits it, and the health
check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render

from lattice.people.access import scope_for
from lattice.site.home import home_url


def home(request: HttpRequest) -> HttpResponse:
    url = home_url(scope_for(request.user))
    if url is None:
        return render(request, "site/no_access.html", status=200)
    return HttpResponseRedirect(url)


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; reveals nothing."""
    return JsonResponse({"status": "ok"})
