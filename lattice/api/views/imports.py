"""Import runs: a district's OneRoster and HR imports, their status, progress, counts and the
errors that name the file, line, column and fix — what the imports pages show the office.

Reads go through ``lattice.imports.queries.runs_visible_to`` (the talent office of the run's
district, as the pages decide). As the pages do, a read first fails the runs whose worker
died (``lattice.imports.actions.reap``), so a crashed import never reads as still running.
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
from lattice.api.serializers import ImportRunSerializer
from lattice.api.views.base import ApiView
from lattice.imports import actions
from lattice.imports.models import ImportRun
from lattice.imports.queries import runs_visible_to
from lattice.people.access import districts_administered_by

STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(ImportRun.Status.values),
    description="Only runs in this state (ready: waiting for the office to apply it).",
)
KIND = OpenApiParameter(
    "kind", OpenApiTypes.STR, enum=list(ImportRun.Kind.values), description="Only this kind."
)


def _runs(view: ApiView) -> QuerySet[ImportRun]:
    for district in districts_administered_by(view.request.user).filter(view.in_reach("pk")):
        actions.reap(district)
    return runs_visible_to(view.request.user).filter(view.in_reach()).defer("journal", "preview")


@extend_schema_view(
    get=extend_schema(
        summary="List import runs",
        description="The district's imports, oldest first, as the imports page lists them: "
        "only the talent office reads them (anyone else sees none). Needs imports:read.",
        parameters=[filters.DISTRICT, STATUS, KIND],
    )
)
class ImportRunList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.IMPORTS_READ
    serializer_class = ImportRunSerializer

    def get_queryset(self) -> QuerySet[ImportRun]:
        qs = _runs(self)
        status = filters.one_of(
            self.request, "status", list(ImportRun.Status.values), "an import status"
        )
        if status:
            qs = qs.filter(status=status)
        kind = filters.one_of(self.request, "kind", list(ImportRun.Kind.values), "an import kind")
        if kind:
            qs = qs.filter(kind=kind)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class ImportRunDetail(ApiView):
    required_scope = ApiScope.IMPORTS_READ
    serializer_class = ImportRunSerializer
    pagination_class = None

    @extend_schema(
        summary="One import run",
        description="An import's status and progress (poll it while it reads or applies), "
        "its counts, and its errors and warnings. Needs imports:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        run = _runs(self).filter(pk=pk).first()
        if run is None:
            raise Http404("No such import")
        return Response(ImportRunSerializer(run).data)
