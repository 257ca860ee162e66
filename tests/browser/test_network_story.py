"""In Chromium: a teacher brings a Teach to Lead idea, a colleague joins the team, the team
writes its logic model and a step of its action plan; another district's officer then sees
the idea and the size of its team, but no names."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lattice.network.models import Idea, IdeaStatus
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


def test_idea_then_team_then_logic_model_then_plan(live_server: Any, page: Any) -> None:
    cast = build_cast()
    url = live_server.url

    # Ada brings her idea from the Learning network menu
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{url}/")
    page.get_by_role("link", name="Learning network").click()
    page.get_by_role("link", name="Teach to Lead").first.click()
    page.get_by_label("Your idea, in a line").fill("Open classrooms")
    page.get_by_label("Summary").fill("Teachers visit each other's lessons once a term.")
    page.get_by_role("button", name="Post my idea").click()
    page.get_by_text("Your idea is posted.").wait_for()
    idea_url = page.url

    # Ben, at another school, joins the team
    sign_in(page, live_server, cast.user("teacher_other_school"))
    page.goto(idea_url)
    page.get_by_label("How you take part").select_option(label="Join the team")
    page.get_by_role("button", name="Take part").click()
    page.get_by_text("You are on the team of “Open classrooms”.").wait_for()

    # Ada writes the logic model and the first step, owned by Ben
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(idea_url)
    page.get_by_text("Edit the logic model").click()
    for label, text in (
        ("Problem", "Practice stays behind closed doors."),
        ("Inputs", "Cover for four half-days a term."),
        ("Activities", "Termly visit rounds."),
        ("Outputs", "Three rounds a year."),
        ("Outcomes", "Teachers try what they saw."),
        ("Measures", "Share who tried something new."),
    ):
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Save the logic model").click()
    page.get_by_text("Saved the logic model.").wait_for()
    page.get_by_label("Step", exact=True).fill("Book cover for the first round")
    page.get_by_label("Owner").select_option(label="Ben Other")
    page.get_by_label("By", exact=True).fill("2026-02-01")
    page.get_by_role("button", name="Add the step").click()
    page.get_by_text("Added the step to the action plan.").wait_for()
    assert page.get_by_role("cell", name="Ben Other").is_visible()
    idea = Idea.objects.get(title="Open classrooms")
    assert idea.status == IdeaStatus.PLAN

    # Southport's officer sees the idea and its team's size, never the names
    sign_in(page, live_server, cast.user("other_officer"))
    page.goto(idea_url)
    page.get_by_text("2 on the team and 0 critical friends").wait_for()
    assert "Ada" not in page.content()
    assert "Ben Other" not in page.content()
