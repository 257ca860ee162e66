"""Adopting a policy: choose it, review the crosswalk and the preview, then adopt.

1. ``adopt``: the district's adoptions and the form to start one (a shipped policy or an
   uploaded file, a date, optionally a district copy). Starting computes a draft.
2. ``draft``: the preview, grouped and counted (placed, not placed with why, gain, lose,
   year-one cost), the crosswalk the officer reviews, and every teacher a page at a time with
   filters (htmx swaps the table). ``draft_csv`` downloads every row.
3. ``draft_adopt``: adopts the reviewed crosswalk; refused while anyone would be unplaced or
   paid $0, with the fix named.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lattice.lib.paging import paginate
from lattice.lib.tabular import csv_bytes
from lattice.pathways import actions
from lattice.pathways import crosswalk as cw
from lattice.pathways.access import office_district
from lattice.pathways.forms import AdoptForm
from lattice.pathways.models import AdoptionDraft, PolicyAdoption
from lattice.pathways.policies import district_copy, parse_policy, shipped_policies, shipped_text
from lattice.pathways.preview import OUTCOMES, PlanRow
from lattice.people.access import districts_administered_by

CSV_COLUMNS = [
    "employee_id", "name", "school", "now", "pay_now", "under_the_policy", "pay_under_it",
    "difference", "outcome", "why_not_placed", "fix",
]  # fmt: skip


def _districts(request: HttpRequest) -> list[Any]:
    return list(districts_administered_by(request.user).order_by("name"))


@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest) -> HttpResponse:
    """The district's adoptions, and the form that starts a new one (a draft to review)."""
    district = office_district(request.user, request.GET.get("district"))
    shipped = [(p.file, p.label) for p in shipped_policies()]
    form = AdoptForm(request.POST or None, request.FILES or None, shipped=shipped)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text = data.get("toml_text") or ""
        origin = "uploaded"
        if not text and data.get("shipped"):
            text = shipped_text(data["shipped"])
            origin = data["shipped"]
        if data["district_copy"] and "District copy for" not in text:
            try:
                text = district_copy(text, data["effective_from"], district.name)
                origin += " (district copy)"
            except ValueError as error:
                form.add_error(None, str(error))
        if not form.errors:
            try:
                draft = actions.save_adoption_draft(
                    request.user, district, toml_text=text,
                    effective_from=data["effective_from"], origin=origin,
                    note=data.get("note") or "",
                )  # fmt: skip
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return redirect("pathways:adopt-draft", pk=draft.pk)
    adoptions = PolicyAdoption.objects.filter(district=district).select_related("adopted_by")
    drafts = AdoptionDraft.objects.filter(district=district, adoption__isnull=True)[:5]
    return render(
        request,
        "pathways/adopt.html",
        {
            "district": district,
            "districts": _districts(request),
            "form": form,
            "adoptions": adoptions,
            "drafts": drafts,
        },
    )


def _draft(request: HttpRequest, pk: int) -> AdoptionDraft:
    draft = get_object_or_404(AdoptionDraft.objects.select_related("district"), pk=pk)
    if not districts_administered_by(request.user).filter(pk=draft.district_id).exists():
        raise Http404("No such draft")
    return draft


def _rows(draft: AdoptionDraft, request: HttpRequest) -> tuple[list[PlanRow], dict[str, str]]:
    """The draft's rows, filtered by ``?outcome=``, ``?school=`` and ``?q=``."""
    filters = {
        "outcome": request.GET.get("outcome", ""),
        "school": request.GET.get("school", ""),
        "q": request.GET.get("q", "").strip(),
    }
    rows = [PlanRow.from_dict(row) for row in draft.rows]
    if filters["outcome"] in OUTCOMES:
        rows = [row for row in rows if row.outcome == filters["outcome"]]
    if filters["school"]:
        rows = [row for row in rows if row.school == filters["school"]]
    if filters["q"]:
        q = filters["q"].lower()
        rows = [row for row in rows if q in row.name.lower() or q in row.employee_id.lower()]
    if filters["outcome"] in ("gain", "lose"):
        rows.sort(key=lambda row: -abs(row.difference))
    return rows, filters


def _review(draft: AdoptionDraft) -> dict[str, Any]:
    """The crosswalk review table: one row per group with its rule and the choices."""
    policy = parse_policy(draft.toml_text)
    crosswalk = cw.Crosswalk.from_dict(draft.crosswalk)
    counts: dict[str, int] = {}
    for row in draft.rows:
        counts[row["group"]] = counts.get(row["group"], 0) + 1
    groups = []
    for rule in crosswalk.rules:
        groups.append(
            {
                "key": rule.source,
                "label": crosswalk.labels.get(rule.source, rule.source or "Not placed today"),
                "count": counts.get(rule.source, 0),
                "target": rule.target,
                "position": rule.position,
            }
        )
    return {
        "groups": groups,
        "targets": cw.targets(policy),
        "positions": cw.positions(policy),
        "pays_schedule": cw.pays_schedule(policy),
        "new_hire_salary": crosswalk.new_hire_salary,
        "carry_units": crosswalk.carry_units,
        "is_ledger": policy.ledger is not None,
    }


@require_GET
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of a draft adoption: counts, the crosswalk to review, every teacher."""
    draft = _draft(request, pk)
    rows, filters = _rows(draft, request)
    page = paginate(request, rows)
    schools = sorted({row["school"] for row in draft.rows})
    context = {
        "draft": draft,
        "district": draft.district,
        "districts": _districts(request),
        "summary": draft.summary,
        "page": page,
        "filters": filters,
        "outcomes": list(OUTCOMES.items()),
        "schools": schools,
        "review": _review(draft),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "pathways/_draft_rows.html", context)
    return render(request, "pathways/draft.html", context)


@require_POST
def draft_crosswalk(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the officer's review of the crosswalk and recompute the preview with it."""
    draft = _draft(request, pk)
    if draft.adoption_id:
        messages.error(request, "This draft was already adopted; start a new one.")
        return redirect("pathways:adopt-draft", pk=draft.pk)
    old = cw.Crosswalk.from_dict(draft.crosswalk)
    rules = []
    for index, rule in enumerate(old.rules):
        rules.append(
            cw.Rule(
                rule.source,
                request.POST.get(f"target-{index}", rule.target),
                request.POST.get(f"position-{index}", rule.position),
            )
        )
    salary = old.new_hire_salary
    raw = request.POST.get("new_hire_salary", "").replace(",", "").replace("$", "").strip()
    if raw:
        try:
            salary = max(int(raw), 0)
        except ValueError:
            messages.error(request, f"New-hire salary: '{raw}' is not a whole number of dollars.")
            return redirect("pathways:adopt-draft", pk=draft.pk)
    crosswalk = cw.Crosswalk(
        rules=tuple(rules),
        new_hire_salary=salary,
        carry_units=request.POST.get("carry_units") == "on",
        labels=old.labels,
    )
    try:
        actions.save_adoption_draft(
            request.user, draft.district, toml_text=draft.toml_text,
            effective_from=draft.effective_from, origin=draft.origin, note=draft.note,
            crosswalk=crosswalk, draft=draft,
        )  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The preview now uses your crosswalk.")
    return redirect("pathways:adopt-draft", pk=draft.pk)


@require_GET
def draft_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every teacher of the preview (with the page's filters) as CSV."""
    draft = _draft(request, pk)
    rows, _ = _rows(draft, request)
    data = csv_bytes(
        CSV_COLUMNS,
        (
            [row.employee_id, row.name, row.school, row.before, row.before_pay, row.after,
             row.after_pay, row.difference, OUTCOMES[row.outcome], row.problem, row.fix]
            for row in rows
        ),
    )  # fmt: skip
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    name = f"adoption-preview-{draft.district.key}-{draft.policy_key}-{draft.effective_from}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def draft_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt the draft with its reviewed crosswalk (refused while anyone is unplaced)."""
    draft = _draft(request, pk)
    if draft.adoption_id:
        messages.error(request, "This draft was already adopted.")
        return redirect("pathways:adopt-draft", pk=draft.pk)
    if request.POST.get("reviewed") != "on":
        messages.error(
            request,
            "Tick “I reviewed the crosswalk and the preview” to adopt: every teacher's pay "
            "changes with it.",
        )
        return redirect("pathways:adopt-draft", pk=draft.pk)
    try:
        adoption, written, _ = actions.adopt_draft(request.user, draft)
    except ValidationError as error:
        for message in error.messages[:12]:
            messages.error(request, message)
        return redirect("pathways:adopt-draft", pk=draft.pk)
    summary = adoption.crosswalk.get("summary", {})
    messages.success(
        request,
        f"Adopted {adoption.policy_key} v{adoption.version} from {adoption.effective_from}: "
        f"{summary.get('placed', 0)} teachers placed, {written} standings written.",
    )
    return redirect(f"/pathways/office/policy/?district={draft.district.key}")
