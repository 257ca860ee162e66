"""The accounts app's periodic jobs (registered into lattice.lib.schedule at start-up)."""

from __future__ import annotations

import datetime as dt

from lattice.lib import schedule


def _enqueue_forgetting() -> object:
    from lattice.accounts.tasks import forget_old_sign_in_failures

    return forget_old_sign_in_failures.enqueue()


def register_jobs() -> None:
    schedule.register(
        schedule.Periodic(
            name="accounts.forget_old_sign_in_failures",
            every=dt.timedelta(hours=6),
            enqueue=_enqueue_forgetting,
            description="Delete failed sign-ins older than a day (personal data kept no longer)",
        )
    )
