"""The API pages in the talent office's account menu (:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _api_pages(scope: Scope) -> list[NavLink]:
    if not office(scope):
        return []
    return [
        NavLink("API tokens", reverse("api:tokens")),
        NavLink("Webhooks", reverse("api:webhooks")),
    ]


def register_pages() -> None:
    register(NavEntry("api", Menu.ACCOUNT, 20, _api_pages))
