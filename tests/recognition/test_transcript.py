"""The leadership transcript is a CLR 2.0 ClrCredential the district signs as a VC-JWT: it
verifies (tests/recognition/verifier.py, without Lattice's code), matches the CLR 2.0 schema,
bundles each credential as issued, lists roles served, and fails when tampered with."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from lattice.recognition import actions, transcript
from lattice.recognition.models import RoleTerm
from lattice.recognition.openbadges import schema
from lattice.recognition.openbadges.jsonld import expand_safely
from tests.recognition import verifier
from tests.recognition.world import world

pytestmark = pytest.mark.django_db


def _download(client_for: Any, persona: str) -> Any:
    return client_for(persona).get("/recognition/transcript/clr.jwt")


def test_the_signed_transcript_verifies_and_matches_the_clr_schema(
    cast: Any, client_for: Any
) -> None:
    world(cast)
    response = _download(client_for, "teacher")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    result = verifier.verify_clr(client_for("teacher"), response.content.decode())
    assert result == {"proof": True, "claims": True, "schema": True, "embedded_schema": True}


def test_the_transcript_bundles_each_credential_as_issued_and_lists_roles_served(
    cast: Any,
) -> None:
    w = world(cast)
    RoleTerm.objects.create(
        staff_member=cast.teacher_staff,
        role_key="mentor",
        title="Mentor teacher",
        school_year_start=cast.year.start,
    )
    body = transcript.clr(cast.user("teacher"), cast.teacher_staff)
    subject = body["credentialSubject"]
    assert subject["verifiableCredential"] == [w.ada_award.credential]
    kinds = [a["achievementType"] for a in subject["achievement"]]
    assert "MicroCredential" in kinds
    assert "ext:RoleServed" in kinds
    assert schema.problems(body, schema.CLR_SCHEMA_URL) == []
    expand_safely(body)
    assert cast.teacher_staff.user.email.lower() not in json.dumps(body)


def test_a_tampered_transcript_fails_the_proof(cast: Any, client_for: Any) -> None:
    world(cast)
    head, body, sig = _download(client_for, "teacher").content.decode().split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["vc"]["name"] = "Leadership transcript of someone else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    result = verifier.verify_clr(client_for("teacher"), f"{head}.{forged}.{sig}")
    assert result["proof"] is False


def test_a_transcript_without_a_bundled_credential_breaks_the_clr_schema(cast: Any) -> None:
    world(cast)
    body = transcript.clr(cast.user("teacher"), cast.teacher_staff)
    body["credentialSubject"]["verifiableCredential"] = []
    assert schema.problems(body, schema.CLR_SCHEMA_URL)


def test_a_teacher_without_credentials_has_no_clr_to_download_and_is_told_why(
    cast: Any, client_for: Any
) -> None:
    w = world(cast)
    actions.revoke(None, w.ada_award, reason="Issued in error")
    assert _download(client_for, "teacher").status_code == 404
    page = client_for("teacher").get("/recognition/transcript/")
    assert "needs at least one credential" in page.content.decode()
