"""The councils app's place in the menus: "Councils" for the district's staff and office."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _home(scope: Scope) -> list[NavLink]:
    if office(scope) or scope.own_staff_id is not None:
        return [NavLink("Councils", reverse("councils:home"), "/councils/")]
    return []


def register_pages() -> None:
    register(NavEntry("councils", Menu.MAIN, 120, _home))
