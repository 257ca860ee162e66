"""In Chromium: Southport's talent office appoints its teacher to the seat that represents
Southport on the River Valley cabinet (kept by Northfield), offered only Southport's staff;
the teacher then signs in and sees the cabinet's draft proposal; the network office reads the
cabinet's published minutes. The pages pass axe-core at a desktop's and a phone's width."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.councils import actions
from lattice.people import actions as people
from tests.browser.test_content_security_policy import AXE_RUN, THIRD_PARTY, TOO_WIDE, _axe_source
from tests.cast import PASSWORD, build_cast
from tests.cast import sign_in as sign_in_client
from tests.councils.cabinet_world import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("LATTICE_SCREENSHOTS")  # a folder to keep screenshots in, when set


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def judged(page: Any, name: str) -> list[str]:
    """axe's serious findings and any sideways scrolling at 1280 and 390 px."""
    found: list[str] = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        found += [f"{name} at {width} px: {v}" for v in page.evaluate(AXE_RUN, THIRD_PARTY)]
        if wide := page.evaluate(TOO_WIDE):
            found.append(f"{name} at {width} px is {wide} px wide")
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 844})
    return found


def test_a_member_district_appoints_its_seat_and_its_teacher_sees_the_drafts(
    live_server: Any, page: Any
) -> None:
    cast = build_cast()
    w = world(cast)
    actions.vacate_seat(None, w.southport_seat, on=timezone.localdate() - dt.timedelta(days=1))
    page.context.add_init_script(_axe_source())
    body_url = f"{live_server.url}/councils/{w.body.pk}/"
    findings: list[str] = []

    sign_in(page, live_server, cast.user("other_officer"))
    page.goto(f"{live_server.url}/network/{cast.network.key}/cabinets/")
    findings += judged(page, "network-cabinets")
    page.get_by_role("link", name="Open on the councils pages").click()
    assert page.url == body_url
    page.get_by_text("Appoint a member").click()
    seat = page.get_by_label("Southport City Schools seat")
    assert seat.locator("option").all_inner_texts() == ["Cy Faraway"]
    assert page.get_by_label("Northfield Public Schools seat").count() == 0
    findings += judged(page, "cabinet-southport-office")
    page.get_by_role("button", name="Appoint").click()
    page.get_by_text("Cy Faraway seated.").wait_for()

    cy = people.create_login(
        None, username="cy", password=PASSWORD, staff=cast.other_district_teacher_staff
    )
    sign_in(page, live_server, cy)
    page.goto(body_url)
    page.get_by_role("link", name="A spring convening").click()
    page.get_by_text("Hold the spring convening in Southport.").wait_for()
    findings += judged(page, "cabinet-proposal-southport-member")

    sign_in(page, live_server, cast.user("network_officer"))
    page.goto(f"{live_server.url}/councils/meetings/{w.held.pk}/")
    page.get_by_text("Peer observation chosen as next year's study.").wait_for()
    findings += judged(page, "cabinet-minutes-network-office")
    page.goto(body_url)
    assert page.get_by_role("link", name="A spring convening").count() == 0
    findings += judged(page, "cabinet-network-office")
    assert not findings, "\n".join(findings)
