"""In Chromium: an officer enrols an authenticator app and cannot reach a page before the
code; a teacher adds a passkey (Chromium's virtual authenticator, over the DevTools
protocol) and signs in with it instead of a password."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.accounts.totp import current_code
from lattice.people import actions as people_actions
from lattice.people.models import AccessGrant
from tests.browser.conftest import enter_code_if_asked
from tests.cast import PASSWORD, build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()


def _confirm_password_if_asked(page: Any) -> None:
    """Changing a second factor asks for the password again (allauth's reauthentication)."""
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()


def test_an_officer_enrols_an_app_then_no_page_opens_before_the_code(live_server, shot_page):
    cast = build_cast()
    officer = people_actions.create_login(None, username="newofficer", password=PASSWORD)
    people_actions.grant_access(
        None, officer, role=AccessGrant.Role.TALENT_OFFICER, district=cast.district
    )
    page, base = shot_page, live_server.url
    _log_in(page, base, "newofficer")
    assert page.url == f"{base}/accounts/2fa/"  # the district requires it of officers
    assert "requires two-factor sign-in for your role" in page.content()
    page.get_by_role("link", name="Set up an authenticator app").click()
    _confirm_password_if_asked(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_load_state()
    assert "/accounts/2fa/recovery-codes/" in page.url
    page.goto(f"{base}/district/")
    assert page.locator("h1").first.inner_text().startswith("Northfield")
    page.get_by_role("button", name="Log out").click()

    _log_in(page, base, "newofficer")
    assert "/accounts/2fa/authenticate/" in page.url
    for path in ["/district/", "/imports/northfield/", "/forecasts/", "/audit/", "/admin/"]:
        page.goto(f"{base}{path}")
        assert page.url == f"{base}/accounts/2fa/authenticate/", path  # back to the code step
    enter_code_if_asked(page, secret)
    page.goto(f"{base}/imports/northfield/")
    assert page.url == f"{base}/imports/northfield/"


def test_a_teacher_adds_a_passkey_and_signs_in_with_it(live_server, shot_page):
    build_cast()
    page, base = shot_page, live_server.url
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    _log_in(page, base, "teacher")
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    _confirm_password_if_asked(page)
    page.get_by_label("Name").fill("This laptop")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    page.goto(f"{base}/accounts/2fa/")
    assert "You have 1 passkey" in page.content()
    page.get_by_role("button", name="Log out").click()

    page.goto(f"{base}/accounts/login/")
    page.get_by_role("button", name="Log in with a passkey").click()
    page.wait_for_url(f"{base}/me/")
    assert "Ada" in page.locator("h1").first.inner_text()
