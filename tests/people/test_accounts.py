"""Logging in and out, throttling, password change, and two-factor sign-in."""

from __future__ import annotations

from binascii import unhexlify

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lattice.audit.models import AuditEntry
from tests.cast import PASSWORD


def _log_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _code(key_hex: str) -> str:
    totp = TOTP(unhexlify(key_hex))
    return f"{totp.token():06d}"


def test_log_in_page_has_labelled_fields(db):
    page = Client().get("/accounts/login/").content.decode()
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert '<main id="main"' in page
    assert 'href="#main"' in page


def test_logging_in_sends_a_teacher_to_their_profile(cast):
    client = Client()
    response = _log_in(client, "teacher")
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).redirect_chain[-1][0] == "/me/"


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(cast):
    response = _log_in(Client(), "teacher", "wrong")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_five_wrong_passwords_lock_the_account_for_a_while(cast):
    client = Client()
    for _ in range(5):
        _log_in(client, "teacher", "wrong")
    response = _log_in(client, "teacher")  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many log-in attempts" in response.content.decode()


def test_log_out_is_a_post_and_ends_the_session(cast, client_for):
    client = client_for("teacher")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"
    assert client.get("/me/").status_code == 302


def test_password_change_keeps_the_user_signed_in(cast, client_for):
    client = client_for("teacher")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response["Location"] == "/accounts/password/done/"
    assert client.get("/me/").status_code == 200
    assert _log_in(Client(), "teacher", "a-new-long-passphrase-42").status_code == 302


# --- two-factor -----------------------------------------------------------------------------


def _turn_on_two_factor(client: Client) -> str:
    client.get("/accounts/two-factor/")
    key = client.session["lattice_totp_pending_key"]
    response = client.post("/accounts/two-factor/", {"token": _code(key)})
    assert response.status_code == 302
    return key


def test_an_officer_turns_on_two_factor_with_a_code_from_their_app(cast, client_for):
    client = client_for("officer")
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    assert "Scan this QR code" in page
    _turn_on_two_factor(client)
    device = TOTPDevice.objects.get(user=cast.user("officer"))
    assert device.confirmed
    assert (
        AuditEntry.objects.filter(
            action="account.two_factor_on", actor=cast.user("officer")
        ).count()
        == 1
    )
    assert "Two-factor sign-in is on" in client.get("/accounts/two-factor/").content.decode()


def test_a_wrong_code_does_not_turn_two_factor_on(cast, client_for):
    client = client_for("officer")
    client.get("/accounts/two-factor/")
    response = client.post("/accounts/two-factor/", {"token": "000000"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.user("officer")).exists()


def test_a_malformed_code_is_explained(cast, client_for):
    client = client_for("officer")
    response = client.post("/accounts/two-factor/", {"token": "12ab"})
    assert "Enter the six digits your app shows" in response.content.decode()


def test_teachers_have_no_two_factor_page(cast, client_for):
    assert client_for("teacher").get("/accounts/two-factor/").status_code == 404


@pytest.fixture
def officer_with_two_factor(cast, client_for) -> str:
    return _turn_on_two_factor(client_for("officer"))


def test_log_in_asks_for_the_code_when_two_factor_is_on(cast, officer_with_two_factor):
    client = Client()
    response = _log_in(client, "officer")
    assert response["Location"].startswith("/accounts/login/code/")
    # the officer's pages wait for the code
    blocked = client.get("/district/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/accounts/login/code/?next=/district/")
    assert client.get("/audit/")["Location"].startswith("/accounts/login/code/")
    # the right code lets them through
    done = client.post(
        "/accounts/login/code/", {"token": _code(officer_with_two_factor), "next": "/district/"}
    )
    assert done["Location"] == "/district/"
    assert client.get("/district/").status_code == 200


def test_a_wrong_second_step_code_keeps_the_door_shut(cast, officer_with_two_factor):
    client = Client()
    _log_in(client, "officer")
    response = client.post("/accounts/login/code/", {"token": "000000"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert client.get("/district/").status_code == 302


def test_the_second_step_refuses_to_redirect_off_site(cast, officer_with_two_factor):
    client = Client()
    _log_in(client, "officer")
    done = client.post(
        "/accounts/login/code/",
        {"token": _code(officer_with_two_factor), "next": "https://evil.example.com/"},
    )
    assert done["Location"] == "/"


def test_turning_two_factor_off_is_audited(cast, client_for):
    client = client_for("officer")
    _turn_on_two_factor(client)
    response = client.post("/accounts/two-factor/remove/")
    assert response["Location"] == "/accounts/two-factor/"
    assert not TOTPDevice.objects.filter(user=cast.user("officer")).exists()
    assert AuditEntry.objects.filter(action="account.two_factor_off").count() == 1
