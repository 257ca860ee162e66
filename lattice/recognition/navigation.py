"""The recognition app's place in the menus: "Recognition" for staff and the talent office."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _recognition(scope: Scope) -> list[NavLink]:
    if office(scope):
        return [NavLink("Recognition", reverse("recognition:office"), "/recognition/")]
    if scope.own_staff_id is not None:
        return [NavLink("Recognition", reverse("recognition:mine"), "/recognition/")]
    return []


def register_pages() -> None:
    register(NavEntry("recognition", Menu.MAIN, 130, _recognition))
