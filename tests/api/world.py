"""A token and a webhook subscription of Northfield, for the access matrix's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lattice.api import actions
from lattice.api.models import ApiToken, WebhookSubscription
from tests.cast import Cast


@dataclass
class World:
    token: ApiToken
    subscription: WebhookSubscription


def world(cast: Cast) -> World:
    found: Any = getattr(cast, "_api_world", None)
    if found is None:
        officer = cast.user("officer")
        token = actions.create_token(
            officer,
            cast.district,
            owner=officer,
            name="HR system",
            scopes=["people:read"],
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        ).token
        subscription = actions.create_subscription(
            officer, cast.district, url="https://hr.northfield.example.org/hooks/lattice"
        ).subscription
        found = World(token, subscription)
        cast._api_world = found  # type: ignore[attr-defined]
    return found
