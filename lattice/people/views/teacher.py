"""The teacher's home: their own profile, with the panels other apps add
(``lattice.people.panels``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.people.access import own_staff
from lattice.people.panels import ProfilePage, panels_for
from lattice.people.queries import profile_for


def me(request: HttpRequest) -> HttpResponse:
    staff = own_staff(request.user)
    if staff is None:
        raise Http404("This account is not linked to a staff record.")
    return render(
        request,
        "people/me.html",
        {
            "profile": profile_for(request.user, staff),
            "panels": panels_for(ProfilePage.OWN),
        },
    )
