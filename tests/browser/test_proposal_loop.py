"""In Chromium: a teacher proposes a pilot role → the principal returns it for changes (the
teacher is notified) → she edits it and sends it again → the principal approves → the
district approves it as the pilot she proposed and places her → she reads each notice.

Screenshots of the new pages at 1280 and 390 pixels go to test-artifacts/loops/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from lattice.people import actions as people_actions
from lattice.people.queries import current_school_year
from lattice.roles.models import RoleAssignment, RoleProposal
from tests.browser.conftest import ARTIFACTS
from tests.cast import build_cast
from tests.cast import sign_in as sign_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "loops"
WIDTHS = {"wide": 1280, "phone": 390}


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def shoot(page: Any, name: str) -> None:
    """Full-page screenshots at both widths; the page must not scroll sideways at 390."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{label}.png"), full_page=True)
        if width == 390:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 390, f"{name} is {overflow}px wide at 390"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_propose_return_edit_resubmit_approve_with_the_proposer_notified(
    live_server: Any, page: Any
) -> None:
    cast = build_cast()
    year = current_school_year(cast.district)
    assert year is not None
    if not cast.teacher_staff.assignments.filter(school_year=year).exists():
        people_actions.add_assignment(
            None, cast.teacher_staff, school=cast.alder, school_year=year, position="teacher"
        )
    url = live_server.url

    # Ada proposes a one-school pilot
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/roles/proposals/new/")
    page.get_by_label("Title").fill("Garden classroom lead")
    page.get_by_label("School", exact=True).select_option(label="Alder Elementary")
    page.get_by_label("Problem it addresses").fill("Pupils never learn outdoors.")
    page.get_by_label("Duties").fill("Run the school garden")
    page.get_by_label("A pilot at my school only").check()
    page.get_by_label("Positions", exact=True).fill("1")
    page.get_by_label("How we will know it worked").fill("Every class uses it once a term.")
    page.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("Proposal sent to your principal.").wait_for()
    proposal_url = page.url

    # Pat returns it; forgetting the note keeps "Return for changes" chosen
    sign_in(page, live_server, cast.user("principal"))
    page.goto(f"{url}/schools/{cast.alder.pk}/")
    page.get_by_role("link", name="Review the proposal “Garden classroom lead”").click()
    page.get_by_label("Return for changes").check()
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Write a note to the proposers saying what to change").wait_for()
    assert page.get_by_label("Return for changes").is_checked()
    shoot(page, "proposal-review-error")
    page.get_by_label("Note to the proposers").fill("Say what the stipend is for.")
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved your review; the proposers are told.").wait_for()

    # Ada is told, edits and sends it again
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/me/")
    page.get_by_role(
        "link", name="Change and resend your proposal “Garden classroom lead”"
    ).wait_for()
    page.goto(f"{url}/notifications/")
    page.get_by_role(
        "link", name="Your proposal came back for changes: Garden classroom lead"
    ).wait_for()
    shoot(page, "notifications")
    page.goto(proposal_url)
    page.get_by_role("link", name="Change the proposal and send it again").click()
    shoot(page, "proposal-edit")
    page.get_by_label("Stipend asked ($)").fill("800")
    page.get_by_label("What you changed, for the reviewer (optional)").fill("Seeds and tools.")
    page.get_by_role("button", name="Send it again").click()
    page.get_by_text("Sent again; your principal is told.").wait_for()

    # Pat approves; the district approves and places Ada
    sign_in(page, live_server, cast.user("principal"))
    page.goto(proposal_url)
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved your review").wait_for()
    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/district/")
    page.get_by_role(
        "link", name="Review the proposal “Garden classroom lead” for the district"
    ).click()
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved your review").wait_for()
    page.get_by_text("1 at Alder Elementary (a pilot)").first.wait_for()
    shoot(page, "proposal-approved-place")
    page.get_by_label("Give the proposer the role now, for this school year").check()
    page.get_by_role("button", name="Place the proposer").click()
    page.get_by_text("holds the role; they are told.").wait_for()
    shoot(page, "proposal-history")

    proposal = RoleProposal.objects.get(title="Garden classroom lead")
    assert [e.step for e in proposal.events.all()] == [
        "submitted", "returned", "resubmitted", "principal_ok", "approved", "placed",
    ]  # fmt: skip
    assert RoleAssignment.objects.filter(
        staff_member=cast.teacher_staff, role=proposal.role
    ).exists()

    # Ada reads that it was approved and that she holds it; the header counts the unread
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/notifications/")
    page.get_by_role("link", name="Your proposal was approved: Garden classroom lead").wait_for()
    page.get_by_role("link", name="Garden classroom lead: you are placed").wait_for()
    page.goto(f"{url}/notifications/settings/")
    page.get_by_label("One digest a day").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. Email: one digest a day.").wait_for()
    shoot(page, "notification-settings")


def test_reviewers_are_picked_by_name_and_each_home_lists_what_waits(
    live_server: Any, page: Any, settings: Any, tmp_path: Any
) -> None:
    from tests.roles.world import world

    settings.MEDIA_ROOT = tmp_path / "private"
    cast = build_cast()
    w = world(cast)
    url = live_server.url

    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/roles/postings/{w.alder_posting.pk}/")
    page.get_by_label("Add a reviewer: find them by name").fill("Be")
    page.get_by_role("button", name="Seat Ben Other on the panel").wait_for()
    assert page.get_by_role("button", name="Seat Rae Reviewer on the panel").count() == 0
    shoot(page, "posting-reviewer-search")
    page.get_by_role("button", name="Seat Ben Other on the panel").click()
    page.get_by_text("Seated Ben Other on the panel.").wait_for()

    sign_in(page, live_server, cast.user("reviewer"))
    page.goto(f"{url}/me/")
    page.get_by_role("link", name=f"Score 1 application for {w.mentor.title}").wait_for()
    shoot(page, "home-waiting-reviewer")

    sign_in(page, live_server, cast.user("principal"))
    page.goto(f"{url}/schools/{cast.alder.pk}/")
    page.get_by_role("link", name=f"Review the proposal “{w.proposal.title}”").wait_for()
    shoot(page, "home-waiting-principal")
