"""Helpers of the councils pages: finding what the user may see, running actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from lattice.councils import access
from lattice.councils.actions import CouncilError
from lattice.councils.models import Body, Decision, Meeting, Poll, Proposal


def post_only(request: HttpRequest) -> None:
    if request.method != "POST":
        raise Http404("POST only")


def run(
    request: HttpRequest, success: str, back: str, fn: Callable[..., Any], *a: Any, **kw: Any
) -> HttpResponse:
    try:
        fn(*a, **kw)
    except CouncilError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return HttpResponseRedirect(back)


def meeting_for(request: HttpRequest, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("body").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    access.get_visible_body(request.user, meeting.body_id)
    return meeting


def proposal_for(request: HttpRequest, pk: int) -> Proposal:
    proposal = Proposal.objects.select_related("body", "raised_by").filter(pk=pk).first()
    if proposal is None or not access.sees_drafts(
        request.user, access.get_visible_body(request.user, proposal.body_id)
    ):
        raise Http404
    return proposal


def poll_for(request: HttpRequest, pk: int) -> Poll:
    """Polls of proposals are drafts (members only); elections are for the electorate, who
    see their body's pages anyway; closed polls' results are for everyone who sees the body."""
    poll = Poll.objects.select_related("body", "proposal").filter(pk=pk).first()
    if poll is None:
        raise Http404
    body = access.get_visible_body(request.user, poll.body_id)
    if (
        poll.kind != "election"
        and poll.status != "closed"
        and not access.sees_drafts(request.user, body)
    ):
        raise Http404
    return poll


def decision_for(request: HttpRequest, pk: int) -> Decision:
    decision = Decision.objects.select_related("body", "proposal").filter(pk=pk).first()
    if decision is None:
        raise Http404
    access.get_visible_body(request.user, decision.body_id)
    return decision


def body_for(request: HttpRequest, pk: int) -> Body:
    return access.get_visible_body(request.user, pk)
