"""Password policy and the absolute session lifetime (issue 20, "Sign-in")."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from lattice.accounts.middleware import SIGNED_IN_AT
from tests.cast import PASSWORD


@pytest.mark.parametrize(
    "password",
    [
        "Summer2026",
        "Summer2026!!",
        "Password1234",
        "Maplewood2026",
        "qwertyuiop123",
        "ada-teacher-1",
    ],
)
def test_guessable_passwords_are_refused(cast, password):
    with pytest.raises(ValidationError):
        validate_password(password, cast.user("teacher"))


def test_summer2026_is_refused_as_easy_to_guess_not_only_as_short(cast):
    with pytest.raises(ValidationError) as refused:
        validate_password("Summer2026!!", cast.user("teacher"))
    assert [e.code for e in refused.value.error_list] == ["password_guessable"]


def test_a_short_password_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        validate_password("v9#Tq!e2", cast.user("teacher"))
    assert "password_too_short" in [e.code for e in refused.value.error_list]


def test_a_long_unusual_passphrase_is_accepted(cast):
    validate_password("marmalade orbit tuesday cactus", cast.user("teacher"))


def test_the_password_page_explains_a_refusal(cast, client_for):
    response = client_for("teacher").post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "Summer2026!!", "password2": "Summer2026!!"},
    )
    assert response.status_code == 200
    assert "This password is too easy to guess" in response.content.decode()


def test_a_strong_new_password_is_saved(cast, client_for):
    client = client_for("teacher")
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "marmalade orbit tuesday cactus",
            "password2": "marmalade orbit tuesday cactus",
        },
    )
    assert response.status_code == 302
    cast.user("teacher").refresh_from_db()
    assert cast.user("teacher").check_password("marmalade orbit tuesday cactus")


def _age_session(client, seconds: float) -> None:
    session = client.session
    session[SIGNED_IN_AT] = time.time() - seconds
    session.save()


@override_settings(SESSION_ABSOLUTE_AGE=12 * 3600)
def test_a_busy_session_still_ends_at_its_absolute_lifetime(cast, client_for):
    client = client_for("teacher")
    assert client.get("/me/").status_code == 200
    _age_session(client, 12 * 3600 + 1)
    response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    page = client.get(response["Location"]).content.decode()
    assert "sessions end 12 hours after signing in" in page
    assert client.get("/me/").status_code == 302  # signed out for good


@override_settings(SESSION_ABSOLUTE_AGE=12 * 3600)
def test_a_session_within_its_lifetime_goes_on(cast, client_for):
    client = client_for("teacher")
    client.get("/me/")
    _age_session(client, 11 * 3600)
    assert client.get("/me/").status_code == 200


def test_signing_in_starts_the_clock(cast):
    from django.test import Client

    client = Client()
    client.post("/accounts/login/", {"login": "teacher", "password": PASSWORD})
    assert time.time() - client.session[SIGNED_IN_AT] < 60


def test_the_session_page_says_who_is_signed_in_and_when_the_session_ends(cast, client_for):
    client = client_for("teacher")
    client.get("/me/")
    _age_session(client, 3600)
    page = client.get("/accounts/session/").content.decode()
    teacher = cast.user("teacher")
    assert teacher.get_username() in page
    assert "Session ends" in page
    assert "at the latest" in page
    assert "not used in this session" in page  # the teacher has no second factor


def test_the_session_page_names_the_second_factor_an_officer_passed(cast, client_for):
    page = client_for("officer").get("/accounts/session/").content.decode()
    assert "passed with" in page


def test_the_session_page_costs_no_query_beyond_the_base_template(
    cast, client_for, django_assert_max_num_queries
):
    from tests.query_budgets import budget_for

    client = client_for("officer")
    client.get("/accounts/session/")
    with django_assert_max_num_queries(budget_for("/accounts/session/")):
        assert client.get("/accounts/session/").status_code == 200


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_busy_session_pushes_its_idle_limit_back_at_most_once_a_minute(cast, client_for):
    from lattice.accounts.middleware import RENEW_EVERY, RENEWED_AT

    client = client_for("teacher")
    client.get("/accounts/session/")
    first = _expiry(client)
    client.get("/accounts/session/")
    assert _expiry(client) == first  # within the minute: the session is not written again
    session = client.session
    session[RENEWED_AT] = time.time() - RENEW_EVERY - 1
    session.save()
    saved = _expiry(client)
    time.sleep(0.01)
    client.get("/accounts/session/")
    assert _expiry(client) > saved  # a minute on: the idle limit starts again from now


@override_settings(SESSION_COOKIE_AGE=3600)
def test_a_session_idle_past_its_limit_ends(cast, client_for):
    from django.contrib.sessions.models import Session

    client = client_for("teacher")
    client.get("/accounts/session/")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get("/accounts/session/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
