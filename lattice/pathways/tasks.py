"""Background work of the pathways app: recomputing standings after many facts changed, and
the nightly "as of today" recompute that keeps every standing current with the calendar
(a new school year, ratings posted at the end of a year, a certificate that expired).

Both go through the one writer (``actions.standings.recompute_standings``). A worker that
crashes mid-way loses only the chunk it was writing: the rest stays marked stale and the
next run picks it up.
"""

from __future__ import annotations

import logging

from django_tasks import task

from lattice.pathways.actions.standings import recompute_standings
from lattice.pathways.models import PolicyAdoption
from lattice.people.models import District

log = logging.getLogger(__name__)

NIGHTLY = "pathways.standings-as-of-today"


@task()
def recompute_district(district_id: int, reason: str, stale_only: bool = True) -> str:
    """Recompute a district's stale standings (or all of them) as of today."""
    district = District.objects.get(pk=district_id)
    report = recompute_standings(district, reason=reason, stale_only=stale_only)
    log.info("%s", report.line())
    return report.line()


@task()
def recompute_all_districts() -> list[str]:
    """The nightly run: every district with a policy, every standing, as of today."""
    lines = []
    ids = PolicyAdoption.objects.values_list("district_id", flat=True).distinct()
    for district in District.objects.filter(pk__in=ids).order_by("key"):
        report = recompute_standings(district, reason="nightly recompute as of today")
        log.info("%s", report.line())
        lines.append(report.line())
    return lines
