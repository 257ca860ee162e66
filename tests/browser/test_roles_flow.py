"""In Chromium: officer posts → teacher applies → reviewer scores → officer offers → teacher
accepts → the new leader appears on the coverage dashboard, and the stipend is on her My path
and in the payroll file, line for line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.people import actions as people_actions
from lattice.roles import actions
from lattice.roles.models import RoleAssignment
from tests.cast import build_cast
from tests.cast import sign_in as sign_in_client
from tests.pathways.test_payroll import this_school_year
from tests.pathways.world import adopt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_post_apply_score_offer_accept_then_on_the_dashboard(
    live_server: Any, page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"
    cast = build_cast()
    adopt(cast)
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
    actions.install_template(None, cast.district, "iowa-mentor", activate=True)
    today = timezone.localdate()
    url = live_server.url

    # the talent officer posts a mentor opening at Alder and seats Rae on its panel
    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/roles/postings/new/")
    page.get_by_label("Role", exact=True).select_option(label="Mentor teacher")
    page.get_by_label("School", exact=True).select_option(label="Alder Elementary")
    page.get_by_label("School year").select_option(label=year.label)
    page.get_by_label("Applications open").fill(today.isoformat())
    page.get_by_label("Applications close").fill((today + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Post").click()
    page.get_by_text("Posted. Seat a review panel next.").wait_for()
    posting_url = page.url
    page.get_by_label("Add a reviewer: find them by name").fill("Rae")
    page.get_by_role("button", name="Seat Rae Reviewer on the panel").click()
    page.get_by_text("Seated Rae Reviewer on the panel.").wait_for()

    # Ada sees the role she qualifies for and applies with evidence
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/roles/")
    page.get_by_role("link", name=f"Mentor teacher — Alder Elementary, {year.label}").click()
    page.get_by_role("link", name="Apply for this role").click()
    page.get_by_label("Your statement").fill("I have mentored three new teachers.")
    evidence = tmp_path / "growth.txt"
    evidence.write_text("Student growth summary")
    page.get_by_label("Evidence (optional)").set_input_files(str(evidence))
    page.get_by_role("button", name="Send application").click()
    page.get_by_text("Your application is in.").wait_for()

    # Rae (another school) scores it against the rubric
    sign_in(page, live_server, cast.user("reviewer"))
    page.goto(posting_url)
    page.get_by_role("link", name="Score now").click()
    # each criterion is a group of radio buttons named by its legend, labelled by each level
    for criterion, points in [
        ("Strong teacher of students (evidence of growth)", "4"),
        ("Strong teacher of peers (coaching, modelling, feedback)", "3"),
        ("A clear plan for the role's duties", "4"),
    ]:
        page.get_by_role("group", name=criterion).locator(f"input[value='{points}']").check()
    page.get_by_role("button", name="Save scores").click()
    page.get_by_text("Saved your scores for Ada Teacher.").wait_for()

    # the officer offers the position to the top of the ranked list
    sign_in(page, live_server, cast.user("officer"))
    page.goto(posting_url)
    page.get_by_role("button", name="Offer to the next on the waitlist").click()
    page.get_by_text("Offered the role to Ada Teacher.").wait_for()

    # Ada accepts
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/roles/")
    page.get_by_role("region", name="You have an offer").get_by_role("link").click()
    page.get_by_role("button", name="Accept the role").click()
    page.get_by_text("You accepted the role.").wait_for()
    assert RoleAssignment.objects.filter(staff_member=cast.teacher_staff).count() == 1

    # her My path lists the stipend with the base salary, and the total
    page.goto(f"{url}/pathways/me/")
    pay = page.get_by_role("table", name="This year's pay, line by line")
    assert "Mentor teacher stipend" in pay.inner_text()
    assert "$53,349" in pay.locator("tfoot").inner_text()

    # and she counts on the coverage dashboard: 1 of 3 teachers, 0.25 FTE at Alder
    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/roles/dashboard/?year={year.label}")
    assert "1 / 3" in page.get_by_role("list", name="District totals").inner_text()
    alder = page.get_by_role("row", name="Alder Elementary")
    assert alder.get_by_role("cell").nth(4).inner_text() == "0.25"
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    # the payroll file pays exactly those lines
    page.goto(f"{url}/pathways/office/payroll/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    rows = csv.DictReader(io.StringIO(Path(download.value.path()).read_text()))
    ada = [r["pay_line"] for r in rows if r["employee_id"] == "N1001"]
    assert ada == ["Standard interval 2 salary", "Mentor teacher stipend"]
