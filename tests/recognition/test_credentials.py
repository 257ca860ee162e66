"""Issued credentials verify the way the OB 3.0 specification's verifier checks them, and a
revoked, an expired and a tampered one fail (tests/recognition/verifier.py re-implements the
verifier's steps without Lattice's code)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.recognition import actions
from lattice.recognition.openbadges import baking
from lattice.recognition.openbadges.jsonld import UnsafeJsonLd, expand_safely
from tests.recognition import verifier
from tests.recognition.world import world

pytestmark = pytest.mark.django_db


def now() -> dt.datetime:
    return timezone.now()


def test_an_issued_credential_passes_every_verification_step(cast: Any) -> None:
    award = world(cast).ada_award
    result = verifier.verify(
        Client(), award.credential_jwt, now=now(), email=cast.teacher_staff.user.email.lower()
    )
    assert result == {
        "proof": True,
        "claims": True,
        "schema": True,
        "not_revoked": True,
        "started": True,
        "recipient": True,
    }


def test_the_credential_names_its_recipient_only_by_a_salted_hash(cast: Any) -> None:
    award = world(cast).ada_award
    text = json.dumps(award.credential)
    assert cast.teacher_staff.user.email.lower() not in text
    assert cast.teacher_staff.display_name not in text
    identity = award.credential["credentialSubject"]["identifier"][0]
    assert identity["identityHash"].startswith("sha256$")
    assert identity["salt"]


def test_another_email_is_not_the_recipient(cast: Any) -> None:
    award = world(cast).ada_award
    result = verifier.verify(Client(), award.credential_jwt, now=now(), email="someone@else.org")
    assert result["recipient"] is False


def test_a_revoked_credential_fails_the_status_check(cast: Any) -> None:
    award = world(cast).ada_award
    actions.revoke(None, award, reason="Awarded in error.")
    result = verifier.verify(Client(), award.credential_jwt, now=now())
    assert result["proof"]
    assert result["schema"]
    assert result["not_revoked"] is False


def test_revoking_one_credential_leaves_the_others_valid(cast: Any) -> None:
    w = world(cast)
    actions.revoke(None, w.ben_award, reason="Awarded in error.")
    assert verifier.verify(Client(), w.ada_award.credential_jwt, now=now())["not_revoked"]


def test_an_expired_credential_fails_the_date_check(cast: Any) -> None:
    w = world(cast)
    awarded = timezone.localdate() - dt.timedelta(days=400)
    award = actions.award(
        None,
        w.mentor,
        cast.reviewer_staff,
        on=awarded,
        valid_until=awarded + dt.timedelta(days=365),
    )
    result = verifier.verify(Client(), award.credential_jwt, now=now())
    assert result["proof"]
    assert result["not_revoked"]
    assert result["not_expired"] is False


def test_a_tampered_credential_fails_the_proof(cast: Any) -> None:
    token = world(cast).ada_award.credential_jwt
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["vc"]["name"] = "District Superintendent of the Year"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert verifier.verify(Client(), f"{head}.{forged}.{signature}", now=now())["proof"] is False


def test_credentials_signed_before_a_key_rotation_still_verify(cast: Any) -> None:
    award = world(cast).ada_award
    actions.rotate_key(None, cast.district)
    later = actions.award(None, world(cast).toy, cast.teacher_staff)
    assert later.key_id != award.key_id
    assert verifier.verify(Client(), award.credential_jwt, now=now())["proof"]
    assert verifier.verify(Client(), later.credential_jwt, now=now())["proof"]


def test_every_issued_credential_is_safe_json_ld_and_an_unknown_term_is_not(cast: Any) -> None:
    credential = dict(world(cast).ada_award.credential)
    expand_safely(credential)
    credential["favouriteColour"] = "green"
    with pytest.raises(UnsafeJsonLd, match="favouriteColour"):
        expand_safely(credential)


def test_the_baked_badge_carries_the_signed_credential(cast: Any) -> None:
    award = world(cast).ada_award
    png = baking.bake(award.achievement.name, cast.district.name, award.credential_jwt)
    assert png.startswith(b"\x89PNG")
    assert baking.unbake(png) == award.credential_jwt


def test_the_public_page_shows_a_valid_credential_as_verified(cast: Any) -> None:
    award = world(cast).ada_award
    page = Client().get(f"/recognition/credentials/{award.public_id}/")
    assert "Verified" in page.content.decode()
    assert "linkedin.com/profile/add" in page.content.decode()


def test_the_public_page_shows_a_revoked_credential_as_revoked(cast: Any) -> None:
    award = world(cast).ada_award
    actions.revoke(None, award, reason="Awarded in error.")
    page = Client().get(f"/recognition/credentials/{award.public_id}/").content.decode()
    assert "Revoked" in page
    assert "Verified" not in page
    verdict = Client().get(f"/recognition/credentials/{award.public_id}/verify.json").json()
    assert verdict["valid"] is False
    assert verdict["revoked"] is True


def test_a_private_credential_has_no_public_page(cast: Any) -> None:
    award = world(cast).ben_award
    assert Client().get(f"/recognition/credentials/{award.public_id}/").status_code == 404
    assert (
        Client().get(f"/recognition/credentials/{award.public_id}/verify.json").status_code == 404
    )


def test_the_bundled_schema_rejects_what_the_ob_schema_rejects(cast: Any) -> None:
    """Every class of the 1EdTech schema is there: an identity without its hash, an unknown
    achievement type, and an endorsement without its issuer each fail."""
    import copy

    from lattice.recognition.openbadges import schema

    good = world(cast).ada_award.credential
    assert schema.problems(good) == []
    no_hash = copy.deepcopy(good)
    del no_hash["credentialSubject"]["identifier"][0]["identityHash"]
    assert schema.problems(no_hash)
    odd_type = copy.deepcopy(good)
    odd_type["credentialSubject"]["achievement"]["achievementType"] = "Trophy"
    assert schema.problems(odd_type)
    endorsed = copy.deepcopy(good)
    endorsed["endorsement"] = [
        {
            "@context": good["@context"],
            "type": ["VerifiableCredential", "EndorsementCredential"],
            "id": "urn:uuid:1",
            "name": "Endorsed",
            "validFrom": good["validFrom"],
            "credentialSubject": {"id": good["id"], "type": ["EndorsementSubject"]},
        }
    ]
    assert any("issuer" in p for p in schema.problems(endorsed))
    endorsed["endorsement"][0]["issuer"] = good["issuer"]
    assert schema.problems(endorsed) == []
