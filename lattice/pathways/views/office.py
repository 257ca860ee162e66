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
from lattice.pathways.actions.payroll import PayrollBlocked
from lattice.pathways.actions.payroll import payroll as payroll_plan
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.forms import (
    ExceptionClaimForm,
    PayrollForm,
    RejectForm,
    claim_fields,
)
from lattice.pathways.models import PayrollExport
from lattice.pathways.queries import (
    claim_queue,
    claims_of,
    district_overview,
    path_view,
    pay_statement,
    standing_for,
)
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
    read = standing_for(staff, on)
    return render(
        request,
        "pathways/staff_path.html",
        {
            "staff": staff,
            "read": read,
            "adoption": adoption,
            "pay": pay_statement(staff, on),
            "view": path_view(read),
            "rows": claims_of(staff),
            "history": list(
                staff.placements.select_related("adoption").order_by("-effective_on", "-id")[:20]
            ),
            "form": form,
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
    """Export payroll; refused with the list of blocking teachers unless left out on purpose."""
    district = office_district(request.user, request.GET.get("district"))
    form = PayrollForm(request.POST or request.GET or None, initial={"effective_date": today()})
    on = today()
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["effective_date"]
    if request.method == "POST" and form.is_valid():
        try:
            name, data, content_type = actions.export_payroll(
                request.user,
                district,
                effective_date=form.cleaned_data["effective_date"],
                file_format=form.cleaned_data["file_format"],
                exclude_blocked=request.POST.get("exclude_blocked") == "on",
            )
        except PayrollBlocked as blocked:
            messages.error(
                request,
                f"Payroll was not exported: {len(blocked.blockers)} teachers cannot be paid "
                "from their standing yet (listed below). Fix them, or export with them left "
                "out — the audit log records who and why.",
            )
        else:
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["Cache-Control"] = "private, no-store"
            return response
    plan = payroll_plan(district, on)
    exports = PayrollExport.objects.filter(district=district).select_related("exported_by")[:20]
    return render(
        request,
        "pathways/payroll.html",
        {"district": district, "districts": _districts(request), "form": form,
         "exports": exports, "plan": plan, "blockers": plan.blockers[:100], "on": on},
    )  # fmt: skip


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """Recompute every standing of the district as of today (in the background)."""
    district = office_district(request.user, request.POST.get("district"))
    actions.request_recompute(request.user, district, reason="the talent office asked for it")
    messages.success(
        request,
        f"Recomputing {district.name}'s standings as of today. This page shows how many are "
        "still waiting; payroll can be exported once none are.",
    )
    return _back(request, "pathways:payroll")
