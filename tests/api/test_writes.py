"""Writes: a rating through the audited action, problems naming the field and the fix,
scopes and access checked, idempotency keys honoured."""

from __future__ import annotations

from typing import Any

from lattice.audit.models import AuditEntry
from lattice.people.models import RatingRecord
from tests.api.tokens import api, token_secret
from tests.cast import Cast

URL = "/api/v1/ratings/"


def _post(client: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post(URL, body, content_type="application/json", **headers)


def _rating(label: str = "Effective", year: str = "2025-26") -> dict[str, str]:
    """Pat Principal's rating (the cast gives her none this year)."""
    return {"employee_id": "N2001", "school_year": year, "label": label}


def test_the_talent_office_records_a_rating_and_the_log_says_so(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "officer", ["ratings:write"])), _rating())
    assert response.status_code == 201
    assert response.json()["label"] == "Effective"
    assert response.json()["created"] is True
    rating = RatingRecord.objects.get(staff_member=cast.principal_staff, school_year=cast.year)
    assert rating.label == "Effective"
    entry = AuditEntry.objects.get(action="people.rating.record", object_id=str(rating.pk))
    assert entry.actor == cast.user("officer")


def test_correcting_a_rating_answers_200_with_created_false(cast: Cast) -> None:
    client = api(token_secret(cast, "officer", ["ratings:write"]))
    _post(client, _rating("Developing"))
    response = _post(client, _rating("Effective"))
    assert response.status_code == 200
    assert response.json()["created"] is False


def test_a_label_the_district_does_not_use_names_the_field_and_the_fix(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "officer", ["ratings:write"])), _rating("Great"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/invalid")
    assert problem["errors"] == [
        {
            "field": "label",
            "message": "“Great” is not one of Northfield Public Schools's rating labels.",
            "fix": "Use one of: Ineffective, Developing, Effective, Highly Effective.",
        }
    ]
    assert not RatingRecord.objects.filter(staff_member=cast.principal_staff).exists()


def test_an_unknown_school_year_lists_the_years_there_are(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "officer", ["ratings:write"])), _rating(year="1999-00"))
    assert response.json()["errors"][0]["field"] == "school_year"
    assert response.json()["errors"][0]["fix"] == "Use one of: 2024-25, 2025-26."


def test_a_missing_field_is_named(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "officer", ["ratings:write"])), {"label": "Effective"})
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"employee_id", "school_year"}


def test_a_read_only_token_cannot_write(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "officer", ["people:read", "pay:read"])), _rating())
    assert response.status_code == 403
    assert not RatingRecord.objects.filter(staff_member=cast.principal_staff).exists()


def test_a_principal_who_sees_the_teacher_still_may_not_rate_them(cast: Cast) -> None:
    body = {"employee_id": "N1001", "school_year": "2025-26", "label": "Effective"}
    response = _post(api(token_secret(cast, "principal", ["ratings:write"])), body)
    assert response.status_code == 403
    assert "talent office" in response.json()["detail"]


def test_a_teacher_at_another_school_is_not_found_for_a_principal(cast: Cast) -> None:
    body = {"employee_id": "N1002", "school_year": "2025-26", "label": "Effective"}
    response = _post(api(token_secret(cast, "principal", ["ratings:write"])), body)
    assert response.status_code == 404


def test_another_districts_officer_cannot_rate_northfield(cast: Cast) -> None:
    response = _post(api(token_secret(cast, "other_officer", ["ratings:write"])), _rating())
    assert response.status_code == 404
    assert not RatingRecord.objects.filter(staff_member=cast.principal_staff).exists()


def test_a_retry_with_the_same_key_gets_the_first_answer_and_writes_once(cast: Cast) -> None:
    client = api(token_secret(cast, "officer", ["ratings:write"]))
    first = _post(client, _rating(), HTTP_IDEMPOTENCY_KEY="5b8c8a5e-rating-1")
    again = _post(client, _rating(), HTTP_IDEMPOTENCY_KEY="5b8c8a5e-rating-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert (
        AuditEntry.objects.filter(action="people.rating.record", actor__isnull=False).count() == 1
    )


def test_the_same_key_for_a_different_request_is_refused(cast: Cast) -> None:
    client = api(token_secret(cast, "officer", ["ratings:write"]))
    _post(client, _rating(), HTTP_IDEMPOTENCY_KEY="key-1")
    response = _post(client, _rating("Developing"), HTTP_IDEMPOTENCY_KEY="key-1")
    assert response.status_code == 422
    assert "new key" in response.json()["detail"]
    assert RatingRecord.objects.get(
        staff_member=cast.principal_staff, school_year=cast.year
    ).label == ("Effective")


def test_a_body_that_is_not_json_is_a_problem_not_a_crash(cast: Cast) -> None:
    client = api(token_secret(cast, "officer", ["ratings:write"]))
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
