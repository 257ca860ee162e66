"""What an identity provider says about a person, and whether Lattice accepts it.

Plain Python over the data each provider returns (kept by allauth as the social account's
``extra_data``): no Django, no database, so every provider's claim shape is unit-tested
on its own (tests/accounts/test_claims.py).

Shapes, as the providers document them:

- **OpenID Connect** (Google, Microsoft Entra ID, others): ``{"id_token": {...},
  "userinfo": {...}}``; the ID token's claims win over userinfo's. Google Workspace accounts
  carry ``hd`` (the hosted domain); Entra ID carries ``tid`` (the tenant) and ``oid``.
- **Clever** (``GET /v3.0/users/{id}``): ``{"data": {"id", "district", "email", "name":
  {"first", "last"}, "roles": {"teacher" | "staff" | "district_admin" | "student": {...}}}}``.
- **ClassLink** (``GET /v2/my/info``): ``{"UserId", "TenantId", "SourcedId", "Email",
  "FirstName", "LastName", "Role"}``; ``SourcedId`` is the OneRoster sourcedId.
- **SAML 2.0**: attribute name → list of values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GOOGLE = "google"
MICROSOFT = "microsoft"
CLEVER = "clever"
CLASSLINK = "classlink"
OIDC = "oidc"
SAML = "saml"

# Entra ID's tenant for personal Microsoft accounts (outlook.com, …): never a district.
MICROSOFT_CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"
TENANT_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CLEVER_STAFF_ROLES = ("teacher", "staff", "district_admin", "school_admin")
DEFAULT_ROSTER_CLAIM = {CLEVER: "id", CLASSLINK: "SourcedId"}


class Refused(Exception):
    """The sign-in is refused; ``reason`` says why in words the person can act on."""

    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Rules:
    """What a district's identity provider accepts (from its IdentityProvider row)."""

    kind: str
    provider_name: str
    hosted_domain: str = ""
    tenant_id: str = ""
    external_district_id: str = ""
    email_domains: tuple[str, ...] = ()
    roster_claim: str = ""


@dataclass(frozen=True)
class Identity:
    """The person as the provider describes them: its stable subject, the district it says
    they belong to, their roster id (when the provider has one) and their email."""

    uid: str
    email: str = ""
    email_verified: bool = False
    name: str = ""
    roster_id: str = ""
    organisation: str = ""  # hosted domain, tenant, Clever district or ClassLink tenant


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _dig(data: Mapping[str, Any], path: str) -> str:
    """A claim by name, or by a dotted path into nested objects (``roles.teacher.sis_id``)."""
    if not path:
        return ""
    if path in data:
        return _text(data[path])
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return ""
        node = node[part]
    return _text(node)


def _truthy(value: Any) -> bool:
    return value is True or _text(value).lower() in {"true", "1", "yes"}


def oidc_claims(extra_data: Mapping[str, Any]) -> dict[str, Any]:
    """One dict of an OpenID Connect sign-in's claims; the ID token's win over userinfo's."""
    userinfo = extra_data.get("userinfo") or {}
    id_token = extra_data.get("id_token") or {}
    if not userinfo and not id_token:
        return dict(extra_data)
    return {**userinfo, **id_token}


def identity_from(rules: Rules, uid: str, extra_data: Mapping[str, Any]) -> Identity:
    """Read the person out of ``extra_data`` as the provider ``rules.kind`` shapes it."""
    roster_claim = rules.roster_claim or DEFAULT_ROSTER_CLAIM.get(rules.kind, "")
    if rules.kind == CLEVER:
        data = extra_data.get("data") or {}
        name = data.get("name") or {}
        return Identity(
            uid=uid,
            email=_text(data.get("email")),
            # Clever passes on the district's SIS email; the district vouches for it.
            email_verified=bool(_text(data.get("email"))),
            name=" ".join(p for p in (_text(name.get("first")), _text(name.get("last"))) if p),
            roster_id=_dig(data, roster_claim),
            organisation=_text(data.get("district")),
        )
    if rules.kind == CLASSLINK:
        return Identity(
            uid=uid,
            email=_text(extra_data.get("Email")),
            email_verified=bool(_text(extra_data.get("Email"))),
            name=_text(extra_data.get("DisplayName"))
            or " ".join(
                p
                for p in (_text(extra_data.get("FirstName")), _text(extra_data.get("LastName")))
                if p
            ),
            roster_id=_dig(extra_data, roster_claim),
            organisation=_text(extra_data.get("TenantId")),
        )
    if rules.kind == SAML:
        return Identity(
            uid=uid,
            email=_text(extra_data.get("email") or extra_data.get("mail")),
            # An ADFS or Shibboleth server asserts its own directory's addresses.
            email_verified=True,
            name=_text(extra_data.get("name") or extra_data.get("displayName")),
            roster_id=_dig(extra_data, roster_claim),
        )
    claims = oidc_claims(extra_data)
    email = _text(claims.get("email"))
    organisation = ""
    verified = _truthy(claims.get("email_verified"))
    if rules.kind == GOOGLE:
        organisation = _text(claims.get("hd"))
    elif rules.kind == MICROSOFT:
        organisation = _text(claims.get("tid")).lower()
        # Entra ID's email claim is whatever a directory admin typed; never proof alone.
        email = email or _text(claims.get("preferred_username"))
        verified = False
    return Identity(
        uid=uid,
        email=email,
        email_verified=verified,
        name=_text(claims.get("name"))
        or " ".join(
            p for p in (_text(claims.get("given_name")), _text(claims.get("family_name"))) if p
        ),
        roster_id=_dig(claims, roster_claim),
        organisation=organisation,
    )


def check(rules: Rules, identity: Identity, extra_data: Mapping[str, Any]) -> None:
    """Raise :class:`Refused` unless the sign-in comes from the district's own directory."""
    name = rules.provider_name
    if not identity.uid:
        raise Refused(f"{name} did not say who you are (no subject id).", "no_subject")
    if rules.kind == GOOGLE:
        expected = rules.hosted_domain.lower()
        if identity.organisation.lower() != expected:
            found = identity.organisation or "a personal Google account"
            raise Refused(
                f"You signed in with {found}. Sign in with your {expected} account instead.",
                "wrong_hosted_domain",
            )
    elif rules.kind == MICROSOFT:
        expected = rules.tenant_id.lower()
        if identity.organisation == MICROSOFT_CONSUMER_TENANT:
            raise Refused(
                "You signed in with a personal Microsoft account. Sign in with your district "
                "work account instead.",
                "consumer_tenant",
            )
        if not TENANT_ID.match(expected) or identity.organisation != expected:
            raise Refused(
                "That Microsoft account belongs to another organisation's directory. Sign in "
                "with your district work account instead.",
                "wrong_tenant",
            )
    elif rules.kind == CLEVER:
        data = extra_data.get("data") or {}
        if identity.organisation != rules.external_district_id:
            raise Refused(
                "Your Clever account belongs to a district that does not use this Lattice sign-in.",
                "wrong_clever_district",
            )
        roles = set((data.get("roles") or {}).keys())
        if not roles & set(CLEVER_STAFF_ROLES):
            raise Refused(
                "Lattice is for district staff; Clever says this account is a student's.",
                "not_staff",
            )
    elif rules.kind == CLASSLINK:
        if identity.organisation != rules.external_district_id:
            raise Refused(
                "Your ClassLink account belongs to a district that does not use this Lattice "
                "sign-in.",
                "wrong_classlink_tenant",
            )
        if _text(extra_data.get("Role")).lower() == "student":
            raise Refused(
                "Lattice is for district staff; ClassLink says this account is a student's.",
                "not_staff",
            )
    if rules.email_domains and identity.email:
        domain = identity.email.rsplit("@", 1)[-1].lower()
        if domain not in rules.email_domains:
            raise Refused(
                f"Addresses at {domain} cannot sign in to this district's Lattice with {name}.",
                "email_domain",
            )
