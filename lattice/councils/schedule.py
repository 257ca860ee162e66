"""The councils app's periodic jobs (registered into lattice.lib.schedule at start-up)."""

from __future__ import annotations

import datetime as dt

from lattice.lib import schedule


def _enqueue_review_reminders() -> object:
    from lattice.councils.tasks import remind_reviews_due

    return remind_reviews_due.enqueue()


def register_jobs() -> None:
    schedule.register(
        schedule.Periodic(
            name="councils.remind_reviews_due",
            every=dt.timedelta(days=1),
            at=dt.time(6, 0),
            enqueue=_enqueue_review_reminders,
            description="Tell who carries a decision out and the body's chair that its "
            "review date has come (once per review date)",
        )
    )
