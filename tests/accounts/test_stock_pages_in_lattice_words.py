"""allauth's stock pages read as Lattice's: sentence case, "Log out" not "Sign Out"; and the
pages about a sign-in that did not happen send someone already signed in home."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from lattice.accounts.wording import headline, words

pytestmark = pytest.mark.django_db


def test_a_title_case_heading_reads_in_sentence_case() -> None:
    assert headline("Two-Factor Authentication") == "Two-factor authentication"
    assert headline("Trust this Browser?") == "Trust this browser?"
    assert headline("Email Addresses") == "Email addresses"


def test_allauths_sign_out_is_lattices_log_out() -> None:
    assert headline("Sign Out") == "Log out"
    assert words("Are you sure you want to sign out?") == "Are you sure you want to log out?"
    assert words("You have signed out.") == "You have logged out."


def test_acronyms_and_names_keep_their_capitals() -> None:
    assert headline("Sign In With Microsoft SSO") == "Log in with Microsoft SSO"


def test_the_log_out_page_says_log_out_in_lattices_words(
    client_for: Callable[[str], Client],
) -> None:
    page = client_for("teacher").get("/accounts/logout/").content.decode()
    assert "Sign Out" not in page
    assert "<h1>Log out</h1>" in page
    assert "Are you sure you want to log out?" in page
    assert "<title>Log out" in page


def test_the_two_factor_pages_use_sentence_case(client_for: Callable[[str], Client]) -> None:
    page = client_for("officer").get("/accounts/reauthenticate/").content.decode()
    assert "Confirm Access" not in page
    assert "Confirm access" in page


@pytest.mark.parametrize(
    "path", ["/accounts/inactive/", "/accounts/sign-in/waiting/", "/accounts/sign-in/refused/"]
)
def test_pages_about_a_sign_in_that_did_not_happen_send_the_signed_in_home(
    client_for: Callable[[str], Client], path: str
) -> None:
    answer = client_for("teacher").get(path)
    assert answer.status_code == 302
    assert answer["Location"] == "/"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/accounts/inactive/", 200),
        ("/accounts/sign-in/waiting/", 200),
        ("/accounts/sign-in/refused/", 403),
    ],
)
def test_someone_not_signed_in_still_reads_them(cast: Any, path: str, status: int) -> None:
    assert Client().get(path).status_code == status


def test_the_inactive_account_page_reads_in_sentence_case(cast: Any) -> None:
    page = Client().get("/accounts/inactive/").content.decode()
    assert "Account Inactive" not in page
    assert "Account inactive" in page
