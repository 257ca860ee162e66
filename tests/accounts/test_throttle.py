"""Password guessing is slowed per account and per address, never locking the holder out."""

from __future__ import annotations

import datetime as dt

from django.test import Client, override_settings
from django.utils import timezone

from lattice.accounts import throttle
from lattice.accounts.models import FailedSignIn
from tests.cast import PASSWORD

WAIT = "Too many wrong passwords"


def _try(client: Client, username: str, password: str = "wrong-password", ip: str = "198.51.100.7"):
    return client.post(
        "/accounts/login/", {"login": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_wrong_passwords_make_the_next_try_wait_from_any_address(cast):
    for n in range(5):
        _try(Client(), "teacher", ip=f"198.51.100.{n}")
    response = _try(Client(), "teacher", PASSWORD, ip="203.0.113.50")
    assert response.status_code == 200
    assert WAIT in response.content.decode()
    assert "Wait 15 seconds" in response.content.decode()


def test_the_wait_is_a_delay_not_a_lock(cast):
    for _ in range(5):
        _try(Client(), "teacher")
    FailedSignIn.objects.update(at=timezone.now() - dt.timedelta(seconds=16))
    assert _try(Client(), "teacher", PASSWORD)["Location"] == "/"


def test_each_further_failure_doubles_the_wait(cast):
    past = timezone.now() - dt.timedelta(seconds=170)
    FailedSignIn.objects.bulk_create(
        FailedSignIn(at=past, username="teacher", ip_address="198.51.100.7") for _ in range(9)
    )
    # 9 failures: 4 past the allowance of 5, so 15 s × 2⁴ = 240 s after the last one
    page = _try(Client(), "teacher", PASSWORD, ip="203.0.113.9").content.decode()
    assert "Wait 1 min 1" in page  # 70 s left, give or take the test's own second


def test_a_stranger_cannot_keep_the_account_holder_out_of_their_own_browser(cast):
    holder = Client()
    assert _try(holder, "teacher", PASSWORD)["Location"] == "/"
    holder.post("/accounts/logout/")
    for n in range(30):  # an attacker hammering the account from many addresses
        _try(Client(), "teacher", ip=f"192.0.2.{n}")
    assert WAIT in _try(Client(), "teacher", PASSWORD).content.decode()
    assert _try(holder, "teacher", PASSWORD)["Location"] == "/"


def test_a_known_browser_that_keeps_failing_loses_its_pass(cast):
    holder = Client()
    _try(holder, "teacher", PASSWORD)
    holder.post("/accounts/logout/")
    for _ in range(throttle.DEVICE_ALLOWANCE):
        _try(holder, "teacher")
    for _ in range(throttle.ACCOUNT_ALLOWANCE):
        _try(Client(), "teacher")
    assert WAIT in _try(holder, "teacher", PASSWORD).content.decode()


def test_spraying_one_password_across_accounts_is_slowed_per_address(cast):
    for n in range(throttle.ADDRESS_ALLOWANCE):
        _try(Client(), f"someone{n}", "Summer2026")
    response = _try(Client(), "principal", PASSWORD)
    assert WAIT in response.content.decode()
    # another address is not slowed
    assert _try(Client(), "principal", PASSWORD, ip="203.0.113.77")["Location"] == "/"


def test_without_a_trusted_proxy_the_forwarded_for_header_is_ignored(cast):
    Client().post(
        "/accounts/login/",
        {"login": "teacher", "password": "nope"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert FailedSignIn.objects.get().ip_address == "10.0.0.2"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_trusted_proxy_the_client_address_comes_from_its_header(cast):
    for n in range(throttle.ADDRESS_ALLOWANCE):
        Client().post(
            "/accounts/login/",
            {"login": f"someone{n}", "password": "nope"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="forged-by-client, 203.0.113.200",
        )
    assert set(FailedSignIn.objects.values_list("ip_address", flat=True)) == {"203.0.113.200"}
    # everyone else behind the same proxy is not slowed by that one address
    response = Client().post(
        "/accounts/login/",
        {"login": "teacher", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response["Location"] == "/"


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_configured_client_address_header_is_used(cast):
    Client().post(
        "/accounts/login/",
        {"login": "teacher", "password": "nope"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_REAL_IP="198.51.100.33",
    )
    assert FailedSignIn.objects.get().ip_address == "198.51.100.33"


def test_failures_older_than_a_day_are_forgotten(cast):
    now = timezone.now()
    FailedSignIn.objects.create(at=now - dt.timedelta(days=2), username="a", ip_address=None)
    FailedSignIn.objects.create(at=now, username="b", ip_address=None)
    assert throttle.forget_old_failures(now) == 1
    assert list(FailedSignIn.objects.values_list("username", flat=True)) == ["b"]
