"""Claims through the API: a teacher reads her own, the talent office its district's queue."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

import pytest
from django.test import Client

from lattice.audit.models import AuditEntry
from lattice.pathways.models import Claim
from lattice.people.queries import today
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.pathways.world import PDF, World, w


@pytest.fixture
def world(cast: Cast) -> World:
    return w(cast)


def test_the_office_reads_the_queue_waiting_for_review(cast: Cast, world: World) -> None:
    token = api(token_secret(cast, "officer", ["claims:read"]))
    body = token.get("/api/v1/claims/?status=submitted").json()
    assert [row["id"] for row in body["results"]] == [world.pending_claim.pk]
    row = body["results"][0]
    assert row["employee_id"] == cast.teacher_staff.employee_id
    assert (row["kind"], row["title"], row["quantity"]) == ("credits", "EDU 610 Assessment", 2)
    assert row["evidence_files"] == 1
    assert row["district"] == cast.district.key


def test_a_teacher_reads_her_own_claims_and_nobody_elses(cast: Cast, world: World) -> None:
    mine = api(token_secret(cast, "teacher", ["claims:read"])).get("/api/v1/claims/").json()
    assert {row["id"] for row in mine["results"]} == set(
        Claim.objects.filter(staff_member=cast.teacher_staff).values_list("pk", flat=True)
    )
    colleague = api(token_secret(cast, "teacher_other_school", ["claims:read"]))
    assert colleague.get("/api/v1/claims/").json()["results"] == []
    assert colleague.get(f"/api/v1/claims/{world.pending_claim.pk}/").status_code == 404


def test_claims_need_the_claims_scope(cast: Cast, world: World) -> None:
    token = api(token_secret(cast, "officer", ["people:read"]))
    response = token.get("/api/v1/claims/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


def test_an_unknown_status_names_the_parameter_and_the_fix(cast: Cast, world: World) -> None:
    token = api(token_secret(cast, "officer", ["claims:read"]))
    response = token.get("/api/v1/claims/?status=approved")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"
    assert "submitted, verified, rejected" in response.json()["errors"][0]["fix"]


def _claim(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "pd_hours",
        "title": "Summer math institute",
        "provider": "Regional service center",
        "quantity": 30,
        "completed": (today() - dt.timedelta(days=3)).isoformat(),
        "evidence": [{"name": "certificate.pdf", "content_base64": base64.b64encode(PDF).decode()}],
    }
    return {**body, **changes}


def _post(token: Client, body: dict[str, Any], key: str | None = None) -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return token.post("/api/v1/claims/", body, content_type="application/json", **headers)


def test_a_teacher_submits_her_own_claim_and_the_office_sees_it_in_the_queue(
    cast: Cast, world: World
) -> None:
    response = _post(api(token_secret(cast, "teacher", ["claims:write"])), _claim())
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["staff_id"], made["status"], made["evidence_files"]) == (
        cast.teacher_staff.pk,
        "submitted",
        1,
    )
    claim = Claim.objects.get(pk=made["id"])
    assert claim.submitted_by == cast.user("teacher")
    assert claim.evidence.get().sha256 == hashlib.sha256(PDF).hexdigest()
    entry = AuditEntry.objects.get(action="pathways.claim.submit", object_id=str(claim.pk))
    assert entry.actor == cast.user("teacher")
    queue = api(token_secret(cast, "officer", ["claims:read"])).get(
        "/api/v1/claims/?status=submitted"
    )
    assert made["id"] in {row["id"] for row in queue.json()["results"]}


def test_a_retry_with_the_same_key_submits_once(cast: Cast, world: World) -> None:
    token = api(token_secret(cast, "teacher", ["claims:write"]))
    first = _post(token, _claim(), key="4a1d2c5e-claim-retry")
    again = _post(token, _claim(), key="4a1d2c5e-claim-retry")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert Claim.objects.filter(title="Summer math institute").count() == 1


def test_a_claim_is_always_ones_own(cast: Cast, world: World) -> None:
    """The talent office's officer has no staff record: a token acting as them submits
    nothing (the office records claims for others on its pages, with a reason)."""
    response = _post(api(token_secret(cast, "officer", ["claims:write"])), _claim())
    assert response.status_code == 403
    assert not Claim.objects.filter(title="Summer math institute").exists()


def test_a_read_only_token_cannot_submit(cast: Cast, world: World) -> None:
    response = _post(api(token_secret(cast, "teacher", ["claims:read"])), _claim())
    assert response.status_code == 403
    assert not Claim.objects.filter(title="Summer math institute").exists()


@pytest.mark.parametrize(
    ("changes", "field", "said"),
    [
        (
            {"evidence": [{"name": "c.pdf", "content_base64": "not base64!"}]},
            "evidence[0]",
            "base64",
        ),
        (
            {"evidence": [{"name": "c.pdf", "content_base64": base64.b64encode(b"hi").decode()}]},
            "claim",
            "c.pdf",
        ),
        ({"evidence": []}, "claim", "Attach the evidence"),
        ({"completed": (today() + dt.timedelta(days=5)).isoformat()}, "claim", "future"),
        ({"quantity": 0}, "claim", "whole number above 0"),
        ({"kind": "badge"}, "kind", "badge"),
    ],
)
def test_a_refused_claim_says_why_and_writes_nothing(
    cast: Cast, world: World, changes: dict[str, Any], field: str, said: str
) -> None:
    before = Claim.objects.count()
    response = _post(api(token_secret(cast, "teacher", ["claims:write"])), _claim(**changes))
    assert response.status_code == 400, response.content
    error = response.json()["errors"][0]
    assert error["field"].startswith(field)
    assert said in error["message"]
    assert Claim.objects.count() == before
