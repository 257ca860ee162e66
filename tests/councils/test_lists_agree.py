"""The councils' lists agree with what a person may open: the bodies they see, the seats they
hold, the votes waiting on them and the decisions of their bodies, on every page that lists
them (the councils home, the register and its CSV, a body's page, the person's home).

The whole councils world at once: Alder's council and the curriculum council (with the
stipend decision it made outside a meeting), the weighted council (where Pat gave Ada a
proxy in "Pilot the maps") and the River Valley cabinet (its decision and a secret vote)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.test import Client

from lattice.councils import actions
from tests.cast import Cast
from tests.councils.cabinet_world import world as cabinet
from tests.councils.world import proxy_world, stipend_decision, world

Clients = Callable[[str], Client]


@pytest.fixture
def everything(cast: Cast) -> None:
    world(cast)
    proxy_world(cast)
    cabinet(cast)
    stipend_decision(cast)


def test_the_councils_home_lists_every_body_ada_can_open_and_no_empty_part_of_column(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    page = client_for("teacher").get("/councils/").content.decode()
    for name in (
        "Alder Leadership Council",
        "Northfield Curriculum Council",
        "Weighted Council",
        "River Valley cabinet",
    ):
        assert name in page
    assert "Part of" not in page


def test_the_register_its_csv_and_each_body_page_list_the_same_decisions(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    client = client_for("officer")
    page = client.get("/councils/decisions/").content.decode()
    csv = client.get("/councils/decisions.csv").content.decode()
    statements = {
        world(cast).alder.pk: "Create a data-coach role",
        world(cast).district.pk: "Pay the Mentor teacher role $5,500",
        cabinet(cast).body.pk: "Make peer observation next year",
    }
    assert "3 decisions" in page
    for body, statement in statements.items():
        assert statement in page
        assert statement in csv
        assert statement in client.get(f"/councils/{body}/").content.decode()


def test_a_decision_link_drops_the_statements_closing_full_stop(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    page = client_for("teacher").get("/councils/decisions/").content.decode()
    assert "Create a data-coach role</a>" in page
    assert "Create a data-coach role.</a>" not in page


def test_a_body_with_decisions_but_no_recorded_rights_says_so_without_contradiction(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    page = client_for("officer").get(f"/councils/{cabinet(cast).body.pk}/").content.decode()
    assert "No decision rights recorded yet, though it has decisions on record below" in page


def test_your_seats_names_each_seat_once_as_the_profile_does(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    client = client_for("teacher")
    home = client.get("/councils/").content.decode()
    profile = client.get("/me/").content.decode()
    assert "Chair, Chair" not in home
    for page in (home, profile):
        assert "Alder Leadership Council</a>: Chair, term until" in page or (
            "Alder Leadership Council: Chair, term until" in page
        )
        assert "Seat 1, member, term until" in page


def test_every_vote_waiting_on_ada_her_own_and_as_pats_proxy_is_on_both_her_pages(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    client = client_for("teacher")
    home = html.unescape(client.get("/councils/").content.decode())
    profile = html.unescape(client.get("/me/").content.decode())
    assert "Later start on Fridays" in home
    assert "Pilot the maps" in home
    assert "You hold Pat Principal's proxy" in home
    assert "Vote: Later start on Fridays" in profile
    assert "Vote: Pilot the maps" in profile
    assert "Cast Pat Principal's vote as their proxy: Pilot the maps" in profile


def test_a_vote_ada_has_cast_no_longer_waits_on_her_home(
    cast: Cast, everything: None, client_for: Clients
) -> None:
    poll = world(cast).open_poll
    actions.cast_ballot(None, poll, cast.teacher_staff, {poll.options.get(meaning="yes").pk: 1})
    profile = client_for("teacher").get("/me/").content.decode()
    assert "Vote: Later start on Fridays" not in profile
    assert "Vote: Pilot the maps" in profile
