"""Import runs: a district's OneRoster and HR imports, their status, progress, counts and the
errors that name the file, line, column and fix — what the imports pages show the office —
and HR rows sent as JSON, imported exactly as an uploaded HR file is.

HR rows take the file's own road, never a second writer: the rows become the CSV an officer
would upload (the HR template's columns), stored where uploads are, and the run is created
with ``lattice.imports.actions.create_run`` and read by the same task (``parse_run``) into
the same plan and preview, with the same errors and safety check. Applying queues the same
``apply_run`` after ``lattice.imports.actions.queue_apply``, which asks for the typed count
when the safety limit is exceeded, as the page does; ``apply_plan`` writes, audited.

A OneRoster upload takes the imports page's road too: the files are checked by the page's
own ``OneRosterUploadForm``, stored by ``lattice.imports.actions.upload_run`` and read by
``parse_run`` into the plan and preview an officer reviews; nothing is written until the run
is applied (``/apply/``), with the same safety check.

Reads go through ``lattice.imports.queries.runs_visible_to`` (the talent office of the run's
district, as the pages decide). As the pages do, a read first fails the runs whose worker
died (``lattice.imports.actions.reap``), so a crashed import never reads as still running.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils.datastructures import MultiValueDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.idempotency import idempotent
from lattice.api.problems import FieldProblem, FormProblems
from lattice.api.scopes import ApiScope
from lattice.api.serializers import (
    HrRowsSerializer,
    ImportApplySerializer,
    ImportRunSerializer,
    OneRosterUploadSerializer,
)
from lattice.api.views.base import ApiView
from lattice.api.views.ratings import IDEMPOTENCY
from lattice.imports import actions
from lattice.imports.forms import OneRosterUploadForm
from lattice.imports.hr.columns import saved_mapping
from lattice.imports.limits import HR_MAX_BYTES
from lattice.imports.models import ImportRun
from lattice.imports.queries import runs_visible_to
from lattice.imports.tasks import apply_run, parse_run
from lattice.people.access import districts_administered_by
from lattice.people.models import District

ROWS_FILE = "api-rows.csv"

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
    if not view.swagger_fake_view:
        for district in districts_administered_by(view.request.user).filter(view.in_reach("pk")):
            actions.reap(district)
    return runs_visible_to(view.request.user).filter(view.in_reach()).defer("journal")


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


def _district(view: ApiView) -> District:
    """The one district whose imports the caller runs: the token's, when its owner is that
    district's talent office (a session naming it with ``?district=``)."""
    reached = list(districts_administered_by(view.request.user).filter(view.in_reach("pk"))[:2])
    if len(reached) == 1:
        return reached[0]
    if reached:
        raise FieldProblem(
            "district", "The account runs the imports of several districts.", "Add ?district=KEY."
        )
    raise NotFound("No district whose imports this token's owner runs (the talent office's).")


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """The rows as the CSV an officer would upload: the columns in first-seen order."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


class HrRowsImport(ApiView):
    required_scope = ApiScope.IMPORTS_WRITE
    serializer_class = HrRowsSerializer
    pagination_class = None

    @extend_schema(
        summary="Import HR rows",
        description="Starts an HR import from rows sent as JSON, as if the talent office had "
        "uploaded them as an HR file: the run is read in the background (poll the import "
        "until it is ready or has errors), previewed and checked against the safety limit, "
        "and written only when applied. Needs imports:write and the talent office's access.",
        parameters=[IDEMPOTENCY],
        request=HrRowsSerializer,
        responses={202: ImportRunSerializer},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        incoming = HrRowsSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        district = _district(self)
        data = _csv_bytes(incoming.validated_data["rows"])
        if len(data) > HR_MAX_BYTES:
            raise FieldProblem(
                "rows",
                f"The rows come to more than {HR_MAX_BYTES // (1024 * 1024)} MB as a file.",
                "Send fewer rows at a time, or only the columns Lattice reads.",
            )
        storage = f"imports/{uuid.uuid4().hex}"
        folder = Path(settings.MEDIA_ROOT) / storage
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ROWS_FILE).write_bytes(data)
        run = actions.create_run(
            request.user,
            kind=ImportRun.Kind.HR,
            district=district,
            origin="api",
            file_names=[ROWS_FILE],
            storage=storage,
            mapping=saved_mapping(district),
        )
        parse_run.enqueue(run.pk)
        run = _runs(self).get(pk=run.pk)
        response = Response(ImportRunSerializer(run).data, status=202)
        response["Location"] = f"/api/v1/imports/{run.pk}/"
        return response


class OneRosterImport(ApiView):
    required_scope = ApiScope.IMPORTS_WRITE
    serializer_class = OneRosterUploadSerializer
    pagination_class = None
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import OneRoster files",
        description="Starts a OneRoster import from the files the SIS exports, uploaded as "
        "the imports page takes them (multipart/form-data, one `files` part per file): the "
        "run is read in the background (poll the import until it is ready or has errors), "
        "previewed and checked against the safety limit, and written only when applied. "
        "Send an Idempotency-Key so a retried upload starts one run. Needs imports:write and "
        "the talent office's access.",
        parameters=[IDEMPOTENCY],
        request={"multipart/form-data": OneRosterUploadSerializer},
        responses={202: ImportRunSerializer},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        incoming = OneRosterUploadSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        district = _district(self)
        values = incoming.validated_data
        files = MultiValueDict({"files": list(values["files"])})
        form = OneRosterUploadForm({"mode": values["mode"]}, files)
        if not form.is_valid():
            fix = "Upload the ZIP the SIS exports, or its OneRoster CSV files."
            errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            raise FormProblems(errors, {"files": fix})
        run = actions.upload_run(
            request.user,
            form.cleaned_data["files"],
            kind=ImportRun.Kind.ONEROSTER,
            district=district,
            origin="api",
            mode=form.cleaned_data["mode"],
        )
        parse_run.enqueue(run.pk)
        run = _runs(self).get(pk=run.pk)
        response = Response(ImportRunSerializer(run).data, status=202)
        response["Location"] = f"/api/v1/imports/{run.pk}/"
        return response


class ImportRunApply(ApiView):
    required_scope = ApiScope.IMPORTS_WRITE
    serializer_class = ImportApplySerializer
    pagination_class = None

    @extend_schema(
        summary="Apply an import",
        description="Applies an import that is ready, as the Apply button does: the writing "
        "runs in the background in one transaction (poll the import until it is applied). "
        "When the import removes more than the safety limit allows, send the run's "
        "confirm_count back. Needs imports:write and the talent office's access.",
        parameters=[IDEMPOTENCY],
        request=ImportApplySerializer,
        responses={202: ImportRunSerializer},
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        incoming = ImportApplySerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        run = _runs(self).filter(pk=pk).first()
        if run is None:
            raise Http404("No such import")
        try:
            actions.queue_apply(request.user, run, incoming.validated_data["confirm_count"])
        except actions.RunStateError as exc:
            raise FieldProblem(
                "confirm_count" if run.status == ImportRun.Status.READY else "status",
                f"Not applied: {exc}.",
                "Read the import: apply it once it is ready, with the confirm_count it names.",
            ) from exc
        apply_run.enqueue(run.pk, request.user.pk)
        run = _runs(self).get(pk=run.pk)
        return Response(ImportRunSerializer(run).data, status=202)
