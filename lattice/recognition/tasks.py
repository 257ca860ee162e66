"""Background work of the recognition app."""

from __future__ import annotations

from django_tasks import task

from lattice.people.models import District
from lattice.recognition import actions


@task()
def award_pathways_reached() -> int:
    """Award 'pathway reached' achievements in every district (nightly, after standings are
    recomputed); returns how many credentials were issued."""
    return sum(actions.award_pathways(None, district) for district in District.objects.all())


@task()
def award_verified_claims() -> int:
    """Award 'verified ledger claim' achievements for claims that arrived verified without the
    talent office's verify step (a ledger imported from the HR system); nightly."""
    return sum(actions.award_ledger_claims(None, district) for district in District.objects.all())
