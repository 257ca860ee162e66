"""Lattice's own answers to a verifier's look-ups: a ``kid`` URL to its public key, a status
list URL to the signed list. Used by the public verification page and the JSON endpoint."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone

from lattice.people.models import District
from lattice.recognition import actions
from lattice.recognition.models import Award, IssuerKey
from lattice.recognition.openbadges import verify as ob_verify
from lattice.recognition.openbadges.credential import absolute
from lattice.recognition.openbadges.keys import KeyMissing


def _route(url: str) -> Any:
    parts = urlsplit(url)
    if absolute("") and not url.startswith(absolute("/")):
        return None
    try:
        return resolve(parts.path)
    except Resolver404:
        return None


def find_key(url: str) -> dict[str, Any] | None:
    match = _route(url)
    if match is None or match.view_name != "recognition:issuer-key":
        return None
    key = IssuerKey.objects.filter(
        district__key=match.kwargs["district"], kid=match.kwargs["kid"]
    ).first()
    return key.public_jwk if key is not None else None


def find_status_list(url: str) -> str | None:
    match = _route(url)
    if match is None or match.view_name != "recognition:status-list":
        return None
    district = District.objects.filter(key=match.kwargs["district"]).first()
    if district is None:
        return None
    try:
        return actions.status_list_jwt(district)
    except KeyMissing:
        return None  # shown as "the issuer's status list could not be read"


def verify_award(award: Award, email: str = "") -> ob_verify.Verification:
    return ob_verify.verify(
        award.credential_jwt, find_key, find_status_list, now=timezone.now(), email=email
    )
