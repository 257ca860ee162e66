"""The officer who asked for a forecast is told when it finishes or fails (it runs in the
background, long after they left the page)."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.forecasts import actions
from lattice.notifications.models import Notification
from tests.forecasts.helpers import SMALL

pytestmark = pytest.mark.django_db


def test_the_officer_is_told_when_the_forecast_finishes(cast: Any) -> None:
    officer = cast.user("officer")
    run = actions.request_forecast(officer, cast.district, "Baltimore vs itself", SMALL)
    actions.finish_forecast(run, {"years": []})
    note = Notification.objects.get(user=officer, kind="forecasts.finished")
    assert note.subject == "Your forecast is ready: Baltimore vs itself"
    assert note.link == f"/forecasts/{cast.district.key}/runs/{run.pk}/"


def test_the_officer_is_told_when_the_forecast_fails(cast: Any) -> None:
    officer = cast.user("officer")
    run = actions.request_forecast(officer, cast.district, "Baltimore vs itself", SMALL)
    actions.fail_forecast(run, "The worker ran out of memory.")
    note = Notification.objects.get(user=officer, kind="forecasts.failed")
    assert "The worker ran out of memory." in note.body
