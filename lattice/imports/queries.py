"""What other apps may read about imports: the runs a user may open, as the imports pages
decide (the talent office of the run's district; a superuser, every run)."""

from __future__ import annotations

from django.db.models import QuerySet

from lattice.imports.models import ImportRun
from lattice.lib.actors import Actor
from lattice.people.access import districts_administered_by


def runs_visible_to(user: Actor) -> QuerySet[ImportRun]:
    """Import runs of the districts ``user`` administers — the runs whose pages open for
    them (``imports/<district>/runs/<pk>/`` resolves the district the same way)."""
    return ImportRun.objects.select_related("district", "created_by", "applied_by").filter(
        district__in=districts_administered_by(user)
    )
