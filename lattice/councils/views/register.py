"""The decision register: every decision the user may see, with filters, CSV export, and
each decision's page (status, review date, and carrying out what it changes in Lattice)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access, actions
from lattice.councils.forms import DecisionForm
from lattice.councils.models import Decision, DecisionStatus
from lattice.councils.views.common import decision_for, post_only, run
from lattice.lib.tabular import csv_bytes
from lattice.people.models import StaffMember


def _rows(request: HttpRequest) -> tuple[list[Decision], dict[str, str]]:
    if not access.reads_councils(request.user):
        raise Http404
    rows = access.decisions_visible_to(request.user)
    f = {k: request.GET.get(k, "") for k in ("body", "status", "due")}
    if f["body"].isdigit():
        rows = rows.filter(body_id=int(f["body"]))
    if f["status"] in DecisionStatus.values:
        rows = rows.filter(status=f["status"])
    if f["due"] == "yes":
        rows = rows.filter(review_on__lte=timezone.localdate())
    return list(rows), f


def register(request: HttpRequest) -> HttpResponse:
    rows, f = _rows(request)
    return render(
        request,
        "councils/register.html",
        {
            "rows": rows,
            "filters": f,
            "statuses": DecisionStatus.choices,
            "bodies": access.bodies_visible_to(request.user),
            "today": timezone.localdate(),
            "query": request.GET.urlencode(),
        },
    )


def register_csv(request: HttpRequest) -> HttpResponse:
    """The register as CSV, through the shared safe writer: a decision's statement or a
    body's name typed as ``=HYPERLINK(...)`` arrives as text, never as a live formula."""
    rows, _ = _rows(request)
    header = [
        "decided_on",
        "body",
        "statement",
        "vote",
        "meeting",
        "carried_out_by",
        "review_on",
        "status",
    ]
    lines = [
        [
            d.decided_on,
            d.body.name,
            d.statement,
            d.vote_summary,
            d.meeting.title if d.meeting else "",
            str(d.owner) if d.owner else "",
            d.review_on or "",
            d.get_status_display(),
        ]
        for d in rows
    ]
    response = HttpResponse(csv_bytes(header, lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_for(request, pk)
    body = decision.body
    runs = access.runs(request.user, body)
    return render(
        request,
        "councils/decision.html",
        {
            "decision": decision,
            "body": body,
            "runs": runs,
            "form": DecisionForm(
                initial={
                    "status": decision.status,
                    "review_on": decision.review_on,
                    "owner": decision.owner,
                },
                people=StaffMember.objects.filter(district=body.district, active=True),
            )
            if runs
            else None,
            "carry": actions.carry_out_preview(decision),
            "can_carry_out": actions.may_carry_out(request.user, decision),
        },
    )


def decision_update(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    decision = decision_for(request, pk)
    if not access.runs(request.user, decision.body):
        raise Http404
    back = reverse("councils:decision", args=[pk])
    form = DecisionForm(
        request.POST,
        people=StaffMember.objects.filter(district=decision.body.district, active=True),
    )
    if not form.is_valid():
        messages.error(
            request,
            "decision: "
            + "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items()),
        )
        return HttpResponseRedirect(back)
    d = form.cleaned_data
    return run(
        request,
        "Decision updated.",
        back,
        actions.update_decision,
        request.user,
        decision,
        status=d["status"],
        review_on=d["review_on"],
        owner=d["owner"],
    )


def decision_carry_out(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    decision = decision_for(request, pk)
    if not actions.may_carry_out(request.user, decision):
        raise Http404
    back = reverse("councils:decision", args=[pk])
    if request.POST.get("confirm") != "on":
        messages.error(
            request,
            "Carry out: tick “I checked the preview” first; carrying it out changes Lattice "
            "data for everyone it names.",
        )
        return HttpResponseRedirect(back)
    return run(
        request,
        "Carried out.",
        back,
        actions.carry_out,
        request.user,
        decision,
    )
