"""Claim shapes of Clever, ClassLink, Microsoft Entra ID, Google and SAML, and the district
checks on them (lattice/accounts/claims.py: pure, no database)."""

from __future__ import annotations

import pytest

from lattice.accounts import claims
from lattice.accounts.claims import Refused, Rules, check, identity_from

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"

CLEVER_TEACHER = {
    "data": {
        "id": "5f0c8c4e1f7b2a0012345678",
        "district": "5b2ad81a709e300001e2cd7a",
        "email": "ada.teacher@northfield.example.org",
        "name": {"first": "Ada", "last": "Teacher"},
        "roles": {"teacher": {"sis_id": "N1001", "credentials": {"district_username": "ateacher"}}},
    },
    "links": [{"rel": "self", "uri": "/v3.0/users/5f0c8c4e1f7b2a0012345678"}],
}
CLASSLINK_TEACHER = {
    "UserId": 1516492,
    "TenantId": 2,
    "DisplayName": "Ada Teacher",
    "FirstName": "Ada",
    "LastName": "Teacher",
    "Email": "ada.teacher@northfield.example.org",
    "LoginId": "ateacher",
    "Role": "Teacher",
    "SourcedId": "c9a4-teacher-1001",
}
ENTRA_ID_TOKEN = {
    "aud": "client",
    "iss": f"https://login.microsoftonline.com/{TENANT}/v2.0",
    "tid": TENANT,
    "oid": "00000000-0000-0000-66f3-3332eca7ea81",
    "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
    "preferred_username": "ada.teacher@northfield.example.org",
    "name": "Ada Teacher",
}


def rules(kind: str, **extra: object) -> Rules:
    return Rules(kind=kind, provider_name=kind.title(), **extra)  # type: ignore[arg-type]


def test_clever_gives_its_user_id_as_roster_id_and_its_district():
    identity = identity_from(rules("clever"), "5f0c8c4e1f7b2a0012345678", CLEVER_TEACHER)
    assert identity.roster_id == "5f0c8c4e1f7b2a0012345678"
    assert identity.organisation == "5b2ad81a709e300001e2cd7a"
    assert identity.email == "ada.teacher@northfield.example.org"
    assert identity.name == "Ada Teacher"


def test_clever_can_match_on_the_sis_id_instead():
    r = rules("clever", roster_claim="roles.teacher.sis_id")
    assert identity_from(r, "x", CLEVER_TEACHER).roster_id == "N1001"


def test_clever_from_another_district_is_refused():
    r = rules("clever", external_district_id="some-other-district")
    identity = identity_from(r, "x", CLEVER_TEACHER)
    with pytest.raises(Refused) as refused:
        check(r, identity, CLEVER_TEACHER)
    assert refused.value.code == "wrong_clever_district"


def test_clever_students_are_refused():
    student = {"data": {**CLEVER_TEACHER["data"], "roles": {"student": {"grade": "5"}}}}
    r = rules("clever", external_district_id="5b2ad81a709e300001e2cd7a")
    with pytest.raises(Refused) as refused:
        check(r, identity_from(r, "x", student), student)
    assert refused.value.code == "not_staff"


def test_clever_staff_of_the_district_pass():
    r = rules("clever", external_district_id="5b2ad81a709e300001e2cd7a")
    check(r, identity_from(r, "x", CLEVER_TEACHER), CLEVER_TEACHER)


def test_classlink_gives_the_oneroster_sourced_id_and_its_tenant():
    identity = identity_from(rules("classlink"), "1516492", CLASSLINK_TEACHER)
    assert identity.roster_id == "c9a4-teacher-1001"
    assert identity.organisation == "2"
    assert identity.name == "Ada Teacher"


def test_classlink_from_another_tenant_is_refused():
    r = rules("classlink", external_district_id="7")
    with pytest.raises(Refused) as refused:
        check(r, identity_from(r, "1516492", CLASSLINK_TEACHER), CLASSLINK_TEACHER)
    assert refused.value.code == "wrong_classlink_tenant"


def test_classlink_students_are_refused():
    student = {**CLASSLINK_TEACHER, "Role": "Student"}
    r = rules("classlink", external_district_id="2")
    with pytest.raises(Refused) as refused:
        check(r, identity_from(r, "1516492", student), student)
    assert refused.value.code == "not_staff"


def test_entra_reads_the_tenant_from_the_id_token_and_never_trusts_its_email():
    data = {"id_token": ENTRA_ID_TOKEN}
    identity = identity_from(rules("microsoft"), ENTRA_ID_TOKEN["oid"], data)
    assert identity.organisation == TENANT
    assert identity.email == "ada.teacher@northfield.example.org"
    assert identity.email_verified is False
    check(rules("microsoft", tenant_id=TENANT), identity, data)


def test_entra_from_another_tenant_is_refused():
    other = {**ENTRA_ID_TOKEN, "tid": "11111111-2222-3333-4444-555555555555"}
    r = rules("microsoft", tenant_id=TENANT)
    with pytest.raises(Refused) as refused:
        check(r, identity_from(r, "x", {"id_token": other}), {"id_token": other})
    assert refused.value.code == "wrong_tenant"


def test_a_personal_microsoft_account_is_refused():
    personal = {**ENTRA_ID_TOKEN, "tid": claims.MICROSOFT_CONSUMER_TENANT}
    r = rules("microsoft", tenant_id=TENANT)
    with pytest.raises(Refused) as refused:
        check(r, identity_from(r, "x", {"id_token": personal}), {"id_token": personal})
    assert refused.value.code == "consumer_tenant"


def test_entra_set_up_for_common_is_refused_even_for_a_matching_claim():
    r = rules("microsoft", tenant_id="common")
    data = {"id_token": {**ENTRA_ID_TOKEN, "tid": "common"}}
    with pytest.raises(Refused):
        check(r, identity_from(r, "x", data), data)


def test_google_needs_the_districts_hosted_domain():
    token = {"sub": "1234", "email": "ada@northfield.example.org", "email_verified": True}
    r = rules("google", hosted_domain="northfield.example.org")
    with pytest.raises(Refused) as personal:
        check(r, identity_from(r, "1234", {"id_token": token}), {"id_token": token})
    assert personal.value.code == "wrong_hosted_domain"
    assert "a personal Google account" in personal.value.reason
    workspace = {"id_token": {**token, "hd": "northfield.example.org"}}
    identity = identity_from(r, "1234", workspace)
    check(r, identity, workspace)
    assert identity.email_verified


def test_the_id_token_wins_over_userinfo():
    data = {"userinfo": {"hd": "evil.example.com", "sub": "1"}, "id_token": {"hd": "good.org"}}
    assert identity_from(rules("google"), "1", data).organisation == "good.org"


def test_a_generic_provider_reads_the_roster_claim_it_is_told():
    data = {"id_token": {"sub": "s-1", "sourcedId": "abc-123", "email": "x@y.org"}}
    identity = identity_from(rules("oidc", roster_claim="sourcedId"), "s-1", data)
    assert identity.roster_id == "abc-123"
    assert identity.email_verified is False


def test_saml_attributes_are_lists():
    attributes = {"email": ["ada@northfield.example.org"], "employeeNumber": ["N1001"]}
    identity = identity_from(rules("saml", roster_claim="employeeNumber"), "ada", attributes)
    assert (identity.roster_id, identity.email) == ("N1001", "ada@northfield.example.org")


def test_addresses_outside_the_allowed_domains_are_refused():
    r = rules("oidc", email_domains=("northfield.example.org",))
    identity = claims.Identity(uid="1", email="ada@gmail.com")
    with pytest.raises(Refused) as refused:
        check(r, identity, {})
    assert refused.value.code == "email_domain"


def test_a_sign_in_without_a_subject_is_refused():
    with pytest.raises(Refused):
        check(rules("oidc"), claims.Identity(uid=""), {})
