"""What other apps may read about forecasts: the runs a user may open, as the forecast
pages decide (the talent office of the run's district; a superuser, every run)."""

from __future__ import annotations

from django.db.models import QuerySet

from lattice.forecasts.models import ForecastRun
from lattice.lib.actors import Actor
from lattice.people.access import districts_administered_by


def runs_visible_to(user: Actor) -> QuerySet[ForecastRun]:
    """Forecast runs of the districts ``user`` administers — the runs whose pages open for
    them (``forecasts/<district>/runs/<pk>/`` resolves the district the same way)."""
    return ForecastRun.objects.select_related("district").filter(
        district__in=districts_administered_by(user)
    )
