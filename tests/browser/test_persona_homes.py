"""Log in through the form as each persona and land on that persona's home page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import enter_code_if_asked
from tests.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = {
    "teacher": ("/me/", "Ada Teacher"),
    "teacher_other_school": ("/me/", "Ben Other"),
    "reviewer": ("/me/", "Rae Reviewer"),
    "principal": ("/schools/{alder}/", "Alder Elementary"),
    "other_principal": ("/schools/{birch}/", "Birch Middle"),
    "officer": ("/district/", "Northfield Public Schools"),
    "other_officer": ("/district/", "Southport City Schools"),
    "network_officer": ("/network/", "Network overview"),
    "superuser": ("/admin/", "Site administration"),
}


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()
    enter_code_if_asked(page)


@pytest.mark.parametrize("persona", list(HOMES))
def test_each_persona_logs_in_and_sees_its_home(persona, cast, live_server, shot_page):
    path, heading = HOMES[persona]
    path = path.format(alder=cast.alder.pk, birch=cast.birch.pk)
    log_in(shot_page, live_server.url, cast.user(persona).username, PASSWORD)
    assert shot_page.url == f"{live_server.url}{path}"
    assert shot_page.locator("h1").first.inner_text() == heading


def test_principal_filters_staff_live_with_htmx(cast, live_server, shot_page):
    log_in(shot_page, live_server.url, "principal", PASSWORD)
    rows = shot_page.locator("#staff-results tbody tr")
    assert rows.count() == 2
    shot_page.get_by_label("Search by name or employee id").fill("Ada")
    # (wait_for_function would evaluate a string, which the page's CSP rightly refuses)
    expect(rows).to_have_count(1)
    assert "Teacher, Ada" in rows.first.inner_text()
    assert "q=Ada" in shot_page.url  # the filtered list has its own address


def test_skip_link_is_the_first_thing_the_keyboard_reaches(cast, live_server, shot_page):
    log_in(shot_page, live_server.url, "teacher", PASSWORD)
    shot_page.keyboard.press("Tab")
    focused = shot_page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
