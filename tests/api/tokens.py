"""API tokens for the cast's personas, made through the API app's own action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.test import Client
from django.utils import timezone

from lattice.api import actions
from lattice.api.scopes import ApiScope
from lattice.people.models import District
from tests.cast import Cast

EVERY_SCOPE = tuple(s.value for s in ApiScope)


def token_secret(
    cast: Cast,
    persona: str,
    scopes: Iterable[str] = EVERY_SCOPE,
    *,
    district: District | None = None,
    networks: Iterable[str] = (),
) -> str:
    """A token acting as ``persona``, issued by their district's officer."""
    owner = cast.user(persona)
    district = district or _district_of(cast, persona)
    issuer = cast.user("other_officer" if district == cast.other_district else "officer")
    issued = actions.create_token(
        issuer,
        district,
        owner=owner,
        name=f"{persona} integration",
        scopes=scopes,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        allowed_networks=networks,
    )
    return issued.secret


def _district_of(cast: Cast, persona: str) -> District:
    if persona == "other_officer":
        return cast.other_district
    return cast.district


def api(secret: str | None = None) -> Client:
    """A client that calls the API with ``secret`` as its bearer token (none: anonymous)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return Client(HTTP_HOST="testserver", **headers)
