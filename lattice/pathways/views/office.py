"""The talent office's pages: the claims queue, a person's path, adoption, district, payroll."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from lattice.pathways import actions
from lattice.pathways.access import (
    can_decide_claim,
    get_path_staff,
    get_visible_claim,
    office_district,
)
from lattice.pathways.actions.placements import check_adoption
from lattice.pathways.compute import adoption_in_force, compute, policy_of
from lattice.pathways.forms import (
    AdoptForm,
    ExceptionClaimForm,
    PayrollForm,
    RejectForm,
    claim_fields,
)
from lattice.pathways.models import PayrollExport, PolicyAdoption
from lattice.pathways.policies import district_copy, shipped_policies, shipped_text
from lattice.pathways.preview import preview_adoption
from lattice.pathways.queries import claim_queue, claims_of, district_overview, path_view
from lattice.pathways.records import load_staff
from lattice.pathways.views.teacher import claim_categories
from lattice.people.access import districts_administered_by
from lattice.people.queries import today


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Redirect to the form's ``next`` when it is a local URL, else to ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _districts(request: HttpRequest) -> list[Any]:
    return list(districts_administered_by(request.user).order_by("name"))


def queue(request: HttpRequest) -> HttpResponse:
    district = office_district(request.user, request.GET.get("district"))
    return render(
        request,
        "pathways/queue.html",
        {
            "district": district,
            "districts": _districts(request),
            "rows": claim_queue(district),
            "reject_form": RejectForm(),
        },
    )


@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_visible_claim(request.user, pk)
    if not can_decide_claim(request.user, claim):
        raise Http404("No such claim")
    try:
        actions.verify_claim(request.user, claim)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Verified {claim.staff_member.display_name}'s claim: {claim}.")
    return _back(request, "pathways:queue")


@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_visible_claim(request.user, pk)
    if not can_decide_claim(request.user, claim):
        raise Http404("No such claim")
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for rejecting, so the teacher knows what to fix.")
        return redirect("pathways:claim", pk=claim.pk)
    try:
        actions.reject_claim(request.user, claim, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Rejected {claim.staff_member.display_name}'s claim: {claim}.")
    return _back(request, "pathways:queue")


@require_http_methods(["GET", "POST"])
def staff_path(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's path as the talent office sees it, with a form to record a claim for them
    (with a submission-window exception when the office grants one)."""
    staff = get_path_staff(request.user, pk)
    on = today()
    adoption = adoption_in_force(staff.district_id, on)
    policy = policy_of(adoption) if adoption else None
    form = ExceptionClaimForm(
        request.POST or None, request.FILES or None, categories=claim_categories(policy)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = actions.submit_claim(
                request.user,
                staff,
                **claim_fields(data),
                exception_reason=data.get("exception_reason") or "",
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Claim recorded for {staff.display_name}: {claim}.")
            return redirect("pathways:staff-path", pk=staff.pk)
    outcome = compute(load_staff(staff), on)
    return render(
        request,
        "pathways/staff_path.html",
        {
            "staff": staff,
            "outcome": outcome,
            "view": path_view(outcome) if outcome and outcome.ok else None,
            "rows": claims_of(staff),
            "history": list(
                staff.placements.select_related("adoption").order_by("-effective_on", "-id")[:20]
            ),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest) -> HttpResponse:
    """Choose a policy and date, see the preview, then adopt (two steps, one form)."""
    district = office_district(request.user, request.GET.get("district"))
    shipped = [(p.file, p.label) for p in shipped_policies()]
    form = AdoptForm(request.POST or None, request.FILES or None, shipped=shipped)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text = data.get("toml_text") or ""
        origin = "uploaded"
        if not text and data.get("shipped"):
            text = shipped_text(data["shipped"])
            origin = data["shipped"]
        elif data.get("shipped") and not data.get("upload"):
            origin = data["shipped"]
        if data["district_copy"] and "District copy for" not in text:
            try:
                text = district_copy(text, data["effective_from"], district.name)
            except ValueError as error:
                form.add_error(None, str(error))
        if not form.errors:
            try:
                check_adoption(district, text, data["effective_from"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
        if not form.errors and request.POST.get("confirm") == "1":
            adoption, written, problems = actions.adopt_policy(
                request.user,
                district,
                toml_text=text,
                effective_from=data["effective_from"],
                origin=origin,
                note=data.get("note") or "",
            )
            messages.success(
                request,
                f"Adopted {adoption.policy_key} v{adoption.version} from "
                f"{adoption.effective_from}; {written} placement changes recorded."
                + (f" {len(problems)} records need fixing." if problems else ""),
            )
            for problem in problems[:10]:
                messages.error(request, problem)
            return redirect(f"{request.path}?district={district.key}")
        if not form.errors:
            preview = preview_adoption(district, text, data["effective_from"])
            form = AdoptForm(
                initial={**data, "toml_text": text, "upload": None, "district_copy": False},
                shipped=shipped,
            )
            form.fields["shipped"].initial = data.get("shipped")
    adoptions = PolicyAdoption.objects.filter(district=district).select_related("adopted_by")
    return render(
        request,
        "pathways/adopt.html",
        {
            "district": district,
            "districts": _districts(request),
            "form": form,
            "preview": preview,
            "adoptions": adoptions,
        },
    )


def district_view(request: HttpRequest) -> HttpResponse:
    district = office_district(request.user, request.GET.get("district"))
    overview = district_overview(district)
    return render(
        request,
        "pathways/district.html",
        {"district": district, "districts": _districts(request), "o": overview},
    )


@require_http_methods(["GET", "POST"])
def payroll(request: HttpRequest) -> HttpResponse:
    district = office_district(request.user, request.GET.get("district"))
    form = PayrollForm(request.POST or None, initial={"effective_date": today()})
    if request.method == "POST" and form.is_valid():
        name, data, content_type = actions.export_payroll(
            request.user,
            district,
            effective_date=form.cleaned_data["effective_date"],
            file_format=form.cleaned_data["file_format"],
        )
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    exports = PayrollExport.objects.filter(district=district).select_related("exported_by")[:20]
    return render(
        request,
        "pathways/payroll.html",
        {"district": district, "districts": _districts(request), "form": form, "exports": exports},
    )
