"""What Lattice notes when allauth signs someone in or changes their second factor.

allauth owns the views; these receivers only mark the session (second factor passed, time of
sign-in, known device) and write the audit entries, through the accounts actions.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account.signals import user_logged_in
from allauth.mfa import signals as mfa_signals

from lattice.accounts import actions, second_factor, throttle
from lattice.accounts.middleware import SIGNED_IN_AT


def _factor_used(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    second_factor.mark_verified(request, user, how=str(authenticator.type))


def _factor_added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    # Enrolling takes a code from the new app or a touch of the new passkey: proof enough.
    if authenticator.type in second_factor.FACTOR_TYPES:
        second_factor.mark_verified(request, user, how=str(authenticator.type))
    actions.record_two_factor_change(user, str(authenticator.get_type_display()), added=True)


def _factor_removed(
    sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    actions.record_two_factor_change(user, str(authenticator.get_type_display()), added=False)


def _signed_in(sender: Any, request: Any, user: Any, response: Any = None, **kwargs: Any) -> None:
    request.session[SIGNED_IN_AT] = time.time()
    if response is not None:
        throttle.remember_device(request, response, user.get_username())


def connect() -> None:
    mfa_signals.authenticator_used.connect(_factor_used, dispatch_uid="lattice.factor_used")
    mfa_signals.authenticator_added.connect(_factor_added, dispatch_uid="lattice.factor_added")
    mfa_signals.authenticator_removed.connect(
        _factor_removed, dispatch_uid="lattice.factor_removed"
    )
    user_logged_in.connect(_signed_in, dispatch_uid="lattice.signed_in")
