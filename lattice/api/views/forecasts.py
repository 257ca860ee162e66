"""Forecast runs: what the talent office asked for (inputs), how far it got (status and
progress), and once finished the result summary the run's page charts.

Starting one is the form's road, never a second writer: the JSON is checked by the page's
own ``ForecastForm`` (the policies the district may run, the size limit), the run is created
with ``lattice.forecasts.actions.request_forecast`` (audited) and the same ``run_forecast``
task runs it in the background; poll the run until it is done and read its result.

Reads go through ``lattice.forecasts.queries.runs_visible_to`` (the talent office of the
run's district, as the pages decide). As the district's forecast page does, a read first
restarts the forecasts whose worker died, so a crashed run never reads as running forever.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.idempotency import idempotent
from lattice.api.problems import FieldProblem, FormProblems
from lattice.api.scopes import ApiScope
from lattice.api.serializers import ForecastRunSerializer, ForecastStartSerializer
from lattice.api.views.base import ApiView
from lattice.api.views.ratings import IDEMPOTENCY
from lattice.forecasts import actions
from lattice.forecasts.forms import ForecastForm
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.queries import runs_visible_to
from lattice.forecasts.tasks import restart_orphans, run_forecast
from lattice.people.access import districts_administered_by
from lattice.people.models import District

STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(ForecastRun.Status.values),
    description="Only runs in this state (done: the result summary is there).",
)


def _runs(view: ApiView) -> QuerySet[ForecastRun]:
    if not view.swagger_fake_view:
        for district in districts_administered_by(view.request.user).filter(view.in_reach("pk")):
            restart_orphans(district)
    return runs_visible_to(view.request.user).filter(view.in_reach()).select_related("created_by")


def _district(view: ApiView) -> District:
    """The one district whose forecasts the caller runs: the token's, when its owner is that
    district's talent office (a session naming it with ``?district=``)."""
    reached = list(districts_administered_by(view.request.user).filter(view.in_reach("pk"))[:2])
    if len(reached) == 1:
        return reached[0]
    if reached:
        raise FieldProblem(
            "district", "The account runs the forecasts of several districts.", "Add ?district=KEY."
        )
    raise NotFound("No district whose forecasts this token's owner runs (the talent office's).")


def _form_data(values: dict[str, Any], form: ForecastForm) -> dict[str, Any]:
    """The JSON as the form would have been posted: a field left out takes its default."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = values.get(name, field.initial)
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


@extend_schema_view(
    get=extend_schema(
        summary="List forecast runs",
        description="The district's forecasts, oldest first, with their inputs, status and "
        "result summaries: only the talent office reads them (anyone else sees none). Needs "
        "forecasts:read.",
        parameters=[filters.DISTRICT, STATUS],
    ),
    post=extend_schema(
        summary="Start a forecast",
        description="Starts a forecast as the forecast page's form does, with the same "
        "choices and checks (a field left out takes the form's default): the run is queued "
        "and runs in the background — poll it (its Location) until its status is done, then "
        "read its result. Needs forecasts:write and the talent office's access.",
        parameters=[IDEMPOTENCY, filters.DISTRICT],
        request=ForecastStartSerializer,
        responses={202: ForecastRunSerializer},
    ),
)
class ForecastRunList(mixins.ListModelMixin, ApiView):
    serializer_class = ForecastRunSerializer

    @property
    def required_scope(self) -> ApiScope:  # type: ignore[override]
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return ApiScope.FORECASTS_WRITE if write else ApiScope.FORECASTS_READ

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

    @idempotent
    def post(self, request: Request) -> Response:
        incoming = ForecastStartSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        district = _district(self)
        blank = ForecastForm(district=district)
        form = ForecastForm(_form_data(incoming.validated_data, blank), district=district)
        if not form.is_valid():
            choices = ", ".join(key for key, _ in form.fields["policy"].choices)  # type: ignore[attr-defined]
            fix = f"Use one of: {choices}." if choices else "Adopt a policy for the district."
            errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            raise FormProblems(errors, {"policy": fix, "vs": fix})
        run = actions.request_forecast(request.user, district, form.title(), form.inputs())
        run_forecast.enqueue(run.pk)
        run = _runs(self).get(pk=run.pk)
        response = Response(ForecastRunSerializer(run).data, status=202)
        response["Location"] = f"/api/v1/forecasts/{run.pk}/"
        return response


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
