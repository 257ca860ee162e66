"""The daily digest as a background task (the scheduler enqueues it; the worker sends)."""

from __future__ import annotations

from django_tasks import task

DIGEST = "notifications.daily_digest"


@task()
def send_digests_task() -> int:
    from lattice.notifications.send import send_digests

    return send_digests()
