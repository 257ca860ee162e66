"""Member districts join and leave; a district outside the network sees none of its pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lattice.network import actions
from lattice.network.models import Measure, Membership, SharingChoice
from lattice.people import actions as people_actions
from lattice.people.models import AccessGrant, District
from tests.cast import PASSWORD, enrol_totp, sign_in
from tests.network.world import world

ON = dt.date(2025, 9, 1)


def test_a_district_leaves_and_stops_sharing_at_once(cast: Any) -> None:
    world(cast)
    actions.leave_network(cast.users["officer"], cast.district, on=ON)
    cast.district.refresh_from_db()
    assert cast.district.network is None
    assert not SharingChoice.objects.filter(district=cast.district, shared=True).exists()
    assert Membership.objects.get(district=cast.district).left_on == ON


def test_a_district_that_left_can_join_again_and_its_history_shows_both(cast: Any) -> None:
    actions.leave_network(None, cast.district, on=ON)
    actions.join_network(None, cast.district, cast.network, on=dt.date(2026, 1, 5))
    rows = list(Membership.objects.filter(district=cast.district).order_by("joined_on"))
    assert [(r.left_on, r.joined_on) for r in rows] == [(ON, ON), (None, dt.date(2026, 1, 5))]
    cast.district.refresh_from_db()
    assert cast.district.network == cast.network


def test_a_member_cannot_join_a_second_network(cast: Any) -> None:
    other = people_actions.create_network(None, key="other-net", name="Other Network")
    with pytest.raises(actions.NetworkError, match="leave it first"):
        actions.join_network(None, cast.district, other, on=ON)


def test_the_leave_button_asks_for_a_deliberate_yes(cast: Any, client_for: Any) -> None:
    client = client_for("officer")
    client.post("/network/river-valley/leave/", {"district": "northfield"})
    assert District.objects.get(pk=cast.district.pk).network_id == cast.network.pk
    client.post("/network/river-valley/leave/", {"district": "northfield", "confirm": "yes"})
    assert District.objects.get(pk=cast.district.pk).network_id is None


def test_an_outside_districts_officer_sees_no_network_page_and_may_join(
    cast: Any, client: Any
) -> None:
    world(cast)
    outsider = people_actions.create_district(None, key="elsewhere", name="Elsewhere Schools")
    user = people_actions.create_login(None, username="outsider", password=PASSWORD)
    people_actions.grant_access(None, user, role=AccessGrant.Role.TALENT_OFFICER, district=outsider)
    enrol_totp(user)
    sign_in(client, user)
    idea = world(cast).idea.pk
    for url in (
        "/network/river-valley/",
        "/network/river-valley/library/",
        "/network/river-valley/compare/",
        f"/network/river-valley/ideas/{idea}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post("/network/join/", {"network": cast.network.pk, "district": outsider.pk})
    assert response.status_code == 302
    assert client.get("/network/river-valley/library/").status_code == 200
    assert Membership.objects.filter(district=outsider, left_on__isnull=True).exists()


def test_sharing_is_opted_into_measure_by_measure(cast: Any, client_for: Any) -> None:
    client = client_for("other_officer")
    client.post(
        "/network/river-valley/sharing/?district=southport",
        {"measures": [Measure.LEADERS_PER_100, Measure.COVERAGE]},
    )
    shared = set(
        SharingChoice.objects.filter(district=cast.other_district, shared=True).values_list(
            "measure", flat=True
        )
    )
    assert shared == {Measure.LEADERS_PER_100, Measure.COVERAGE}


def test_the_menu_link_leads_a_member_districts_teacher_to_the_network(client_for: Any) -> None:
    response = client_for("teacher").get("/network/mine/")
    assert response["Location"] == "/network/river-valley/"


def test_a_teacher_of_a_district_in_no_network_learns_who_can_join(
    cast: Any, client_for: Any
) -> None:
    actions.leave_network(None, cast.district, on=ON)
    page = client_for("teacher").get("/network/mine/")
    assert page.status_code == 200
    assert "not a member of a learning network yet" in page.content.decode()
