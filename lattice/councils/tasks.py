"""Background work of the councils app."""

from __future__ import annotations

from django_tasks import task

from lattice.councils.reminders import send_review_reminders


@task()
def remind_reviews_due() -> int:
    """Send the review-due reminders (nightly); returns how many decisions were reminded."""
    return send_review_reminders()
