"""In Chromium: the officer creates a body → an election fills two seats → the chair
schedules a meeting → attendance gives quorum → a proposal passes by consent and another by
ranked choice → both decisions are in the register with review dates → the minutes are
published and download as PDF."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.cast import build_cast
from tests.cast import sign_in as sign_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def vote(page: Any, live_server: Any, user: Any, poll_url: str, *labels: str) -> None:
    sign_in(page, live_server, user)
    page.goto(poll_url)
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Cast my vote").click()
    page.get_by_text("Your vote is recorded.").wait_for()


def test_body_election_meeting_votes_register_and_minutes(live_server: Any, page: Any) -> None:
    page.set_default_timeout(90_000)  # the first ranked count loads pref-voting (seconds)
    cast = build_cast()
    url = live_server.url
    ada, ben, rae = cast.user("teacher"), cast.user("teacher_other_school"), cast.user("reviewer")

    # the officer creates a district cabinet with two elected seats
    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/councils/new/")
    page.get_by_label("Name").fill("Northfield Teacher Cabinet")
    page.get_by_label("Kind").select_option(label="District advisory cabinet")
    page.get_by_label("Purpose").fill("Teachers advise the superintendent on working conditions.")
    page.get_by_label("Scope").select_option(label="The district")
    page.get_by_label("Decision rights").fill("Professional learning days: decides")
    page.get_by_role("button", name="Create the body").click()
    page.get_by_text("Northfield Teacher Cabinet created.").wait_for()
    body_url = page.url
    for label, position in (("Chair", "Chair"), ("Teacher seat", "Member")):
        page.get_by_text("Add a seat").click()
        page.get_by_label("Label").fill(label)
        page.get_by_label("Position").select_option(label=position)
        page.get_by_label("Works in a job the seat is open to this school year").check()
        page.get_by_role("button", name="Add the seat").click()
        page.get_by_text(f"Seat '{label}' added.").wait_for()
    page.get_by_role("button", name="Open nominations").click()
    page.get_by_text("Nominations are open.").wait_for()
    poll_url = page.url
    for name in ("Ada Teacher", "Ben Other"):
        page.get_by_label("Candidate", exact=True).select_option(label=name)
        page.get_by_label("Candidate statement").fill(f"{name} will listen to every school.")
        page.get_by_role("button", name="Nominate").click()
        page.get_by_text(f"{name} is standing.").wait_for()
    page.get_by_role("button", name="Close nominations and open voting").click()
    page.get_by_text("Voting is open.").wait_for()

    # three teachers vote by secret ballot; the officer closes the election
    for user in (ada, ben, rae):
        vote(page, live_server, user, poll_url, "Ada Teacher", "Ben Other")
    sign_in(page, live_server, cast.user("officer"))
    page.goto(poll_url)
    page.get_by_role("button", name="Close the vote and count").click()
    page.get_by_text("Elected: Ada Teacher, Ben Other").wait_for()

    # Ada, now chair, schedules a meeting; attendance gives quorum
    sign_in(page, live_server, ada)
    page.goto(body_url)
    assert "Ada Teacher" in page.get_by_role("row", name="Chair").inner_text()
    page.get_by_role("link", name="Schedule a meeting").click()
    day = timezone.localdate().isoformat()
    page.get_by_label("Title").fill("First meeting")
    page.get_by_label("Starts at").fill(f"{day}T15:00")
    page.get_by_label("Ends at").fill(f"{day}T16:00")
    page.get_by_label("Agenda").fill("Welcome\nProfessional learning days")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("Meeting scheduled").wait_for()
    meeting_url = page.url
    page.get_by_text("Quorum: not met").wait_for()
    for name in ("Ada Teacher", "Ben Other"):
        page.get_by_label(f"Attendance of {name}").select_option(label="Present")
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_role("heading", name="Quorum: met").wait_for()
    page.get_by_text("2 of 2 members present").wait_for()

    # a proposal by consent, at the meeting
    page.goto(body_url)
    page.get_by_role("link", name="Raise a proposal").click()
    page.get_by_label("Title").fill("Two learning days in teams")
    page.get_by_label("Problem").fill("Whole-district PD days feel generic.")
    page.get_by_label("Proposal", exact=True).fill("Give two PD days to school teams.")
    page.get_by_role("button", name="Raise the proposal").click()
    page.get_by_text("Proposal raised.").wait_for()
    page.get_by_label("Kind").select_option(label="Consent (an objection blocks)")
    page.get_by_label("At the meeting").select_option(index=1)
    page.get_by_role("button", name="Open the vote").click()
    consent_url = page.url
    vote(page, live_server, ada, consent_url, "Consent")
    vote(page, live_server, ben, consent_url, "Consent")
    sign_in(page, live_server, ada)
    page.goto(consent_url)
    page.get_by_role("button", name="Close the vote and count").click()
    page.get_by_text("Consented: 2 consent, no objection.").wait_for()

    # and a ranked choice between three dates
    page.goto(body_url)
    page.get_by_role("link", name="Raise a proposal").click()
    page.get_by_label("Title").fill("When to hold the team days")
    page.get_by_label("Problem").fill("We need dates.")
    page.get_by_label("Proposal", exact=True).fill("Hold the team days on the chosen dates.")
    page.get_by_role("button", name="Raise the proposal").click()
    page.get_by_label("Kind").select_option(label="Ranked choice (instant runoff)")
    page.get_by_label("Options").fill("October\nJanuary\nMarch")
    page.get_by_label("At the meeting").select_option(index=1)
    page.get_by_role("button", name="Open the vote").click()
    ranked_url = page.url
    for user, order in ((ada, ("January", "October", "March")), (ben, ("January", "March"))):
        sign_in(page, live_server, user)
        page.goto(ranked_url)
        for rank, option in enumerate(order, start=1):
            page.get_by_label(option, exact=True).fill(str(rank))
        page.get_by_role("button", name="Cast my vote").click()
        page.get_by_text("Your vote is recorded.").wait_for()
    sign_in(page, live_server, ada)
    page.goto(ranked_url)
    page.get_by_role("button", name="Close the vote and count").click()
    page.get_by_text("Chosen: January").wait_for()

    # both decisions are in the register, each with a review date
    page.goto(f"{url}/councils/decisions/")
    page.get_by_text("2 decisions").wait_for()
    assert page.get_by_role("row", name="Give two PD days to school teams").is_visible()
    assert page.locator("tbody tr td:nth-child(6)").first.inner_text() != "—"

    # the chair publishes the minutes; they download as a PDF
    page.goto(meeting_url)
    page.get_by_label("Minutes", exact=True).fill(
        "1. Welcome.\n2. Two team days agreed, in January."
    )
    page.get_by_role("button", name="Save a new version").click()
    for button in ("Mark prepared", "Send to attendees for review", "Publish and lock"):
        page.get_by_role("button", name=button).click()
        page.get_by_text("Minutes moved to the next stage.").wait_for()
    page.get_by_text("Published (locked)", exact=True).wait_for()
    pdf = page.request.get(
        page.get_by_role("link", name="Download the minutes (PDF)").get_attribute("href")
        and f"{meeting_url}minutes.pdf"
    )
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")


def test_the_office_carries_out_a_passed_stipend_decision_after_its_preview(
    live_server: Any, page: Any
) -> None:
    """The District council voted to pay Mentor teachers $5,500; the officer reads the
    preview on the decision page (axe-clean at 1280 and 390 px), confirms, follows the link to
    the role, and Ada's My path pays the new stipend, naming the decision."""
    from pathlib import Path

    from lattice.councils import actions
    from lattice.pathways.models import PolicyAdoption
    from lattice.roles import actions as role_actions
    from tests.browser.test_content_security_policy import AXE_RUN, _axe_source
    from tests.councils.test_carry_outs import passed
    from tests.councils.world import world
    from tests.pathways.test_payroll import this_school_year
    from tests.pathways.world import adopt

    cast = build_cast()
    url = live_server.url
    body = world(cast).district
    assert PolicyAdoption.objects.count() == 0
    adopt(cast)
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    year = this_school_year(cast)
    role_actions.assign_role(officer, mentor, cast.teacher_staff, year)
    decision = passed(cast, body, "change_stipend", {"role": mentor.pk, "stipend_dollars": 5500})
    assert actions.may_carry_out(officer, decision)

    page.add_init_script(_axe_source())
    sign_in(page, live_server, officer)
    page.goto(f"{url}/councils/decisions/{decision.pk}/")
    carry = page.get_by_role("region", name="Carry out")
    carry.get_by_text("$5,000 → $5,500 a year").wait_for()
    assert "+$500" in carry.inner_text()
    shots = Path(__file__).resolve().parents[2] / "test-artifacts" / "carry-out"
    shots.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(AXE_RUN, []) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        page.screenshot(path=str(shots / f"decision-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("I checked the preview: carry out what the body decided").check()
    page.get_by_role("button", name="Carry it out now").click()
    page.get_by_text("Carried out.", exact=True).wait_for()
    page.screenshot(path=str(shots / "decision-done-1280.png"), full_page=True)
    page.get_by_role("link", name="Mentor teacher pays $5,500 a year").click()
    page.get_by_text("$5,500 stipend").wait_for()

    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/pathways/me/")
    page.get_by_text(
        f"$5,500 for holding the Mentor teacher role in {year.label}, changed from $5,000 from",
    ).wait_for()
    assert "Northfield Curriculum Council's decision of" in page.content()
