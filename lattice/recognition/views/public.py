"""Public pages, open without signing in: a credential its holder made public (its
verification page, JSON and baked image), the issuer's profile, key ring and status list,
and an achievement's definition. Nothing private is public: an award not made public is 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from lattice.people.models import District
from lattice.recognition import actions, queries, tlms, verification
from lattice.recognition.models import Achievement
from lattice.recognition.openbadges import baking
from lattice.recognition.openbadges import credential as ob
from lattice.recognition.openbadges.keys import KeyMissing


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.GET.get("format") == "json" or "application/ld+json" in accept


@login_not_required
def credential(request: HttpRequest, public_id: str) -> HttpResponse:
    award = queries.public_award(public_id)
    if _wants_json(request):
        return JsonResponse(award.credential, content_type="application/ld+json")
    checked = verification.verify_award(award, email=request.GET.get("email", "").strip().lower())
    issue = award.awarded_on
    linkedin = "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": award.achievement.name,
            "organizationName": award.achievement.district.name,
            "issueYear": issue.year,
            "issueMonth": issue.month,
            "certUrl": award.credential["id"],
            "certId": str(award.public_id),
        }
    )
    return render(
        request,
        "recognition/credential.html",
        {
            "award": award,
            "checked": checked,
            "linkedin": linkedin,
            "alignments": tlms.describe(award.achievement.tlms_functions),
        },
    )


@login_not_required
def credential_verify(request: HttpRequest, public_id: str) -> HttpResponse:
    award = queries.public_award(public_id)
    checked = verification.verify_award(award)
    return JsonResponse(
        {
            "credential": award.credential["id"],
            "valid": checked.valid,
            "revoked": checked.revoked,
            "summary": checked.summary,
            "checks": [
                {"name": c.name, "passed": c.passed, "detail": c.detail} for c in checked.checks
            ],
        }
    )


@login_not_required
def credential_jwt(request: HttpRequest, public_id: str) -> HttpResponse:
    award = queries.public_award(public_id)
    return HttpResponse(award.credential_jwt, content_type="application/vc+jwt")


@login_not_required
def credential_png(request: HttpRequest, public_id: str) -> HttpResponse:
    award = queries.public_award(public_id)
    png = baking.bake(award.achievement.name, award.achievement.district.name, award.credential_jwt)
    return HttpResponse(png, content_type="image/png")


def _district(key: str) -> District:
    return get_object_or_404(District, key=key)


@login_not_required
def issuer(request: HttpRequest, district: str) -> HttpResponse:
    found = _district(district)
    profile = ob.issuer_profile(found)
    if _wants_json(request):
        body = {"@context": [ob.VC_V2, ob.OB_V3], **profile}
        return JsonResponse(body, content_type="application/ld+json")
    return render(
        request,
        "recognition/issuer.html",
        {"district": found, "profile": profile, "keys": queries.key_ring(found)},
    )


@login_not_required
def jwks(request: HttpRequest, district: str) -> HttpResponse:
    found = _district(district)
    return JsonResponse({"keys": [k.public_jwk for k in queries.key_ring(found)]})


@login_not_required
def issuer_key(request: HttpRequest, district: str, kid: str) -> HttpResponse:
    found = _district(district)
    key = next((k for k in queries.key_ring(found) if k.kid == kid), None)
    if key is None:
        raise Http404("No such key")
    return JsonResponse(key.public_jwk)


@login_not_required
def status_list(request: HttpRequest, district: str) -> HttpResponse:
    found = _district(district)
    try:
        token = actions.status_list_jwt(found)
    except KeyMissing as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain")
    return HttpResponse(token, content_type="application/vc+jwt")


@login_not_required
def achievement_public(request: HttpRequest, district: str, key: str) -> HttpResponse:
    found = get_object_or_404(Achievement, district__key=district, key=key)
    return render(
        request,
        "recognition/achievement.html",
        {"achievement": found, "alignments": tlms.describe(found.tlms_functions)},
    )
