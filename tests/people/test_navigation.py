"""The menus every page shows come from the entries the apps register, by what each persona
may open (lattice.people.navigation)."""

from __future__ import annotations

import re

import pytest

from lattice.people import navigation
from lattice.people.access import scope_for
from lattice.people.navigation import Menu, NavEntry, NavLink, entries, menu, register

MAIN_NAV = re.compile(r'<nav aria-label="Main"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def main_menu(client, path: str = "/roles/") -> list[tuple[str, str, bool]]:
    page = client.get(path, follow=True).content.decode()
    found = MAIN_NAV.search(page)
    assert found, "the page has a main menu"
    return [(label, url, bool(current)) for url, current, label in LINK.findall(found.group(1))]


def labels(items: list[tuple[str, str, bool]]) -> list[str]:
    return [label for label, _, _ in items]


def test_a_teacher_is_offered_their_profile_path_and_roles(cast, client_for):
    assert labels(main_menu(client_for("teacher"))) == [
        "My profile",
        "My path",
        "Leadership roles",
        "Councils",
        "Coaching",
        "Recognition",
        "Learning network",
    ]


def test_a_principal_is_offered_their_school_first_then_their_own_pages_but_not_my_path(
    cast, client_for
):
    assert labels(main_menu(client_for("principal"))) == [
        cast.alder.name,
        "My profile",
        "Leadership roles",
        "Councils",
        "Coaching",
        "Recognition",
        "Learning network",
    ]


def test_the_talent_office_is_offered_every_office_page_in_order(cast, client_for):
    assert labels(main_menu(client_for("officer"))) == [
        "District",
        "Staff directory",
        "Audit log",
        "Imports",
        "Forecasts",
        "Budgets",
        "Pathways",
        "Leadership roles",
        "Councils",
        "Coaching",
        "Recognition",
        "Learning network",
    ]


def test_a_network_officer_is_offered_only_the_network(cast, client_for):
    assert labels(main_menu(client_for("network_officer"), "/network/")) == ["Network"]


def test_the_superuser_is_offered_the_administration_first(cast, client_for):
    assert labels(main_menu(client_for("superuser")))[0] == "Administration"


@pytest.mark.parametrize(
    "persona", ["teacher", "principal", "moved_principal", "officer", "network_officer"]
)
def test_every_link_a_persona_is_offered_opens_for_them(cast, client_for, persona):
    client = client_for(persona)
    for label, url, _ in main_menu(client, "/"):
        assert client.get(url).status_code in (200, 302), (persona, label, url)


def test_a_link_is_current_on_every_page_of_its_section(cast, client_for):
    items = main_menu(client_for("officer"), "/roles/postings/")
    assert [label for label, _, current in items if current] == ["Leadership roles"]


def test_the_account_menu_offers_sign_in_settings_to_the_office_only(cast):
    officer = menu(scope_for(cast.user("officer")), Menu.ACCOUNT, "/")
    teacher = menu(scope_for(cast.user("teacher")), Menu.ACCOUNT, "/")
    assert [item.label for item in officer] == [
        "Password",
        "Two-factor",
        "Session",
        "Sign-in settings",
        "API tokens",
        "Webhooks",
    ]
    assert [item.label for item in teacher] == ["Password", "Two-factor", "Session"]


def test_an_app_joins_a_menu_by_registering_an_entry(cast, client_for, monkeypatch):
    monkeypatch.setattr(navigation, "_entries", dict(navigation._entries))
    register(NavEntry("test.extra", Menu.MAIN, 999, lambda scope: [NavLink("Extra", "/extra/")]))
    assert labels(main_menu(client_for("teacher")))[-1] == "Extra"
    assert entries()[-1].key == "test.extra"
