"""Forecast runs: what the talent office asked for (inputs), how far it got (status and
progress), and once finished the result summary the run's page charts.

Reads go through ``lattice.forecasts.queries.runs_visible_to`` (the talent office of the
run's district, as the pages decide). As the district's forecast page does, a read first
restarts the forecasts whose worker died, so a crashed run never reads as running forever.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.scopes import ApiScope
from lattice.api.serializers import ForecastRunSerializer
from lattice.api.views.base import ApiView
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.queries import runs_visible_to
from lattice.forecasts.tasks import restart_orphans
from lattice.people.access import districts_administered_by

STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(ForecastRun.Status.values),
    description="Only runs in this state (done: the result summary is there).",
)


def _runs(view: ApiView) -> QuerySet[ForecastRun]:
    for district in districts_administered_by(view.request.user).filter(view.in_reach("pk")):
        restart_orphans(district)
    return runs_visible_to(view.request.user).filter(view.in_reach()).select_related("created_by")


@extend_schema_view(
    get=extend_schema(
        summary="List forecast runs",
        description="The district's forecasts, oldest first, with their inputs, status and "
        "result summaries: only the talent office reads them (anyone else sees none). Needs "
        "forecasts:read.",
        parameters=[filters.DISTRICT, STATUS],
    )
)
class ForecastRunList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.FORECASTS_READ
    serializer_class = ForecastRunSerializer

    def get_queryset(self) -> QuerySet[ForecastRun]:
        qs = _runs(self)
        status = filters.one_of(
            self.request, "status", list(ForecastRun.Status.values), "a forecast status"
        )
        if status:
            qs = qs.filter(status=status)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class ForecastRunDetail(ApiView):
    required_scope = ApiScope.FORECASTS_READ
    serializer_class = ForecastRunSerializer
    pagination_class = None

    @extend_schema(
        summary="One forecast run",
        description="A forecast's inputs, status and progress (poll it while it runs) and, "
        "once done, its result summary. Needs forecasts:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        run = _runs(self).filter(pk=pk).first()
        if run is None:
            raise Http404("No such forecast")
        return Response(ForecastRunSerializer(run).data)
