"""The pathways app's place in the menus: "Pathways" for the talent office, "My path" for
staff (:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _pathway_pages(scope: Scope) -> list[NavLink]:
    links = []
    if office(scope):
        links.append(NavLink("Pathways", reverse("pathways:district"), "/pathways/office/"))
    # My path is a teacher's: not offered to a principal or a talent officer (who may still
    # open it, and read there that pathways are for teachers).
    if scope.own_staff_id is not None and not (scope.led_periods or scope.officer_district_ids):
        links.append(NavLink("My path", reverse("pathways:my-path"), "/pathways/me/"))
    return links


def register_pages() -> None:
    register(NavEntry("pathways", Menu.MAIN, 100, _pathway_pages))
