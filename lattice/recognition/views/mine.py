"""A teacher's own recognition: honours, credentials to publish or download, the transcript."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.recognition import actions, queries, transcript
from lattice.recognition.models import Award
from lattice.recognition.openbadges import baking
from lattice.recognition.views.common import run_action


def mine(request: HttpRequest) -> HttpResponse:
    me = queries.own_staff(request.user)
    if me is None:
        raise Http404("No staff record")
    return render(
        request,
        "recognition/mine.html",
        {
            "me": me,
            "awards": queries.honours_of(request.user, me),
            "terms": transcript.terms_of(me),
        },
    )


def _own(request: HttpRequest, pk: int) -> Award:
    me = queries.own_staff(request.user)
    found = get_object_or_404(queries.awards_visible_to(request.user), pk=pk)
    if me is None or found.staff_member_id != me.pk:
        raise Http404("No such award")
    return found


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    public = request.POST.get("public") == "1"
    return run_action(
        request,
        "Your credential's page is public." if public else "Your credential's page is private.",
        reverse("recognition:award", args=[pk]),
        actions.set_public,
        request.user,
        found,
        public,
    )


def download_json(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    body = json.dumps(found.credential, indent=2) + "\n"
    response = HttpResponse(body, content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="credential-{found.public_id}.json"'
    return response


def download_jwt(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    response = HttpResponse(found.credential_jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="credential-{found.public_id}.jwt"'
    return response


def download_png(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    png = baking.bake(found.achievement.name, found.achievement.district.name, found.credential_jwt)
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="badge-{found.public_id}.png"'
    return response


def transcript_page(request: HttpRequest) -> HttpResponse:
    me = queries.own_staff(request.user)
    if me is None:
        raise Http404("No staff record")
    return render(request, "recognition/transcript.html", transcript.page(request.user, me))


def transcript_json(request: HttpRequest) -> HttpResponse:
    """The CLR 2.0 document as JSON, to read; the signed one is ``transcript_jwt``."""
    me = queries.own_staff(request.user)
    if me is None:
        raise Http404("No staff record")
    try:
        body = transcript.clr(request.user, me)
    except transcript.NoCredentials as exc:
        raise Http404(str(exc)) from exc
    return JsonResponse(body, json_dumps_params={"indent": 2}, content_type="application/ld+json")


def transcript_jwt(request: HttpRequest) -> HttpResponse:
    """The CLR 2.0 document signed by the district as a VC-JWT, the one a verifier checks."""
    me = queries.own_staff(request.user)
    if me is None:
        raise Http404("No staff record")
    try:
        token = transcript.signed_clr(request.user, me)
    except transcript.NoCredentials as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Content-Disposition"] = 'attachment; filename="leadership-transcript.jwt"'
    return response
