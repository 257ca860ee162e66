"""The network app's place in the menu: "Learning network" for the staff and talent offices
of districts (the network office reaches it from its Network page)
(:mod:`lattice.people.navigation`). The link goes to ``/network/mine/``, which finds the
user's network, so building the menu costs no query."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, register


def _network_home(scope: Scope) -> list[NavLink]:
    if scope.is_superuser or scope.is_network_officer:
        return []
    if scope.own_staff_id is None and not scope.is_officer:
        return []
    return [NavLink("Learning network", reverse("network:mine"), "/network/")]


def register_pages() -> None:
    """After the apps' own pages (Leadership roles is 110), so a principal's school and a
    teacher's profile stay first."""
    register(NavEntry("network", Menu.MAIN, 135, _network_home))
