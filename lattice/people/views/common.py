"""Helpers shared by the people pages: the district a page is about."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from lattice.people.access import districts_administered_by
from lattice.people.models import District


def administered_district(request: HttpRequest) -> District:
    """The district a talent-office page is about: ``?district=KEY`` or the user's first."""
    districts = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district")
    district = (districts.filter(key=key).first() if key else None) or districts.first()
    if district is None:
        raise Http404("No district")
    return district
