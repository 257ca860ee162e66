"""Import pages: upload, progress, preview, apply, history, review list, downloads.

Every view resolves the district with :func:`get_administered_district`, so only that
district's talent officers (and superusers) get past it; anyone else gets a 404.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_GET, require_POST

from lattice.imports import actions
from lattice.imports.errors import error_report_csv, problems_from_dicts
from lattice.imports.forms import HrUploadForm, MappingForm, OneRosterUploadForm
from lattice.imports.hr import COLUMNS, auto_mapping, saved_mapping, template_csv
from lattice.imports.models import ImportRun, ReviewItem
from lattice.imports.tasks import apply_run, parse_run, upload_path
from lattice.people.access import districts_administered_by, get_administered_district
from lattice.people.models import District, SchoolYear, StaffMember

HISTORY_SIZE = 50


def _run(request: HttpRequest, district_key: str, pk: int) -> tuple[District, ImportRun]:
    district = get_administered_district(request.user, district_key)
    return district, get_object_or_404(ImportRun, pk=pk, district=district)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = list(districts_administered_by(request.user))
    if not districts:
        raise Http404("No such page")
    return render(request, "imports/home.html", {"districts": districts})


def _page(
    request: HttpRequest,
    district: District,
    *,
    oneroster: OneRosterUploadForm | None = None,
    hr: HrUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    runs = ImportRun.objects.filter(district=district).select_related("created_by", "applied_by")[
        :HISTORY_SIZE
    ]
    return render(
        request,
        "imports/district.html",
        {
            "district": district,
            "runs": runs,
            "oneroster_form": oneroster or OneRosterUploadForm(),
            "hr_form": hr or HrUploadForm(),
            "open_reviews": ReviewItem.objects.filter(
                district=district, status=ReviewItem.Status.OPEN
            ).count(),
            "hr_columns": COLUMNS,
        },
        status=status,
    )


@require_GET
def district_imports(request: HttpRequest, district: str) -> HttpResponse:
    return _page(request, get_administered_district(request.user, district))


def _store(
    files: list,
    kind: str,
    district: District,
    request: HttpRequest,  # type: ignore[type-arg]
    mode: str = "",
) -> ImportRun:
    storage = f"imports/{uuid.uuid4().hex}"
    folder = Path(settings.MEDIA_ROOT) / storage
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for upload in files:
        name = get_valid_filename(Path(upload.name).name) or "upload"
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(name)
    run = actions.create_run(
        request.user,
        kind=kind,
        district=district,
        origin="web",
        file_names=names,
        mode=mode,
        storage=storage,
        mapping=saved_mapping(district) if kind == ImportRun.Kind.HR else None,
    )
    parse_run.enqueue(run.pk)
    return run


@require_POST
def upload_oneroster(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    form = OneRosterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, target, oneroster=form, status=400)
    run = _store(
        form.cleaned_data["files"],
        ImportRun.Kind.ONEROSTER,
        target,
        request,
        form.cleaned_data["mode"],
    )
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def upload_hr(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    form = HrUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, target, hr=form, status=400)
    run = _store([form.cleaned_data["file"]], ImportRun.Kind.HR, target, request)
    return redirect("imports:run", district=target.key, pk=run.pk)


def _mapping_form(run: ImportRun, data: dict | None = None) -> MappingForm | None:  # type: ignore[type-arg]
    headers = run.preview.get("headers")
    if run.kind != ImportRun.Kind.HR or not headers:
        return None
    mapping = run.preview.get("mapping") or auto_mapping(headers, {})
    years = list(SchoolYear.objects.filter(district=run.district).values_list("label", flat=True))
    return MappingForm(data, headers=headers, mapping=mapping, year_labels=years)


def _table_rows(preview: dict) -> list[dict]:  # type: ignore[type-arg]
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


@require_GET
def run_detail(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    show_mapping = run.status == ImportRun.Status.NEEDS_MAPPING or (
        request.GET.get("mapping") == "1"
        and run.status in (ImportRun.Status.READY, ImportRun.Status.INVALID)
    )
    return render(
        request,
        "imports/run.html",
        {
            "district": target,
            "run": run,
            "preview": run.preview,
            "table_rows": _table_rows(run.preview),
            "errors": problems_from_dicts(run.errors),
            "mapping_form": _mapping_form(run) if show_mapping else None,
            "can_apply": run.status == ImportRun.Status.READY,
        },
    )


@require_GET
def run_progress(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    response = render(request, "imports/_progress.html", {"district": target, "run": run})
    if run.finished_parsing and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
def run_mapping(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    if run.kind != ImportRun.Kind.HR or run.status in (
        ImportRun.Status.APPLIED,
        ImportRun.Status.APPLYING,
    ):
        raise Http404("No mapping for this import")
    form = _mapping_form(run, request.POST)
    if form is None:
        raise Http404("No mapping for this import")
    if not form.is_valid():
        return render(
            request,
            "imports/run.html",
            {
                "district": target,
                "run": run,
                "preview": run.preview,
                "errors": problems_from_dicts(run.errors),
                "mapping_form": form,
                "can_apply": False,
            },
            status=400,
        )
    mapping = form.mapping()
    if form.cleaned_data.get("remember"):
        actions.save_column_mapping(request.user, target, mapping)
    actions.choose_mapping(run, mapping)
    parse_run.enqueue(run.pk)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_POST
def run_apply(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target, run = _run(request, district, pk)
    if run.status != ImportRun.Status.READY:
        messages.error(
            request, f"This import cannot be applied: {run.get_status_display().lower()}."
        )
        return redirect("imports:run", district=target.key, pk=run.pk)
    actions.mark_run(run, ImportRun.Status.APPLYING)
    apply_run.enqueue(run.pk, request.user.pk)
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
def run_file(request: HttpRequest, district: str, pk: int, index: int) -> HttpResponse:
    _, run = _run(request, district, pk)
    if not run.storage or index >= len(run.file_names):
        raise Http404("No such file")
    path = upload_path(run) / run.file_names[index]
    if not path.is_file():
        raise Http404("No such file")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@require_GET
def hr_template(request: HttpRequest, district: str) -> HttpResponse:
    get_administered_district(request.user, district)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lattice-hr-template.csv"'
    return response


@require_GET
def review_list(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    items = ReviewItem.objects.filter(district=target).select_related("run", "linked_staff")
    return render(
        request,
        "imports/review.html",
        {
            "district": target,
            "open_items": [i for i in items if i.status == "open"],
            "done_items": [i for i in items if i.status != "open"][:100],
        },
    )


@require_POST
def resolve_review(request: HttpRequest, district: str, pk: int) -> HttpResponse:
    target = get_administered_district(request.user, district)
    item = get_object_or_404(ReviewItem, pk=pk, district=target, status=ReviewItem.Status.OPEN)
    choice = request.POST.get("choice", "")
    if choice == "new":
        actions.resolve_review_item(request.user, item, staff=None)
        messages.success(request, f"{item.name} will be added as a new person by the next import.")
    else:
        allowed = {str(c["id"]) for c in item.candidates}
        if choice not in allowed:
            messages.error(request, "Choose one of the listed people, or “someone new”.")
            return redirect("imports:review", district=target.key)
        staff = get_object_or_404(StaffMember, pk=int(choice), district=target)
        try:
            actions.resolve_review_item(request.user, item, staff=staff)
        except ValueError as exc:
            messages.error(request, f"Not linked: {exc}.")
            return redirect("imports:review", district=target.key)
        messages.success(
            request,
            f"{item.name} is linked to {staff.display_name}; the next import will update them.",
        )
    return redirect("imports:review", district=target.key)
