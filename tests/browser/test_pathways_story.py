"""The pathways story in Chromium: a claim approved moves a teacher; peer review moves her to
Model; a principal is refused the application."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from lattice.people.queries import today
from tests.browser.conftest import enter_code_if_asked, save_failure_screenshot
from tests.cast import PASSWORD
from tests.pathways.world import PDF, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()
    enter_code_if_asked(page)


@pytest.fixture
def as_persona(request: pytest.FixtureRequest, page: Any, live_server: Any) -> Any:
    """A fresh signed-in browser page per persona (screenshotted if the test fails)."""
    pages: list[Any] = []

    def open_as(username: str) -> Any:
        context = page.context.browser.new_context()
        tab = context.new_page()
        log_in(tab, live_server.url, username)
        pages.append(tab)
        return tab

    yield open_as
    for index, tab in enumerate(pages):
        save_failure_screenshot(request, tab, f"-{index}")
        tab.context.close()


def score_all(page: Any, value: str) -> None:
    for fieldset in page.locator("form.rubric fieldset").all():
        # The scale's ends are labelled ("1 (lowest)", "4 (highest)"): pick by the value.
        fieldset.locator(f"input[type=radio][value='{value}']").check()
    page.get_by_label("Feedback for the applicant").fill("Clear impact on learners.")
    page.get_by_role("button", name="Submit my scores").click()
    page.wait_for_load_state()


def test_a_claim_approval_then_peer_review_move_the_teacher(
    cast: Any, live_server: Any, as_persona: Any
) -> None:
    world = build_world(cast)
    base = live_server.url

    # The teacher submits 3 college credits with a transcript.
    teacher = as_persona("teacher")
    teacher.goto(f"{base}/pathways/me/claims/")
    teacher.get_by_label("What are you claiming?").select_option("credits")
    teacher.get_by_label("Course, programme, project, role or certificate").fill("MAT 540")
    teacher.get_by_label("College or provider").fill("City College")
    teacher.get_by_label("How many credits, hours or units").fill("3")
    ended = today() - dt.timedelta(days=14)
    teacher.get_by_label("Date completed (course end date)").fill(ended.isoformat())
    teacher.set_input_files(
        "input[name=files]",
        files=[{"name": "transcript.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    teacher.get_by_role("button", name="Submit claim").click()
    assert "Claim submitted: College credits: MAT 540" in teacher.content()

    # The talent officer verifies it from the queue.
    officer = as_persona("officer")
    officer.goto(f"{base}/pathways/office/claims/")
    officer.get_by_role("button", name="Verify Ada Teacher's claim MAT 540").click()
    assert "Verified Ada Teacher's claim" in officer.content()

    # The teacher's page shows the new interval, the line that explains it and her pay.
    teacher.goto(f"{base}/pathways/me/")
    assert teacher.locator(".standing").inner_text() == "Professional interval 5"
    assert teacher.get_by_text("Your 3 college credits earned you 3 units.").is_visible()
    pay = teacher.get_by_role("table", name="This year's pay, line by line")
    assert "Professional interval 5 salary" in pay.inner_text()
    assert "$67,062" in pay.locator("tfoot").inner_text()

    # The payroll file pays her exactly that line.
    officer.goto(f"{base}/pathways/office/payroll/")
    with officer.expect_download() as download:
        officer.get_by_role("button", name="Download").click()
    rows = csv.DictReader(io.StringIO(Path(download.value.path()).read_text()))
    ada = [(r["pay_line"], r["amount"]) for r in rows if r["employee_id"] == "N1001"]
    assert ada == [("Professional interval 5 salary", "67062")]

    # Two reviewers score her Model application independently.
    reviewer = as_persona("reviewer")
    reviewer.goto(f"{base}/pathways/reviews/{world.review.pk}/")
    score_all(reviewer, "4")
    officer.goto(f"{base}/pathways/office/cohorts/{world.cohort.pk}/")
    officer.get_by_label("Reviewer for Ada Teacher").select_option(label="Ben Other")
    officer.get_by_role("button", name="Assign").click()
    second = as_persona("teacher2")
    second.goto(f"{base}/pathways/me/applications/")
    second.get_by_role("link", name="Model cohort 1").click()
    score_all(second, "4")

    # The officer records the decision; the teacher moves to Model. The engine applies the
    # decision first, then this year's 12 banked units carry her one interval further.
    officer.goto(f"{base}/pathways/applications/{world.application.pk}/")
    officer.get_by_role("button", name="Record the decision").click()
    assert "Decision recorded: Passed." in officer.content()
    teacher.goto(f"{base}/pathways/me/")
    assert teacher.locator(".standing").inner_text() == "Model interval 2"
    assert teacher.get_by_text("which moved you to the Model pathway, interval 1").is_visible()

    # Her principal is refused the application.
    principal = as_persona("principal")
    response = principal.goto(f"{base}/pathways/applications/{world.application.pk}/")
    assert response.status == 404
