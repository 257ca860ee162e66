"""Browser-test helpers: a screenshot in test-artifacts/ whenever a browser test fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    # Keep each phase's report on the test item so fixtures can tell whether the test failed.
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


def save_failure_screenshot(request: pytest.FixtureRequest, page: Any, suffix: str = "") -> None:
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid) + suffix
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def shot_page(request: pytest.FixtureRequest, page: Any) -> Iterator[Any]:
    """Playwright's ``page``, screenshotted into test-artifacts/ when the test fails."""
    yield page
    save_failure_screenshot(request, page)


def enter_code_if_asked(page: Any, secret: str | None = None) -> None:
    """After the password: if Lattice asks for the second factor, type the authenticator
    app's code (the cast's key unless ``secret``). A code is accepted once, so when the same
    account signed in moments ago, the next period's code (still accepted) is used."""
    import time

    from lattice.accounts.totp import current_code
    from tests.cast import TOTP_SECRET

    if "/accounts/2fa/authenticate/" not in page.url:
        return
    for at in (time.time(), time.time() + 30):
        page.get_by_label("Code").fill(current_code(secret or TOTP_SECRET, at))
        page.get_by_role("button", name="Log in", exact=True).click()
        page.wait_for_load_state()
        if "/accounts/2fa/authenticate/" not in page.url:
            return
