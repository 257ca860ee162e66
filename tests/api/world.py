"""A token, a webhook subscription, an import run and a forecast run of Northfield, for the
access matrix's rows (each made through its app's own action)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lattice.api import actions
from lattice.api.models import ApiToken, WebhookSubscription
from lattice.forecasts import actions as forecast_actions
from lattice.forecasts.models import ForecastRun
from lattice.imports import actions as import_actions
from lattice.imports.models import ImportRun
from tests.cast import Cast


@dataclass
class World:
    token: ApiToken
    subscription: WebhookSubscription
    import_run: ImportRun
    forecast_run: ForecastRun


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
        import_run = import_actions.create_run(
            officer, kind="hr", district=cast.district, origin="cli", file_names=["hr.csv"]
        )
        forecast_run = forecast_actions.request_forecast(
            officer, cast.district, "Five years on the current rules", {"years": 5}
        )
        found = World(token, subscription, import_run, forecast_run)
        cast._api_world = found  # type: ignore[attr-defined]
    return found
