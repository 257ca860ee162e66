"""Proposals and polls: raising, seconding, voting, closing; elections' nominations."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from lattice.councils import access, actions, charts, counting
from lattice.councils.actions import carry_outs
from lattice.councils.forms import PollForm, ProposalForm
from lattice.councils.models import (
    PollKind,
    PollStatus,
    Proposal,
    ProposalAttachment,
    VoterReceipt,
)
from lattice.councils.views.common import body_for, poll_for, post_only, proposal_for, run
from lattice.lib import uploads
from lattice.people.models import StaffMember


def proposal_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request, pk)
    me = access.own_staff(request.user)
    if me is None or not access.is_member(request.user, body):
        raise Http404
    form = ProposalForm(
        request.POST or None,
        drafts=carry_outs.policy_drafts(body),
        roles=carry_outs.stipend_roles(body),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        carries_out, fields = form.carry_out()
        try:
            p = actions.raise_proposal(
                request.user,
                body,
                me,
                title=d["title"],
                problem=d["problem"],
                proposal=d["proposal"],
                rationale=d["rationale"],
                cost=d["cost"],
                carries_out=carries_out,
                carry_out_fields=fields,
            )
        except actions.CouncilError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Proposal raised.")
            return HttpResponseRedirect(reverse("councils:proposal", args=[p.pk]))
    return render(request, "councils/proposal_form.html", {"form": form, "body": body})


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for(request, pk)
    body = proposal.body
    runs = access.runs(request.user, body)
    me = access.own_staff(request.user)
    return render(
        request,
        "councils/proposal.html",
        {
            "proposal": proposal,
            "body": body,
            "runs": runs,
            "member": access.is_member(request.user, body),
            "polls": proposal.polls.all(),
            "poll_form": PollForm() if runs else None,
            "meetings": body.meetings.all()[:10],
            "me": me,
            "carry": actions.carry_out_preview_for(proposal),
            "attachments": proposal.attachments.select_related("attached_by"),
            "may_attach": (runs or (me is not None and me.pk == proposal.raised_by_id))
            and proposal.status in actions.ATTACHABLE,
            "attach_kinds": uploads.describe(actions.ATTACHMENT_KINDS),
            "attach_max_mb": actions.ATTACHMENT_MAX_BYTES // (1024 * 1024),
            "attach_max_files": actions.ATTACHMENT_MAX_FILES,
        },
    )


def may_attach(request: HttpRequest, proposal: Proposal) -> bool:
    """Who raised the proposal, and whoever runs its body, add its papers."""
    me = access.own_staff(request.user)
    return access.runs(request.user, proposal.body) or (
        me is not None and me.pk == proposal.raised_by_id
    )


def proposal_attach(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    proposal = proposal_for(request, pk)
    if not may_attach(request, proposal):
        raise Http404
    files = request.FILES.getlist("files")
    n = len(files)
    return run(
        request,
        f"{n} file{'s' if n != 1 else ''} attached.",
        reverse("councils:proposal", args=[pk]),
        actions.attach_files,
        request.user,
        proposal,
        access.own_staff(request.user),
        files,
    )


def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """A proposal's file, for whoever sees the proposal (members' drafts: 404 otherwise)."""
    attachment = ProposalAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    proposal_for(request, attachment.proposal_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def proposal_second(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    proposal = proposal_for(request, pk)
    me = access.own_staff(request.user)
    if me is None:
        raise Http404
    return run(
        request,
        "Seconded.",
        reverse("councils:proposal", args=[pk]),
        actions.second_proposal,
        request.user,
        proposal,
        me,
    )


def poll_start(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    proposal = proposal_for(request, pk)
    if not access.runs(request.user, proposal.body):
        raise Http404
    back = reverse("councils:proposal", args=[pk])
    form = PollForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "vote: " + "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items()),
        )
        return HttpResponseRedirect(back)
    d = form.cleaned_data
    meeting = proposal.body.meetings.filter(pk=request.POST.get("meeting") or 0).first()
    try:
        poll = actions.start_poll(
            request.user,
            proposal,
            kind=d["kind"],
            threshold=d["threshold"],
            base=d["base"],
            anonymous=d["anonymous"],
            hide_results=d["hide_results"],
            options=d["options"].splitlines(),
            meeting=meeting,
        )
    except actions.CouncilError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(back)
    messages.success(request, "Voting is open.")
    return HttpResponseRedirect(reverse("councils:poll", args=[poll.pk]))


def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = poll_for(request, pk)
    body = poll.body
    me = access.own_staff(request.user)
    eligible = me is not None and poll.eligible.filter(voter=me).exists()
    voted = me is not None and VoterReceipt.objects.filter(poll=poll, voter=me).exists()
    mine = None
    if voted and not poll.anonymous:
        mine = poll.ballots.filter(voter=me).first()
    show = poll.status == PollStatus.CLOSED or not poll.hide_results
    tally = []
    if show and poll.status != PollStatus.NOMINATING:
        shown = actions.figures(poll)
        counts = [(o, shown.get(str(o.pk), shown.get(o.meaning, 0))) for o in poll.options.all()]
        top = max([n for _, n in counts] + [1])
        tally = [(o, n, i * 26, round(n * 300 / top)) for i, (o, n) in enumerate(counts)]
    spread_chart, spreads = None, []
    if show and poll.kind == PollKind.SCORE:
        option_names = {o.pk: o.name for o in poll.options.all()}
        found = actions.score_spreads(poll)
        if any(s.ballots for s in found):
            spread_chart = charts.score_chart(found, option_names)
            spreads = [(option_names.get(s.option, "?"), s) for s in found]
    runs = access.runs(request.user, body)
    named = (
        []
        if poll.anonymous or not (runs or access.is_member(request.user, body))
        else list(poll.ballots.select_related("voter"))
    )
    names = {str(o.pk): o.name for o in poll.options.all()}
    for b in named:
        # Shown by the template only: an attribute the model does not declare.
        b.chosen = ", ".join(  # type: ignore[attr-defined]
            f"{names.get(k, '?')}" + (f" ({v})" if poll.kind in ("ranked", "score") else "")
            for k, v in sorted(b.choices.items(), key=lambda kv: kv[1])
        )
    return render(
        request,
        "councils/poll.html",
        {
            "poll": poll,
            "body": body,
            "options": poll.options.select_related("candidate"),
            "eligible": eligible,
            "voted": voted,
            "mine": mine,
            "runs": runs,
            "tally": tally,
            "spread_chart": spread_chart,
            "spreads": spreads,
            "score_range": range(counting.TOP_SCORE + 1),
            "show": show,
            "chart_height": max(len(tally), 1) * 26,
            "named": named,
            "receipts": poll.receipts.count(),
            "electorate": poll.eligible.count(),
            "me": me,
            "max_marks": poll.seats.count() if poll.kind == PollKind.ELECTION else 1,
            "candidates": StaffMember.objects.filter(district=body.district, active=True)
            if runs and poll.status == PollStatus.NOMINATING
            else [],
        },
    )


def poll_vote(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    poll = poll_for(request, pk)
    me = access.own_staff(request.user)
    if me is None:
        raise Http404
    choices: dict[int, int] = {}
    try:
        if poll.kind in (PollKind.RANKED, PollKind.SCORE):
            for o in poll.options.all():
                raw = request.POST.get(f"option-{o.pk}", "").strip()
                if raw:
                    choices[o.pk] = int(raw)
        else:
            for raw in request.POST.getlist("option"):
                choices[int(raw)] = 1
    except ValueError:
        messages.error(request, "ballot: write whole numbers only.")
        return HttpResponseRedirect(reverse("councils:poll", args=[pk]))
    return run(
        request,
        "Your vote is recorded.",
        reverse("councils:poll", args=[pk]),
        actions.cast_ballot,
        request.user,
        poll,
        me,
        choices,
        request.POST.get("reason", ""),
    )


def poll_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    poll = poll_for(request, pk)
    me = access.own_staff(request.user)
    runs = access.runs(request.user, poll.body)
    wanted = request.POST.get("candidate")
    if runs and wanted:
        candidate = StaffMember.objects.filter(district=poll.body.district, pk=wanted).first()
    else:
        candidate = me
    if candidate is None:
        raise Http404
    return run(
        request,
        f"{candidate} is standing.",
        reverse("councils:poll", args=[pk]),
        actions.nominate,
        request.user,
        poll,
        candidate,
        request.POST.get("statement", ""),
    )


def poll_open(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    poll = poll_for(request, pk)
    if not access.runs(request.user, poll.body):
        raise Http404
    return run(
        request,
        "Voting is open.",
        reverse("councils:poll", args=[pk]),
        actions.open_voting,
        request.user,
        poll,
    )


def poll_close(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    poll = poll_for(request, pk)
    if not access.runs(request.user, poll.body):
        raise Http404
    return run(
        request,
        "Voting closed and counted.",
        reverse("councils:poll", args=[pk]),
        actions.close_poll,
        request.user,
        poll,
    )
