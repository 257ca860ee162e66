"""Proposals and polls: raising, seconding, voting, closing; elections' nominations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lattice.councils import access, actions, charts, counting, eligibility
from lattice.councils.actions import carry_outs
from lattice.councils.forms import PollForm, ProposalForm
from lattice.councils.models import (
    Poll,
    PollKind,
    PollStatus,
    Proposal,
    ProposalAttachment,
)
from lattice.councils.views.common import body_for, poll_for, post_only, proposal_for, run
from lattice.lib import formatting, uploads
from lattice.lib.picked import picked_id
from lattice.people.models import StaffMember
from lattice.people.queries import today


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
    meeting = proposal.body.meetings.filter(pk=picked_id(request.POST, "meeting") or 0).first()
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
    shares = dict(poll.eligible.values_list("voter_id", "share"))
    eligible = me is not None and me.pk in shares
    voted_ids = set(poll.eligible.filter(voted=True).values_list("voter_id", flat=True))
    voted = me is not None and me.pk in voted_ids
    mine = None
    if voted and not poll.anonymous:
        mine = poll.ballots.filter(voter=me).first()
    proxies = _proxy_lines(poll, me, shares, voted_ids)
    # A secret ballot shows only its turnout while voting is open: a running count would
    # tell whoever watches it how the first voters voted.
    show = poll.status == PollStatus.CLOSED or not (poll.hide_results or poll.anonymous)
    tally = []
    if show and poll.status != PollStatus.NOMINATING:
        shown = actions.figures(poll)
        counts = [(o, shown.get(str(o.pk), shown.get(o.meaning, 0))) for o in poll.options.all()]
        top = max([n for _, n in counts] + [1])
        tally = [(o, n, i * 26, round(n * 300 / top)) for i, (o, n) in enumerate(counts)]
    spread_chart, spreads = None, []
    weighted = any(v != 1 for v in shares.values())
    if show and poll.kind == PollKind.SCORE:
        option_names = {o.pk: o.name for o in poll.options.all()}
        found = actions.score_spreads(poll)
        if any(s.ballots for s in found):
            spread_chart = charts.score_chart(found, option_names, weighted=weighted)
            spreads = [(option_names.get(s.option, "?"), s) for s in found]
    runs = access.runs(request.user, body)
    nominees = _nominees(request, poll, runs=runs)
    named = (
        []
        if poll.anonymous or not (runs or access.is_member(request.user, body))
        else list(poll.ballots.select_related("voter", "cast_by"))
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
            "my_heading": _heading("Your vote", shares.get(me.pk, 1) if me else 1),
            "my_button": "Change my vote" if mine else "Cast my vote",
            "voted": voted,
            "proxies": proxies,
            "mine": mine,
            "runs": runs,
            "tally": tally,
            "spread_chart": spread_chart,
            "spreads": spreads,
            "score_range": range(counting.TOP_SCORE + 1),
            "show": show,
            "chart_height": max(len(tally), 1) * 26,
            "named": named,
            "meeting_name": _meeting_name(poll),
            "receipts": len(voted_ids),
            "electorate": len(shares),
            "weighted": weighted,
            "votes_cast": sum(shares.get(v, 1) for v in voted_ids),
            "votes_total": sum(shares.values()),
            "me": me,
            "max_marks": poll.seats.count() if poll.kind == PollKind.ELECTION else 1,
            "candidates": nominees,
            "nominates": bool(nominees),
        },
    )


def _nominee_districts(request: HttpRequest, poll: Poll, *, runs: bool) -> frozenset[int]:
    """The districts whose staff the viewer may nominate in ``poll`` (an election taking
    nominations): those its seats draw on that the viewer's office may see."""
    if poll.kind != PollKind.ELECTION or poll.status != PollStatus.NOMINATING:
        return frozenset()
    seat = poll.seats.first()
    if seat is None:
        return frozenset()
    seat.body = poll.body  # the poll's body, read already
    admin = access.administers(request.user, poll.body)
    return access.nominee_districts(request.user, poll.body, seat, runs=runs, admin=admin)


def _nominees(request: HttpRequest, poll: Poll, *, runs: bool) -> list[StaffMember]:
    """The active staff the viewer is offered to nominate: of the districts the election's
    seats draw on (for a network cabinet, its member districts or the one a seat
    represents), each office seeing only its own district's staff."""
    districts = _nominee_districts(request, poll, runs=runs)
    seat = poll.seats.first() if districts else None
    if seat is None:
        return []
    seat.body = poll.body  # the poll's body, read already
    return list(
        eligibility.nominable(seat, districts, today()).order_by("family_name", "given_name", "pk")
    )


def _meeting_name(poll: Poll) -> str:
    """The poll's meeting in a phrase ("the Monthly meeting of 3 November 2026"): the body's
    name is in the breadcrumb already."""
    if poll.meeting is None:
        return ""
    day = timezone.localtime(poll.meeting.starts_at)
    return f"the {poll.meeting.title} of {formatting.day(day)}"


def _heading(words: str, share: int) -> str:
    return f"{words} ({share} votes)" if share > 1 else words


def _proxy_lines(
    poll: Poll, me: StaffMember | None, shares: dict[int, int], voted_ids: set[int]
) -> dict[str, Any]:
    """What the poll page says and offers about proxies to ``me``: the proxies they hold
    (each with the giver's ballot to cast, or a note that it is cast), the one they gave
    (and whether they may still revoke it), and whether they may give one now."""
    body = poll.body
    if me is None or me.pk not in shares or poll.kind == PollKind.ELECTION:
        return {}
    is_open = poll.status == PollStatus.OPEN
    mine = actions.proxies_of(poll, me)
    held = [p for p in mine if p.holder_id == me.pk]
    given = next((p for p in mine if p.giver_id == me.pk), None)
    ballots = (
        {b.voter_id: b for b in poll.ballots.filter(voter_id__in=[p.giver_id for p in held])}
        if held and not poll.anonymous
        else {}
    )
    held_lines = [
        {
            "proxy": p,
            "cast": p.giver_id in voted_ids,
            "ballot": ballots.get(p.giver_id),
            "share": shares.get(p.giver_id, 1),
            "may_cast": is_open and (p.giver_id not in voted_ids or not poll.anonymous),
            "prefix": f"proxy-{p.giver_id}-",
            "heading": _heading(f"{p.giver}'s vote", shares.get(p.giver_id, 1)),
            "button": f"{'Change' if p.giver_id in voted_ids else 'Cast'} {p.giver}'s vote",
        }
        for p in held
    ]
    holders = []
    may_give = (
        body.allows_proxies
        and is_open
        and me.pk not in voted_ids
        and given is None
        and not held_lines
    )
    if may_give:
        holders = list(
            StaffMember.objects.filter(pk__in=[v for v in shares if v != me.pk]).order_by(
                "family_name", "given_name"
            )
        )
    return {
        "held": held_lines,
        "given": given,
        "given_cast": given is not None and me.pk in voted_ids,
        "may_revoke": given is not None
        and is_open
        and me.pk not in voted_ids
        and given.holder_id not in voted_ids,
        "may_give": may_give and bool(holders),
        "holders": holders,
        "per_holder": body.proxies_per_holder,
    }


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
    giver_id = request.POST.get("proxy_for", "").strip()
    if giver_id:
        giver = poll.proxies.filter(holder=me, giver_id=int(giver_id) if giver_id.isdigit() else 0)
        found = giver.select_related("giver").first()
        if found is None:
            messages.error(request, "proxy: you hold no proxy from that member in this poll.")
            return HttpResponseRedirect(reverse("councils:poll", args=[pk]))
        return run(
            request,
            f"{found.giver}'s vote is recorded, cast by you as their proxy.",
            reverse("councils:poll", args=[pk]),
            actions.cast_proxy_ballot,
            request.user,
            poll,
            me,
            found.giver,
            choices,
            request.POST.get("reason", ""),
        )
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


def poll_proxy(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in member gives their vote in the poll to another of its voters."""
    post_only(request)
    poll = poll_for(request, pk)
    me = access.own_staff(request.user)
    if me is None:
        raise Http404
    back = reverse("councils:poll", args=[pk])
    wanted = request.POST.get("holder", "")
    holder = StaffMember.objects.filter(
        district=poll.body.district, pk=int(wanted) if wanted.isdigit() else 0
    ).first()
    if holder is None:
        messages.error(request, "holder: choose the member who will cast your vote.")
        return HttpResponseRedirect(back)
    return run(
        request,
        f"Your vote in this poll is handed to {holder}; they cast it as your proxy.",
        back,
        actions.give_proxy,
        request.user,
        poll,
        me,
        holder,
    )


def poll_proxy_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in member takes back the vote they handed on, before either has voted."""
    post_only(request)
    poll = poll_for(request, pk)
    me = access.own_staff(request.user)
    if me is None:
        raise Http404
    return run(
        request,
        "Proxy revoked: your vote is yours to cast again.",
        reverse("councils:poll", args=[pk]),
        actions.revoke_proxy,
        request.user,
        poll,
        me,
    )


def poll_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    post_only(request)
    poll = poll_for(request, pk)
    me = access.own_staff(request.user)
    wanted = request.POST.get("candidate") or ""
    if wanted and not wanted.isdigit():
        raise Http404  # not a person's id: nobody to nominate
    districts = (
        _nominee_districts(request, poll, runs=access.runs(request.user, poll.body))
        if wanted
        else frozenset()
    )
    if districts:
        candidate = StaffMember.objects.filter(district_id__in=districts, pk=wanted).first()
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
