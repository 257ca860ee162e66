"""In a real browser: an officer runs a forecast from the form and reads the charts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import enter_code_if_asked
from tests.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _shot(page: Any, name: str) -> None:
    if os.environ.get("LATTICE_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"forecast-{name}.png"), full_page=True)


def _log_in(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()
    enter_code_if_asked(page)  # officers sign in with two factors


def test_an_officer_runs_a_comparison_and_reads_the_charts(
    cast: Any, live_server: Any, page: Any
) -> None:
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/forecasts/northfield/")
    _shot(page, "form")
    page.get_by_label("Compare with (optional)").select_option(index=1)
    page.get_by_label("Starting workforce").select_option("synthetic")
    page.get_by_label("Teachers in the made-up district").fill("300")
    page.get_by_label("Runs").fill("50")
    page.get_by_role("button", name="Run the forecast").click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().endswith(", 50 runs")
    assert " compared with " in page.locator("h1").first.inner_text()
    assert page.locator("svg[role=img]").count() >= 4
    assert (
        page.get_by_role("img", name="Payroll by school year: median and 80% band of runs").count()
        == 1
    )
    _shot(page, "result")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "result-phone")
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= 400  # nothing forces sideways scrolling on a phone
