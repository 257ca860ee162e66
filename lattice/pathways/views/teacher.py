"""The teacher's pages: My path, the what-if panel, the statement, claims and notifications."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lattice.lib.formatting import key_words
from lattice.notifications.send import unread_count
from lattice.pathways import actions
from lattice.pathways.access import (
    can_decide_claim,
    get_visible_claim,
    get_visible_evidence,
    own_staff_or_404,
)
from lattice.pathways.actions.applications import application_gaps
from lattice.pathways.compute import Outcome, adoption_in_force, compute, policy_of
from lattice.pathways.forms import ClaimForm, RejectForm, WhatIfForm, claim_fields
from lattice.pathways.models import Cohort
from lattice.pathways.queries import (
    claim_row,
    claims_of,
    labels_in_use,
    outcome_view,
    path_view,
    pay_statement,
    standing_for,
    teaching_staff,
)
from lattice.pathways.records import WhatIf
from lattice.people.models import StaffMember
from lattice.people.queries import today
from lattice.rules.policy import Policy


def claim_categories(policy: Policy | None) -> list[tuple[str, str]]:
    if policy is None:
        return []
    found: list[tuple[str, str]] = []
    if policy.ledger is not None:
        found += [(k, key_words(k)) for k in policy.ledger.accomplishment_kinds]
    if policy.roles is not None:
        found += [(r.key, r.name) for r in policy.roles.roles]
    return found


def _path_context(request: HttpRequest, staff: StaffMember) -> dict[str, Any]:
    on = today()
    is_teacher = teaching_staff(staff.district_id).filter(pk=staff.pk).exists()
    read = standing_for(staff, on)
    view = path_view(read) if is_teacher else None
    context: dict[str, Any] = {
        "staff": staff,
        "read": read,
        "on": on,
        "is_teacher": is_teacher,
        "adoption": read.adoption,
        "view": view,
        "pay": pay_statement(staff, on),
    }
    if view is not None and read.adoption is not None:
        context["what_if_form"] = WhatIfForm(
            labels=labels_in_use(policy_of(read.adoption), staff.district, on)
        )
    rows = claims_of(staff)
    context["claims"] = rows[:5]
    context["claims_waiting"] = sum(1 for r in rows if r.claim.status == "submitted")
    context["applications"] = list(
        staff.pathway_applications.select_related("cohort").order_by("-registered_at")
    )
    applied = {a.cohort_id for a in context["applications"]}
    moves = {m["key"] for m in (view.moves if view else ())}
    context["open_cohorts"] = [
        c
        for c in Cohort.objects.filter(
            district_id=staff.district_id, register_opens__lte=on, register_closes__gte=on
        )
        if c.pk not in applied
        and c.transition_key in moves
        and not application_gaps(staff, c.transition_key, on)
    ]
    context["unread"] = unread_count(request.user)
    return context


def my_path(request: HttpRequest) -> HttpResponse:
    staff = own_staff_or_404(request.user)
    return render(request, "pathways/my_path.html", _path_context(request, staff))


def added_lines(before: Any, after: Any, year: Any) -> list[str]:
    """The explanation lines the trial adds in ``year``: each line of the trial's trace
    beyond as many of the same line as today's trace has. Counted, not set-compared, so a
    contribution whose wording matches one already shown (a second "+1 unit") is listed."""
    today_has = Counter(before)
    added: list[str] = []
    for line in after:
        if today_has[line] > 0:
            today_has[line] -= 1
            continue
        if line.school_year == year and line.unit.value != "dollars":
            added.append(line.plain)
    return added


@require_POST
def what_if(request: HttpRequest) -> HttpResponse:
    """Try a rating, credits or PD hours and see the result; nothing is saved."""
    staff = own_staff_or_404(request.user)
    on = today()
    if not teaching_staff(staff.district_id).filter(pk=staff.pk).exists():
        raise Http404("Pathways are for teachers")
    now = compute(staff, on, with_moves=False)
    if now is None or not now.ok:
        raise Http404("No standing to try things on")
    form = WhatIfForm(request.POST, labels=labels_in_use(now.policy, staff.district, on))
    result: Outcome | None = None
    if form.is_valid():
        trial = WhatIf(
            rating=form.cleaned_data["rating"] or "",
            credits=form.cleaned_data["credits"] or 0,
            pd_hours=form.cleaned_data["pd_hours"] or 0,
            on=on,
        )
        if not trial.empty:
            result = compute(staff, on, what_if=trial, with_moves=False)
    context = {"form": form, "now": now, "result": result, "on": on}
    if result is not None and result.ok and now.standing and result.standing:
        year = result.standing.years[-1].school_year
        context["added"] = added_lines(now.standing.trace, result.standing.trace, year)
        context["now_view"] = outcome_view(now)
        context["result_view"] = outcome_view(result)
        context["difference"] = result.standing.salary.total - now.standing.salary.total
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "pathways/_what_if_result.html", context)
    full = _path_context(request, staff)
    full.update(what_if_form=form, what_if=context)
    return render(request, "pathways/my_path.html", full)


def statement(request: HttpRequest) -> HttpResponse:
    staff = own_staff_or_404(request.user)
    context = _path_context(request, staff)
    return render(request, "pathways/statement.html", context)


@require_http_methods(["GET", "POST"])
def my_claims(request: HttpRequest) -> HttpResponse:
    """The person's claims with status and age, and the form to submit a new one. Claims
    count toward a pathway, so only a teacher is offered the form (a principal or an officer
    with a staff record sees their claims, if any, and why there is no form)."""
    staff = own_staff_or_404(request.user)
    on = today()
    is_teacher = teaching_staff(staff.district_id).filter(pk=staff.pk).exists()
    if request.method == "POST" and not is_teacher:
        raise PermissionDenied("Claims are for teachers on a career pathway")
    adoption = adoption_in_force(staff.district_id, on)
    policy = policy_of(adoption) if adoption else None
    form = ClaimForm(
        request.POST or None, request.FILES or None, categories=claim_categories(policy)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = actions.submit_claim(
                request.user,
                staff,
                **claim_fields(data),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, f"Claim submitted: {claim}. The talent office will review it."
            )
            return redirect("pathways:my-claims")
    return render(
        request,
        "pathways/my_claims.html",
        {
            "staff": staff,
            "rows": claims_of(staff),
            "form": form,
            "policy": policy,
            "is_teacher": is_teacher,
        },
    )


def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_visible_claim(request.user, pk)
    return render(
        request,
        "pathways/claim.html",
        {
            "claim": claim,
            "row": claim_row(claim),  # its wait, counted as the claims queue counts it
            "files": list(claim.evidence.all()),
            "can_decide": can_decide_claim(request.user, claim) and claim.status == "submitted",
            "reject_form": RejectForm(),
        },
    )


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """A stored evidence file, only for people who may see its claim or application."""
    evidence = get_visible_evidence(request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
