"""The recognition app's periodic jobs (registered into lattice.lib.schedule at start-up)."""

from __future__ import annotations

import datetime as dt

from lattice.lib import schedule


def _enqueue_pathways() -> object:
    from lattice.recognition.tasks import award_pathways_reached

    return award_pathways_reached.enqueue()


def _enqueue_claims() -> object:
    from lattice.recognition.tasks import award_verified_claims

    return award_verified_claims.enqueue()


def register_jobs() -> None:
    schedule.register(
        schedule.Periodic(
            name="recognition.award_pathways_reached",
            every=dt.timedelta(days=1),
            at=dt.time(3, 30),
            enqueue=_enqueue_pathways,
            description="Issue 'pathway reached' credentials to teachers newly placed on a pathway",
        )
    )
    schedule.register(
        schedule.Periodic(
            name="recognition.award_verified_claims",
            every=dt.timedelta(days=1),
            at=dt.time(3, 40),
            enqueue=_enqueue_claims,
            description="Issue 'verified ledger claim' credentials for claims imported verified",
        )
    )
