"""The sign-in pages in the account menu: password, two-factor, and the talent office's
sign-in settings (:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.navigation import Menu, NavEntry, NavLink, office, register


def _sign_in_pages(scope: Scope) -> list[NavLink]:
    links = [
        NavLink("Password", reverse("account_change_password")),
        NavLink("Two-factor", reverse("mfa_index")),
        NavLink("Session", reverse("accounts:session")),
    ]
    if office(scope):
        links.append(NavLink("Sign-in settings", reverse("accounts:settings")))
    return links


def register_pages() -> None:
    register(NavEntry("accounts", Menu.ACCOUNT, 10, _sign_in_pages))
