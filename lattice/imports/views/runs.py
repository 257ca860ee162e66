"""One import run's pages: progress, preview (with the safety warning), the column mapping,
apply (with the typed count when needed), discard, retry, undo, the error report and files."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from lattice.imports import actions, undo
from lattice.imports.errors import error_report_csv, problems_from_dicts
from lattice.imports.forms import MappingForm
from lattice.imports.hr.columns import auto_mapping
from lattice.imports.models import ImportRun
from lattice.imports.safety import Guard, parse_confirmation
from lattice.imports.tasks import apply_run, parse_run, requeue_lost, undo_run, upload_path
from lattice.lib.htmx import HtmxHttpRequest
from lattice.people.access import get_administered_district
from lattice.people.models import District, SchoolYear

Status = ImportRun.Status


def _run(request: HttpRequest, district_key: str, pk: int) -> tuple[District, ImportRun]:
    district = get_administered_district(request.user, district_key)
    return district, get_object_or_404(ImportRun, pk=pk, district=district)


def _mapping_form(run: ImportRun, data: dict | None = None) -> MappingForm | None:
    headers = run.preview.get("headers")
    if run.kind != ImportRun.Kind.HR or not headers:
        return None
    mapping = run.preview.get("mapping") or auto_mapping(headers, {})
    years = list(SchoolYear.objects.filter(district=run.district).values_list("label", flat=True))
    return MappingForm(data, headers=headers, mapping=mapping, year_labels=years)


def _table_rows(preview: dict) -> list[dict]:
    tables = preview.get("counts", {}).get("tables", {})
    return [
        {
            "name": name,
            "create": c.get("create", 0),
            "update": c.get("update", 0),
            "unchanged": c.get("unchanged", 0),
            "removed": c.get("deactivate", c.get("end", 0)),
        }
        for name, c in tables.items()
    ]


def _context(run: ImportRun, district: District, **extra: object) -> dict[str, object]:
    guard = Guard.from_dict(run.guard) if run.guard else None
    return {
        "district": district,
        "run": run,
        "preview": run.preview,
        "table_rows": _table_rows(run.preview),
        "errors": problems_from_dicts(run.errors),
        "warnings": problems_from_dicts(run.warnings),
        "guard": guard if guard is not None and guard.exceeded else None,
        "can_apply": run.status == Status.READY,
        "can_discard": run.status in (Status.READY, Status.INVALID, Status.NEEDS_MAPPING),
        "can_retry": run.status == Status.FAILED and run.files_deleted_at is None,
        "undo_blockers": undo.blockers(run) if run.status == Status.APPLIED else None,
        **extra,
    }


@require_GET
def run_detail(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    if actions.reap(target) or requeue_lost(target):
        run.refresh_from_db()
    show_mapping = run.status == Status.NEEDS_MAPPING or (
        request.GET.get("mapping") == "1" and run.status in (Status.READY, Status.INVALID)
    )
    return render(
        request,
        "imports/run.html",
        _context(run, target, mapping_form=_mapping_form(run) if show_mapping else None),
    )


@require_GET
def run_progress(request: HtmxHttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    if actions.reap(target) or requeue_lost(target):
        run.refresh_from_db()
    response = render(request, "imports/_progress.html", {"district": target, "run": run})
    if run.finished_parsing and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def run_mapping(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    if run.kind != ImportRun.Kind.HR or run.status not in (
        Status.READY,
        Status.INVALID,
        Status.NEEDS_MAPPING,
    ):
        raise Http404("No mapping for this import")
    form = _mapping_form(run, request.POST)
    if form is None:
        raise Http404("No mapping for this import")
    if not form.is_valid():
        context = _context(run, target, mapping_form=form)
        context["can_apply"] = False
        return render(request, "imports/run.html", context, status=400)
    mapping = form.mapping()
    if form.cleaned_data.get("remember"):
        actions.save_column_mapping(request.user, target, mapping)
    actions.choose_mapping(run, mapping)
    parse_run.enqueue(run.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_vocabulary(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    """Set the district's rating labels the HR file needs, then read the file again."""
    target, run = _run(request, district, pk)
    if run.kind != ImportRun.Kind.HR or not run.preview.get("needs_vocabulary"):
        raise Http404("No rating vocabulary is asked for here")
    if target.rating_labels:
        messages.info(request, "The district already has its ratings; the file is read again.")
    else:
        labels = request.POST.get("labels", "").splitlines()
        try:
            actions.save_rating_vocabulary(request.user, target, labels)
        except ValueError as exc:
            messages.error(request, f"Not saved: {exc}.")
            return redirect("imports:run", district=target.key, pk=run.pk)
    actions.choose_mapping(run, dict(run.preview.get("mapping_choice") or {}))
    parse_run.enqueue(run.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_apply(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    confirmed = parse_confirmation(request.POST.get("confirm_count", ""))
    try:
        actions.queue_apply(request.user, run, confirmed)
    except actions.RunStateError as exc:
        messages.error(request, f"Not applied: {exc}.")
        return redirect("imports:run", district=target.key, pk=run.pk)
    apply_run.enqueue(run.pk, request.user.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_discard(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    try:
        actions.discard_run(request.user, run)
    except actions.RunStateError as exc:
        messages.error(request, f"Not discarded: {exc}.")
    else:
        messages.success(request, f"Import #{run.pk} was discarded; nothing was written.")
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_retry(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    try:
        step = actions.retry_run(request.user, run)
    except actions.RunStateError as exc:
        messages.error(request, f"Not retried: {exc}.")
        return redirect("imports:run", district=target.key, pk=run.pk)
    if step == "apply":
        apply_run.enqueue(run.pk, request.user.pk)
    else:
        parse_run.enqueue(run.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_undo(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    reasons = undo.blockers(run)
    if reasons:
        messages.error(request, "Not undone: " + "; ".join(reasons) + ".")
        return redirect("imports:run", district=target.key, pk=run.pk)
    undo_run.enqueue(run.pk, request.user.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_GET
def run_errors(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    _, run = _run(request, district, pk)
    text = error_report_csv(
        problems_from_dicts(run.errors), max(0, run.error_total - len(run.errors))
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-errors.csv"'
    return response


@require_GET
def run_file(request: HttpRequest, district: str, pk: int, index: int) -> FileResponse:
    _, run = _run(request, district, pk)
    if not run.storage or index >= len(run.file_names) or run.files_deleted_at is not None:
        raise Http404("No such file")
    path = upload_path(run) / run.file_names[index]
    if not path.is_file():
        raise Http404("No such file")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
