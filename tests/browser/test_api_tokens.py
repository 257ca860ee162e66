"""In Chromium: the talent officer creates a read-only API token on the page, copies it once,
lists the district's staff with it (as `curl` would), cannot write with it, and revokes it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import enter_code_if_asked
from tests.cast import PASSWORD, build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_issues_a_read_only_token_uses_it_and_revokes_it(live_server, shot_page):
    build_cast()
    page: Any = shot_page
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()
    enter_code_if_asked(page)

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("HR system")
    page.get_by_label("Read staff, schools and school years").check()
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("lat_")

    bearer = {"Authorization": f"Bearer {secret}"}
    staff = page.request.get(f"{base}/api/v1/staff/", headers=bearer)
    assert staff.status == 200
    assert {row["district"] for row in staff.json()["results"]} == {"northfield"}
    write = page.request.post(
        f"{base}/api/v1/ratings/",
        headers=bearer,
        data={"employee_id": "N1001", "school_year": "2025-26", "label": "Effective"},
    )
    assert write.status == 403

    page.goto(f"{base}/api/tokens/")
    assert secret not in page.content()
    page.get_by_role("button", name="Revoke HR system").click()
    page.wait_for_load_state()
    assert "no longer works" in page.content()
    assert page.request.get(f"{base}/api/v1/staff/", headers=bearer).status == 401
