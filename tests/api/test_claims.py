"""Claims through the API: a teacher reads her own, the talent office its district's queue."""

from __future__ import annotations

import pytest

from lattice.pathways.models import Claim
from tests.api.tokens import api, token_secret
from tests.cast import Cast
from tests.pathways.world import World, w


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
