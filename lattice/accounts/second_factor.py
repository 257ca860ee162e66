"""Whether this session has passed a second factor, and whether a user has one to pass.

A session is *verified* once its user proved a second factor in it: a TOTP or recovery code
or a passkey at sign-in or at the code step, or by enrolling one (which takes a code or a
passkey too). The mark names the user, so it never carries over to another account, and it
goes with the session at log-out.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest

SESSION_KEY = "lattice_second_factor"
FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def is_enrolled(user: Any) -> bool:
    """The user has an authenticator app or a passkey (recovery codes alone do not count)."""
    cached = getattr(user, "_lattice_mfa_enrolled", None)
    if cached is None:
        cached = is_mfa_enabled(user, list(FACTOR_TYPES))
        user._lattice_mfa_enrolled = cached
    return bool(cached)


def verified_mark(user: Any, how: str) -> dict[str, Any]:
    """The session value that says ``user`` passed a second factor (``how``) just now."""
    return {"user": str(user.pk), "at": time.time(), "how": how}


def mark_verified(request: HttpRequest, user: Any, how: str) -> None:
    request.session[SESSION_KEY] = verified_mark(user, how)
    user._lattice_second_factor_state = None


def is_verified(request: HttpRequest, user: Any) -> bool:
    mark = request.session.get(SESSION_KEY)
    return isinstance(mark, dict) and mark.get("user") == str(user.pk)
