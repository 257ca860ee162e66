"""The site's menus as entries the apps register, so no app names another app's pages.

Every app with pages in a menu registers a :class:`NavEntry` when Django starts (its
``AppConfig.ready``); the site shell renders :func:`menu` for the signed-in user. An entry
decides from the user's :class:`~lattice.people.access.Scope` which links to offer (none, one,
or several: a principal's schools), so a menu offers only pages the user may open. The
registry lives here, beside the scope it reads, because every app that registers sits above
the people app (docs/decisions/0008).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse

from lattice.people.access import Scope
from lattice.people.models import School


class Menu(enum.StrEnum):
    """The two menus of every page: the main one, and the signed-in person's account."""

    MAIN = "main"
    ACCOUNT = "account"


@dataclass(frozen=True)
class NavLink:
    """One link of a menu. ``section`` is the path under which it stays current (its own URL
    by default: /imports/ is current on /imports/maplewood/)."""

    label: str
    url: str
    section: str = ""


@dataclass(frozen=True)
class NavEntry:
    """An app's place in a menu: ``links`` gives the scope's links (often none); entries are
    shown by ``order``, lowest first."""

    key: str
    menu: Menu
    order: int
    links: Callable[[Scope], Iterable[NavLink]]


@dataclass(frozen=True)
class MenuItem:
    """A link as a page shows it: marked current when the page is in its section."""

    label: str
    url: str
    current: bool


_entries: dict[str, NavEntry] = {}


def register(entry: NavEntry) -> None:
    """Register ``entry`` (registering a key again replaces it)."""
    _entries[entry.key] = entry


def entries() -> list[NavEntry]:
    """The registered entries in menu order (a copy), for tests and diagnostics."""
    return sorted(_entries.values(), key=lambda e: (e.menu, e.order, e.key))


def menu(scope: Scope, which: Menu, path: str) -> list[MenuItem]:
    """The links of menu ``which`` for ``scope``, marked current for the page at ``path``."""
    return [
        MenuItem(link.label, link.url, path.startswith(link.section or link.url))
        for entry in entries()
        if entry.menu is which
        for link in entry.links(scope)
    ]


def office(scope: Scope) -> bool:
    """Whether the talent-office pages of an app are for ``scope`` (officers, superusers)."""
    return scope.is_officer or scope.is_superuser


# --- the people app's own pages ---------------------------------------------------------------


def _district_pages(scope: Scope) -> list[NavLink]:
    if not office(scope):
        return []
    return [
        NavLink("District", reverse("people:district")),
        NavLink("Staff directory", reverse("people:staff-list")),
        NavLink("Audit log", reverse("people:audit-log")),
    ]


def _network_page(scope: Scope) -> list[NavLink]:
    return [NavLink("Network", reverse("people:network"))] if scope.is_network_officer else []


def _led_schools(scope: Scope) -> list[NavLink]:
    """The school a principal leads now first; schools led in earlier years follow (their
    old lists)."""
    if not scope.is_principal:
        return []
    current = scope.current_led_school_ids()
    schools = School.objects.filter(pk__in=scope.led_school_ids).order_by("name")
    return [
        NavLink(school.name, reverse("people:school", args=[school.pk]))
        for school in sorted(schools, key=lambda s: s.pk not in current)
    ]


def _own_profile(scope: Scope) -> list[NavLink]:
    return [NavLink("My profile", reverse("people:me"))] if scope.own_staff_id is not None else []


def register_people_pages() -> None:
    """The people app's entries: district pages (20), network (70), schools (80), profile
    (90). Other apps place theirs between and after these by ``order``."""
    register(NavEntry("people.district", Menu.MAIN, 20, _district_pages))
    register(NavEntry("people.network", Menu.MAIN, 70, _network_page))
    register(NavEntry("people.schools", Menu.MAIN, 80, _led_schools))
    register(NavEntry("people.profile", Menu.MAIN, 90, _own_profile))


def links(*pairs: tuple[str, str]) -> Callable[[Scope], Iterable[NavLink]]:
    """Shorthand for an entry whose links are always the same (label, URL name) pairs, shown
    to the talent office only: an app's home page in the main menu."""

    def office_links(scope: Scope) -> list[NavLink]:
        return [NavLink(label, reverse(name)) for label, name in pairs] if office(scope) else []

    return office_links
