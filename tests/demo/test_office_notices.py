"""The office personas no workflow of the demo reaches still find notices at home: the
second district's talent officer and the administrator each have a forecast the real task
ran ("Your forecast is ready"), and the network officer hears of the Teach to Lead idea."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lattice.forecasts.models import ForecastRun
from lattice.network.models import Idea
from lattice.notifications.models import Notification
from lattice.people.models import District
from tests.cast import sign_in
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


def _notices_page(username: str) -> str:
    client = Client(HTTP_HOST="testserver")
    sign_in(client, get_user_model().objects.get(username=username))
    response = client.get("/notifications/")
    assert response.status_code == 200
    return response.content.decode()


def test_officer2_finds_her_districts_finished_forecast_among_her_notices(demo: Any) -> None:
    run = ForecastRun.objects.get(created_by__username="officer2")
    assert run.district.key != demo.key  # her own district, the second one
    assert run.status == ForecastRun.Status.DONE
    assert f"Your forecast is ready: {run.title}" in _notices_page("officer2")


def test_the_administrator_finds_a_finished_forecast_among_the_notices(demo: Any) -> None:
    run = ForecastRun.objects.get(created_by__username="admin")
    assert run.status == ForecastRun.Status.DONE
    assert "Your forecast is ready" in _notices_page("admin")


def test_the_network_officer_hears_of_the_teach_to_lead_idea(demo: Any) -> None:
    notice = Notification.objects.get(user__username="network", kind="network.idea_posted")
    assert notice.subject.startswith("A new Teach to Lead idea: ")
    assert notice.subject in _notices_page("network")
    idea = Idea.objects.get(title=notice.subject.removeprefix("A new Teach to Lead idea: "))
    assert notice.body.startswith(f"A teacher of {idea.district} brought an idea")
    assert str(idea.posted_by) not in notice.body  # names show only to the idea's team
