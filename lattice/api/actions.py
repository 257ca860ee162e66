"""The only place the API app writes its own records: named actions, atomic and audited.

Writes *through* the API (a rating) go to the owning app's actions, never here."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.api import secrets
from lattice.api.models import ApiToken, WebhookSubscription
from lattice.api.scopes import ApiScope
from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact
from lattice.people.models import District

MAX_DAYS = 366


class ApiSetupError(ValueError):
    """A token or subscription that cannot be made as asked; names the field and the fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret: the only moment the secret exists outside the caller."""

    token: ApiToken
    secret: str


def _networks(values: Iterable[str]) -> list[str]:
    out = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            out.append(str(ipaddress.ip_network(value, strict=False)))
        except ValueError as exc:
            raise ApiSetupError(
                "allowed_networks",
                f"“{value}” is not an address range: write one per line, e.g. 10.0.0.0/8 "
                "or 192.0.2.15.",
            ) from exc
    return out


@transaction.atomic
def create_token(
    actor: Actor,
    district: District,
    *,
    owner: Any,
    name: str,
    scopes: Iterable[str],
    expires_on: dt.date,
    allowed_networks: Iterable[str] = (),
) -> IssuedToken:
    """Issue a token acting as ``owner`` in ``district``; the secret is returned once."""
    chosen = sorted({ApiScope(s).value for s in scopes})
    if not chosen:
        raise ApiSetupError("scopes", "Choose at least one thing the token may do.")
    today = timezone.localdate()
    if expires_on <= today:
        raise ApiSetupError("expires_on", "Choose an expiry date after today.")
    if expires_on > today + dt.timedelta(days=MAX_DAYS):
        raise ApiSetupError("expires_on", "Tokens live at most a year: choose an earlier date.")
    if not name.strip():
        raise ApiSetupError("name", "Name the system that will use the token.")
    secret = secrets.new_secret()
    expires_at = dt.datetime.combine(expires_on, dt.time.max, tzinfo=dt.UTC)
    token = ApiToken.objects.create(
        district=district,
        owner=owner,
        name=name.strip(),
        prefix=secrets.prefix(secret),
        digest=secrets.digest(secret),
        scopes=chosen,
        allowed_networks=_networks(allowed_networks),
        created_by=signed_in(actor),
        expires_at=expires_at,
    )
    record(
        actor=actor,
        action="api.token.create",
        obj=token,
        district=district,
        after={
            "owner": owner.get_username(),
            "scopes": chosen,
            "expires_on": expires_on.isoformat(),
            "allowed_networks": token.allowed_networks,
        },
    )
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(actor: Actor, token: ApiToken) -> ApiToken:
    """Stop a token working, for good; revoking twice changes nothing."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = signed_in(actor)
    token.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action="api.token.revoke",
        obj=token,
        district=token.district,
        before={"status": "active"},
        after={"status": "revoked"},
    )
    return token


def note_use(token: ApiToken, address: str | None, now: dt.datetime | None = None) -> None:
    """Remember when and from where a token was last used, at most once a minute (not
    audited: it is the token's own bookkeeping, not a change of data)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < dt.timedelta(minutes=1):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_from=address)
    token.last_used_at = now
    token.last_used_from = address


@dataclass(frozen=True)
class NewSubscription:
    subscription: WebhookSubscription
    secret: str


@transaction.atomic
def create_subscription(
    actor: Actor,
    district: District,
    *,
    url: str,
    events: Iterable[str] = (),
    description: str = "",
    allow_http: bool = False,
) -> NewSubscription:
    """Subscribe an endpoint to changes in ``district``; the signing secret is returned once.

    Only HTTPS endpoints, so a delivery is never read on the way (``allow_http`` is for the
    tests' receiver on 127.0.0.1)."""
    if not (url.startswith("https://") or (allow_http and url.startswith("http://"))):
        raise ApiSetupError("url", "Give an address that starts with https://.")
    kinds = sorted({Fact(e).value for e in events})
    secret = secrets.new_signing_secret()
    subscription = WebhookSubscription.objects.create(
        district=district,
        url=url,
        events=kinds,
        description=description.strip(),
        secret=secret,
        created_by=signed_in(actor),
    )
    record(
        actor=actor,
        action="api.webhook.create",
        obj=subscription,
        district=district,
        after={"url": url, "events": kinds or ["every change"]},
    )
    return NewSubscription(subscription, secret)


@transaction.atomic
def set_subscription_enabled(
    actor: Actor, subscription: WebhookSubscription, enabled: bool
) -> WebhookSubscription:
    if subscription.enabled == enabled:
        return subscription
    subscription.enabled = enabled
    subscription.save(update_fields=["enabled"])
    record(
        actor=actor,
        action="api.webhook.enable" if enabled else "api.webhook.disable",
        obj=subscription,
        district=subscription.district,
        before={"enabled": not enabled},
        after={"enabled": enabled},
    )
    return subscription
