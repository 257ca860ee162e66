"""The roles app's place in the menus: "Leadership roles" for staff and the talent office
(:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _roles_home(scope: Scope) -> list[NavLink]:
    if office(scope) or scope.own_staff_id is not None:
        return [NavLink("Leadership roles", reverse("roles:home"), "/roles/")]
    return []


def register_pages() -> None:
    register(NavEntry("roles", Menu.MAIN, 110, _roles_home))
