"""The network app's place in the menu: "Learning network" for the staff and talent office of
a member district (the network office reaches it from its Network page)
(:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.models import District, StaffMember
from lattice.people.navigation import Menu, NavEntry, NavLink, register


def _network_home(scope: Scope) -> list[NavLink]:
    if scope.is_superuser or scope.is_network_officer:
        return []
    ids = set(scope.officer_district_ids)
    if scope.own_staff_id is not None:
        ids.update(
            StaffMember.objects.filter(pk=scope.own_staff_id).values_list("district_id", flat=True)
        )
    if not ids:
        return []
    keys = sorted(
        set(
            District.objects.filter(pk__in=ids, network__isnull=False).values_list(
                "network__key", flat=True
            )
        )
    )
    if not keys:
        return [NavLink("Join a network", reverse("network:join"))] if scope.is_officer else []
    return [NavLink("Learning network", reverse("network:home", args=[keys[0]]), "/network/")]


def register_pages() -> None:
    register(NavEntry("network", Menu.MAIN, 75, _network_home))
