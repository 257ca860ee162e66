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
