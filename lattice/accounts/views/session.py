"""Your session: who is signed in, since when, when the session ends, and how the second
factor was passed.

Everything on the page comes from the session and the signed-in user (no query of its own),
so it is also the benchmark's baseline: a signed-in page that costs only the session, the
authentication and the base template (bench/pages.py measures every page against it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lattice.accounts import second_factor
from lattice.accounts.middleware import SIGNED_IN_AT

HOW = {
    "totp": "a code from your authenticator app",
    "recovery_codes": "a recovery code",
    "webauthn": "a passkey",
}


def _moment(seconds: Any) -> dt.datetime | None:
    if not isinstance(seconds, int | float):
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).astimezone(timezone.get_current_timezone())


def session(request: HttpRequest) -> HttpResponse:
    """The signed-in session, in plain words; what ends it and how to end it now."""
    signed_in = _moment(request.session.get(SIGNED_IN_AT))
    ends = signed_in + dt.timedelta(seconds=settings.SESSION_ABSOLUTE_AGE) if signed_in else None
    mark = request.session.get(second_factor.SESSION_KEY) or {}
    factor = None
    if str(mark.get("user", "")) == str(request.user.pk):
        factor = {
            "how": HOW.get(str(mark.get("how", "")), "a second factor"),
            "at": _moment(mark.get("at")),
        }
    context = {
        "signed_in": signed_in,
        "ends": ends,
        "idle_hours": settings.SESSION_COOKIE_AGE / 3600,
        "absolute_hours": settings.SESSION_ABSOLUTE_AGE / 3600,
        "factor": factor,
    }
    return render(request, "accounts/session.html", context)
