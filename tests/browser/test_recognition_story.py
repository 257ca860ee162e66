"""In Chromium: a colleague nominates Ada → the officer seats a panel and closes nominations →
Rae scores → the officer decides → Ada's Teacher of the Year credential is on her profile; she
makes it public, downloads it and her signed transcript (CLR 2.0), and its public page
verifies it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.people import actions as people_actions
from lattice.recognition import actions, programs
from tests.browser.test_roles_flow import sign_in
from tests.cast import build_cast
from tests.pathways.test_payroll import this_school_year
from tests.recognition import verifier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nominate_panel_award_credential_verify(
    live_server: Any, page: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.LATTICE_SITE_URL = live_server.url
    cast = build_cast()
    year = this_school_year(cast)
    for staff, school in [
        (cast.teacher_staff, cast.alder),
        (cast.teacher_other_school_staff, cast.birch),
        (cast.reviewer_staff, cast.birch),
    ]:
        if not staff.assignments.filter(school_year=year).exists():
            people_actions.add_assignment(
                None, staff, school=school, school_year=year, position="teacher"
            )
    toy = actions.define_achievement(
        None, cast.district, key="teacher-of-the-year", name="Teacher of the Year",
        description="Chosen by the district's panel.", criteria="Selected by the panel.",
        achievement_type="Award", earned_by="recognition", tlms_functions="1c 7e",
    )  # fmt: skip
    today = timezone.localdate()
    program = programs.create_program(
        None, cast.district, year, name="Northfield Teacher of the Year", level="district",
        criteria="Lifts students, colleagues and families.", opens=today,
        closes=today + dt.timedelta(days=7), decide_by=today + dt.timedelta(days=14),
        achievement=toy,
    )  # fmt: skip
    url = live_server.url
    program_url = f"{url}/recognition/programs/{program.pk}/"

    # Ben nominates Ada
    sign_in(page, live_server, cast.user("teacher_other_school"))
    page.goto(f"{url}/recognition/programs/")
    page.get_by_role("link", name="Northfield Teacher of the Year").click()
    page.get_by_label("Nominee").select_option(label="Ada Teacher")
    page.get_by_label("Why they deserve it").fill(
        "Ada runs the best reading workshop in the district and mentors two grade teams."
    )
    page.get_by_role("button", name="Submit the nomination").click()
    page.get_by_text("Thank you: your nomination is in.").wait_for()

    # the officer seats Rae and closes nominations
    sign_in(page, live_server, cast.user("officer"))
    page.goto(program_url)
    page.get_by_label("Seat a reviewer").select_option(label="Rae Reviewer")
    page.get_by_role("button", name="Seat on the panel").click()
    page.get_by_text("Rae Reviewer seated on the panel.").wait_for()
    page.get_by_role("button", name="Close nominations and open the review").click()
    page.get_by_text("Nominations closed; the panel may review.").wait_for()

    # Rae scores Ada's nomination (Alder: not her own school)
    sign_in(page, live_server, cast.user("reviewer"))
    page.goto(program_url)
    for label in ("Impact on students' learning", "Leadership among colleagues",
                  "Work with families and the community"):  # fmt: skip
        page.get_by_label(label).select_option("4")
    page.get_by_role("button", name="Save the review").click()
    page.get_by_text("Review saved.").wait_for()
    assert "Mean score" not in page.content()

    # the officer decides; the honour is issued as a credential
    sign_in(page, live_server, cast.user("officer"))
    page.goto(program_url)
    page.get_by_role("button", name="Decide and award the honour").click()
    page.get_by_text("Decided: the honourees' credentials are issued.").wait_for()

    # Ada finds it on her profile, makes it public and downloads it
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/me/")
    page.get_by_role("link", name="Teacher of the Year").click()
    page.get_by_role("button", name="Make its verification page public").click()
    page.get_by_text("Your credential's page is public.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the credential (JSON)").click()
    credential = json.loads(Path(download.value.path()).read_text())
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    # her leadership transcript bundles it, signed by the district
    page.goto(f"{url}/recognition/transcript/")
    with page.expect_download() as download:
        page.get_by_role("link", name="signed by Northfield").click()
    clr = Path(download.value.path()).read_text()
    assert all(verifier.verify_clr(Client(), clr).values())

    # anyone can verify it on its public page, signed in or not
    page.context.clear_cookies()
    page.goto(credential["id"])
    page.get_by_role("heading", name="Verified").wait_for()
    jwt = Client().get(credential["id"].removeprefix(url) + "credential.jwt").content.decode()
    assert all(verifier.verify(Client(), jwt, now=timezone.now()).values())
