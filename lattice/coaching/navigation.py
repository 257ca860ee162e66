"""The coaching app's place in the menus: "Coaching" for staff and the talent office."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _coaching_home(scope: Scope) -> list[NavLink]:
    if office(scope) or scope.own_staff_id is not None:
        return [NavLink("Coaching", reverse("coaching:home"), "/coaching/")]
    return []


def register_pages() -> None:
    register(NavEntry("coaching", Menu.MAIN, 125, _coaching_home))
