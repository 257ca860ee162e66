"""In Chromium: three people answer Alder's readiness survey → the principal reads the
recommendation → the officer creates a coaching program → the principal matches Rae with Ada
→ Ada agrees → Rae starts a cycle, Ada sets a goal, Rae records a visit and a private note →
Ada invites Ben to her goal with the review right → the principal sees whom and what on,
never the content."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from lattice.roles import actions as role_actions
from tests.cast import build_cast
from tests.cast import sign_in as sign_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("LATTICE_SCREENSHOTS")


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def shoot(page: Any, name: str) -> None:
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def answer(page: Any, url: str, value: str) -> None:
    page.goto(url)
    for radio in page.locator(f'input[type=radio][value="{value}"]').all():
        radio.check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Thank you: your answers are saved.").wait_for()


def test_readiness_to_coaching_behind_the_wall(live_server: Any, page: Any) -> None:
    cast = build_cast()
    role = role_actions.install_template(None, cast.district, "coach", activate=True)
    role_actions.assign_role(None, role, cast.reviewer_staff, cast.year)
    url = live_server.url

    # the principal opens a survey for Alder; Pat, Ada and Mo (who led it) answer
    sign_in(page, live_server, cast.user("principal"))
    page.goto(f"{url}/coaching/readiness/")
    page.get_by_role("button", name="Open the survey").click()
    page.get_by_text("Survey opened").wait_for()
    survey_url = url + page.get_by_role("link", name="answer").first.get_attribute("href")
    answer(page, survey_url, "4")
    sign_in(page, live_server, cast.user("teacher"))
    answer(page, survey_url, "3")
    sign_in(page, live_server, cast.user("teacher_other_school"))
    page.goto(survey_url)
    assert page.title().startswith("Page not found") or "Not found" in page.content()
    sign_in(page, live_server, cast.user("officer"))
    page.goto(survey_url)
    assert "Not found" in page.content() or "not found" in page.content()

    # a third respondent: a union representative teaching at Alder
    from lattice.people import actions as people_actions

    union = people_actions.save_staff_member(
        None, cast.district, employee_id="N1009", given_name="Uma", family_name="Union"
    )[0]
    people_actions.add_assignment(
        None, union, school=cast.alder, school_year=cast.year, position="teacher"
    )
    union_user = people_actions.create_login(
        None, username="uma", password="x-Long-pass-1", staff=union
    )
    sign_in(page, live_server, union_user)
    page.goto(survey_url)
    page.get_by_label("You answer as").select_option(label="Union representative")
    for radio in page.locator('input[type=radio][value="dk"]').all():
        radio.check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Thank you: your answers are saved.").wait_for()

    sign_in(page, live_server, cast.user("principal"))
    page.goto(survey_url.removesuffix("answer/"))
    page.get_by_text("Most ready for:").wait_for()
    assert "3 people answered" in page.content()
    shoot(page, "coaching-readiness")

    # the principal starts the plan for the recommended approach, with a step that posts roles
    page.get_by_role("button", name="Start a plan for").click()
    page.get_by_text("Plan started: add its steps.").wait_for()
    page.get_by_label("Step", exact=True).fill("Post two instructional-coach positions")
    page.get_by_label("Owner").select_option(label="Pat Principal")
    page.get_by_label("Due").fill(cast.year.end.isoformat())
    page.get_by_label("Sets up the role").select_option(label="Instructional coach")
    page.get_by_label("Positions").fill("2")
    page.get_by_role("button", name="Add the step").click()
    page.get_by_text("Step added.").wait_for()
    page.get_by_label("Status of Post two instructional-coach positions").select_option(
        label="Done"
    )
    page.get_by_role("button", name="Update").click()
    page.get_by_text("Step updated.").wait_for()
    assert "100%" in page.content()
    shoot(page, "coaching-plan")

    # the officer creates the program; the principal matches Rae with Ada
    sign_in(page, live_server, cast.user("officer"))
    page.goto(f"{url}/coaching/programs/new/")
    page.get_by_label("Name", exact=True).fill("Effective educator coaching")
    page.get_by_label("Purpose", exact=True).fill("Coaching on request; confidential.")
    page.get_by_label("Coaches hold the role").select_option(label="Instructional coach")
    page.get_by_role("button", name="Create the program").click()
    page.get_by_text("Program created.").wait_for()
    program_url = page.url
    sign_in(page, live_server, cast.user("principal"))
    page.goto(program_url)
    page.get_by_label("Coach", exact=True).select_option(
        index=1
    )  # the first coach after "Choose a coach…"
    page.get_by_label("Teacher", exact=True).select_option(label="Ada Teacher")
    page.get_by_label("Focus", exact=True).fill("Checking for understanding")
    page.get_by_role("button", name="Match").click()
    page.get_by_text("Coach and teacher matched").wait_for()
    shoot(page, "coaching-program")

    # Ada agrees and sets a goal once Rae has started a cycle
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/coaching/")
    page.get_by_role("link", name="Effective educator coaching with Rae Reviewer").click()
    assignment_url = page.url
    page.get_by_role("button", name="Yes, I agree").click()
    page.get_by_text("your answer is saved").wait_for()
    sign_in(page, live_server, cast.user("reviewer"))
    page.goto(assignment_url)
    page.get_by_label("What this cycle works on").fill("Exit tickets")
    page.get_by_role("button", name="Start a cycle").click()
    page.get_by_text("Cycle started.").wait_for()
    page.get_by_label("Kind", exact=True).select_option(label="Classroom visit")
    page.get_by_label("What happened").fill("Nine of twenty-four answered the closing question.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    page.get_by_label("Kind", exact=True).select_option(label="Note")
    page.get_by_label("What happened").fill("Private: bring the sort protocol.")
    page.get_by_label("Keep this private to me").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(assignment_url)
    page.get_by_label("Goal", exact=True).fill("Every lesson ends with an exit ticket.")
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_text("Goal set.").wait_for()
    assert "Nine of twenty-four" in page.content()
    assert "bring the sort protocol" not in page.content()
    shoot(page, "coaching-assignment")

    # Ada invites Ben to her goal, to read it and review progress only
    page.get_by_role("link", name="Every lesson ends with an exit ticket.").click()
    goal_url = page.url
    page.get_by_label("Colleague").select_option(label="Ben Other")
    page.get_by_label("Review progress on the goal").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Collaborator saved.").wait_for()
    shoot(page, "coaching-goal")
    sign_in(page, live_server, cast.user("teacher_other_school"))
    page.goto(goal_url)
    page.get_by_role("heading", name="File on the goal").wait_for()
    assert "Nine of twenty-four" not in page.content()
    assert "Change the goal" not in page.content()

    # the principal: whom and what on, and no way in
    sign_in(page, live_server, cast.user("principal"))
    page.goto(f"{url}/coaching/")
    page.get_by_text("Checking for understanding").first.wait_for()
    body = page.content()
    assert "Ada Teacher" in body
    assert "Rae Reviewer" in body
    assert "Nine of twenty-four" not in body
    assert "sort protocol" not in body
    assert "exit ticket" not in body.lower()
    shoot(page, "coaching-home-principal")
    page.goto(assignment_url)
    assert "Nine of twenty-four" not in page.content()
    page.goto(goal_url)
    assert "exit ticket" not in page.content().lower()
    page.goto(f"{url}/coaching/schools/{cast.alder.pk}/feedback/")
    page.get_by_role("heading", name="Each person's load").wait_for()
    shoot(page, "coaching-feedback-map")
