"""Deny by default: a signed-in user who must pass a second factor reaches nothing else.

Every page, the Django admin included, is closed to a session whose user has enrolled a
second factor but not entered it in this session, and to a user whose role requires two-factor
sign-in but who has not enrolled. Only the pages in the allow-lists below stay open (static
files are served before this middleware runs). A view cannot opt out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse

from lattice.accounts import second_factor
from lattice.accounts.policy import second_factor_state

ALWAYS_OPEN = frozenset({"account_login", "account_logout", "site:healthz"})
# The code step of a signed-in session that has not entered its second factor yet.
CODE_STEP = frozenset({"mfa_reauthenticate", "mfa_reauthenticate_webauthn"})
# Setting up a second factor, for a user whose role requires one.
ENROLMENT = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_list_webauthn",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
    }
)
SIGNED_IN_AT = "lattice_signed_in_at"
# When the session's idle limit was last pushed back (written at most every RENEW_EVERY s).
RENEWED_AT = "lattice_renewed_at"
RENEW_EVERY = 60


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in ALWAYS_OPEN:
            return None
        if second_factor.is_verified(request, user):
            return None  # passed a second factor in this session: no query needed
        state = second_factor_state(user)
        if state.enrolled:
            if name in CODE_STEP:
                return None
            return redirect_to_login(
                request.get_full_path()
                if request.method == "GET"
                else resolve_url(settings.LOGIN_REDIRECT_URL),
                reverse("mfa_reauthenticate"),
            )
        if state.required and name not in ENROLMENT:
            messages.info(
                request,
                "Your district requires two-factor sign-in for your role. Set up an "
                "authenticator app or a passkey to continue.",
            )
            return redirect("mfa_index")
        return None


class SessionLifetimeMiddleware:
    """End a session SESSION_ABSOLUTE_AGE seconds after sign-in, however busy it is (the
    idle limit, SESSION_COOKIE_AGE, alone lets a session live for ever), and push the idle
    limit back at most once every RENEW_EVERY seconds.

    Renewing the idle limit is a write: saving the session on every request
    (SESSION_SAVE_EVERY_REQUEST) cost every page a transaction and an UPDATE. Touching the
    session once a minute keeps the idle limit to within a minute of SESSION_COOKIE_AGE
    (a session idle for SESSION_COOKIE_AGE - RENEW_EVERY seconds may end) for one write a
    minute per busy session instead of one per page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        renewed = session.get(RENEWED_AT)
        if session.session_key is not None and not (
            isinstance(renewed, int | float) and 0 <= time.time() - renewed < RENEW_EVERY
        ):
            session[RENEWED_AT] = time.time()  # saved, with a new expiry, after the response
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            now = time.time()
            if not isinstance(started, int | float):
                request.session[SIGNED_IN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                hours = settings.SESSION_ABSOLUTE_AGE / 3600
                messages.info(
                    request,
                    f"For your security, sessions end {hours:g} hours after signing in. "
                    "Please sign in again.",
                )
                return redirect_to_login(
                    request.get_full_path() if request.method == "GET" else "/",
                    reverse(settings.LOGIN_URL),
                )
        return self.get_response(request)
