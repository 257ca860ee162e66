"""Tokens: shown once, stored as a digest, scoped, expiring, revocable, audited."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from lattice.api import actions
from lattice.api.models import ApiToken
from lattice.audit.models import AuditEntry
from tests.api.tokens import api, token_secret
from tests.cast import Cast

STAFF = "/api/v1/staff/"


def test_the_secret_is_stored_only_as_its_digest(cast: Cast) -> None:
    secret = token_secret(cast, "officer")
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    columns = [f.attname for f in ApiToken._meta.concrete_fields]
    stored = [str(v) for v in ApiToken.objects.values_list(*columns).get()]
    assert secret not in stored
    assert secret.startswith(token.prefix)


def test_a_token_lists_the_staff_its_owner_may_see(cast: Cast) -> None:
    response = api(token_secret(cast, "officer")).get(STAFF)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert cast.teacher_staff.pk in ids
    assert cast.other_district_teacher_staff.pk not in ids


def test_an_unknown_token_is_refused_with_a_problem(cast: Cast) -> None:
    response = api("lat_not-a-real-token").get(STAFF)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "A valid API token is needed"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_call_without_a_token_is_refused_not_redirected(cast: Cast) -> None:
    response = api().get(STAFF)
    assert response.status_code == 401


def test_a_revoked_token_stops_working_and_the_revocation_is_audited(cast: Cast) -> None:
    secret = token_secret(cast, "officer")
    token = ApiToken.objects.get()
    actions.revoke_token(cast.user("officer"), token)
    assert api(secret).get(STAFF).status_code == 401
    assert AuditEntry.objects.filter(action="api.token.revoke", object_id=str(token.pk)).exists()


def test_an_expired_token_stops_working(cast: Cast) -> None:
    secret = token_secret(cast, "officer")
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api(secret).get(STAFF).status_code == 401


def test_a_token_works_only_from_its_address_ranges(cast: Cast) -> None:
    inside = token_secret(cast, "officer", networks=["127.0.0.0/8"])
    outside = token_secret(cast, "officer", networks=["10.20.0.0/16"])
    assert api(inside).get(STAFF).status_code == 200
    assert api(outside).get(STAFF).status_code == 401


def test_creating_a_token_is_audited_without_the_secret(cast: Cast) -> None:
    secret = token_secret(cast, "officer", ["people:read"])
    entry = AuditEntry.objects.get(action="api.token.create")
    assert entry.after["scopes"] == ["people:read"]
    assert secret not in str(entry.after)
    assert secret not in entry.object_label


def test_a_token_remembers_when_and_where_it_was_last_used(cast: Cast) -> None:
    secret = token_secret(cast, "officer")
    api(secret).get(STAFF)
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert token.last_used_from == "127.0.0.1"


def test_a_token_without_the_scope_is_forbidden(cast: Cast) -> None:
    secret = token_secret(cast, "officer", ["pay:read"])
    response = api(secret).get(STAFF)
    assert response.status_code == 403
    assert "scope" in response.json()["detail"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("scopes", [], "at least one"),
        ("expires_on", "past", "after today"),
        ("expires_on", "far", "at most a year"),
        ("allowed_networks", ["ten dot zero"], "not an address range"),
    ],
)
def test_a_token_that_cannot_be_made_names_the_field_and_the_fix(
    cast: Cast, field: str, value: object, words: str
) -> None:
    today = timezone.localdate()
    values: dict[str, object] = {
        "scopes": ["people:read"],
        "expires_on": today + dt.timedelta(days=10),
        "allowed_networks": [],
    }
    dates = {"past": today, "far": today + dt.timedelta(days=400)}
    values[field] = dates[value] if isinstance(value, str) else value
    with pytest.raises(actions.ApiSetupError) as caught:
        actions.create_token(
            cast.user("officer"),
            cast.district,
            owner=cast.user("officer"),
            name="HR",
            **values,  # type: ignore[arg-type]
        )
    assert caught.value.field == field
    assert words in str(caught.value)
    assert not ApiToken.objects.exists()
