"""The district's imports page, uploads (bounded, read later by the task worker), the HR
template and the district's import safety settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from lattice.imports import actions, safety
from lattice.imports.forms import (
    HR_MAX_BYTES,
    ONEROSTER_MAX_BYTES,
    HrUploadForm,
    ImportSettingsForm,
    OneRosterUploadForm,
    megabytes,
)
from lattice.imports.hr.columns import COLUMNS, template_csv
from lattice.imports.models import ImportRun, ReviewItem, RosterConnection
from lattice.imports.tasks import parse_run, requeue_lost
from lattice.people.access import districts_administered_by, get_administered_district
from lattice.people.models import District

HISTORY_SIZE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    districts = list(districts_administered_by(request.user))
    if not districts:
        raise Http404("No such page")
    if len(districts) == 1:  # an officer of one district has nothing to choose: go straight there
        return redirect("imports:district", districts[0].key)
    return render(request, "imports/home.html", {"districts": districts})


def page(
    request: HttpRequest,
    district: District,
    *,
    oneroster: OneRosterUploadForm | None = None,
    hr: HrUploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions.reap(district)
    requeue_lost(district)
    runs = (
        ImportRun.objects.filter(district=district)
        .select_related("created_by", "applied_by")
        .defer("journal", "preview", "errors", "warnings")[:HISTORY_SIZE]
    )
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
            "connection": RosterConnection.objects.filter(district=district).first(),
            "limits": safety.settings_for(district),
        },
        status=status,
    )


@require_GET
def district_imports(request: HttpRequest, district: str) -> HttpResponse:
    return page(request, get_administered_district(request.user, district))


def _too_large(request: HttpRequest, limit: int) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024
    except ValueError:
        return False


def _store(
    files: list[Any],
    kind: str,
    district: District,
    request: HttpRequest,
    mode: str = "",
) -> ImportRun:
    """Store the upload and queue it: the task worker reads it, never the web process."""
    run = actions.upload_run(
        request.user, files, kind=kind, district=district, origin="web", mode=mode
    )
    parse_run.enqueue(run.pk)
    return run


@require_POST
def upload_oneroster(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    if _too_large(request, ONEROSTER_MAX_BYTES):
        messages.error(
            request,
            f"The upload is larger than {megabytes(ONEROSTER_MAX_BYTES)}, the most Lattice "
            "accepts for a roster — upload the ZIP your SIS exports (it is much smaller).",
        )
        return page(request, target, status=413)
    form = OneRosterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return page(request, target, oneroster=form, status=400)
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
    if _too_large(request, HR_MAX_BYTES):
        messages.error(
            request,
            f"The file is larger than {megabytes(HR_MAX_BYTES)}, the most Lattice accepts for an "
            "HR file — keep one row per person and only the columns Lattice reads.",
        )
        return page(request, target, status=413)
    form = HrUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return page(request, target, hr=form, status=400)
    run = _store([form.cleaned_data["file"]], ImportRun.Kind.HR, target, request)
    return redirect("imports:run", district=target.key, pk=run.pk)


@require_GET
def hr_template(request: HttpRequest, district: str) -> HttpResponse:
    get_administered_district(request.user, district)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lattice-hr-template.csv"'
    return response


def import_settings(request: HttpRequest, district: str) -> HttpResponse:
    """The district's safety limits, preview expiry and file retention."""
    target = get_administered_district(request.user, district)
    current = safety.settings_for(target)
    form = ImportSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        actions.save_import_settings(request.user, target, form.cleaned_data)
        messages.success(request, "Saved the import settings.")
        return redirect("imports:settings", district=target.key)
    return render(
        request,
        "imports/settings.html",
        {"district": target, "form": form},
        status=400 if request.method == "POST" else 200,
    )
