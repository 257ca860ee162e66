"""Background work of the accounts app."""

from __future__ import annotations

from django_tasks import task

from lattice.accounts import throttle


@task()
def forget_old_sign_in_failures() -> int:
    """Delete failed sign-ins older than a day; they no longer slow anyone down."""
    return throttle.forget_old_failures()
