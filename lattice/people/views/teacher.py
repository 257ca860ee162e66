"""The teacher's home: their own profile, with the panels other apps add
(``lattice.people.panels``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.people.access import get_visible_staff, scope_for
from lattice.people.panels import ProfilePage, panels_for
from lattice.people.queries import profile_for


def me(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if scope.own_staff_id is None:
        raise Http404("This account is not linked to a staff record.")
    staff = get_visible_staff(request.user, scope.own_staff_id)
    return render(
        request,
        "people/me.html",
        {
            "profile": profile_for(request.user, staff),
            "panels": panels_for(ProfilePage.OWN),
        },
    )
