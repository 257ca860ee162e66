"""The talent office's token and webhook pages: a token is shown once, then only its prefix;
revoking from the page stops it; forms name the field and the fix."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from lattice.api.models import ApiToken, WebhookSubscription
from tests.api.tokens import api
from tests.cast import Cast


def _create(client: Any, cast: Cast, **overrides: Any) -> Any:
    data = {
        "name": "Payroll system",
        "owner": cast.user("officer").pk,
        "scopes": ["people:read"],
        "expires_on": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        "allowed_networks": "",
    } | overrides
    return client.post("/api/tokens/?district=northfield", data)


def test_an_officer_creates_a_token_that_is_shown_once_and_works(
    cast: Cast, client_for: Any
) -> None:
    page = client_for("officer")
    response = _create(page, cast)
    assert response.status_code == 201
    secret = re.search(rb'id="new-token">(lat_[^<]+)<', response.content).group(1).decode()
    assert api(secret).get("/api/v1/staff/").status_code == 200
    again = page.get("/api/tokens/")
    assert secret.encode() not in again.content
    assert ApiToken.objects.get().prefix.encode() in again.content


def test_revoking_on_the_page_stops_the_token(cast: Cast, client_for: Any) -> None:
    page = client_for("officer")
    response = _create(page, cast)
    secret = re.search(rb'id="new-token">(lat_[^<]+)<', response.content).group(1).decode()
    token = ApiToken.objects.get()
    assert page.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    assert api(secret).get("/api/v1/staff/").status_code == 401
    assert b"Revoked" in page.get("/api/tokens/").content


def test_a_bad_address_range_is_named_on_the_form(cast: Cast, client_for: Any) -> None:
    response = _create(client_for("officer"), cast, allowed_networks="the office")
    assert response.status_code == 200
    assert "“the office” is not an address range" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_cannot_act_as_another_districts_account(cast: Cast, client_for: Any) -> None:
    response = _create(client_for("officer"), cast, owner=cast.user("other_officer").pk)
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not ApiToken.objects.exists()


def test_an_officer_subscribes_an_https_endpoint_and_sees_the_secret_once(
    cast: Cast, client_for: Any
) -> None:
    page = client_for("officer")
    response = page.post(
        "/api/webhooks/?district=northfield",
        {"url": "https://hr.northfield.example.org/hook", "events": ["rating", "hire"]},
    )
    assert response.status_code == 201
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret.encode() in response.content
    assert subscription.events == ["hire", "rating"]
    assert subscription.secret.encode() not in page.get("/api/webhooks/").content
