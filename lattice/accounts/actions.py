"""The only place the accounts app writes: named actions, each atomic and audited.

Identity providers and their allauth SocialApps, the district's sign-in policy, links between
a provider's subject and a Lattice account, and the reviews of email matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lattice.accounts import claims
from lattice.accounts.claims import Identity
from lattice.accounts.models import IdentityProvider, LinkRequest, SignInPolicy
from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.people import actions as people_actions
from lattice.people.models import District, StaffMember

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = IdentityProvider.Kind
SHARED_APP_KINDS = (Kind.CLEVER, Kind.CLASSLINK)
POLICY_FIELDS = (
    "two_factor_for_officers",
    "two_factor_for_principals",
    "two_factor_for_evaluators",
    "two_factor_for_everyone",
)


class ProviderError(ValueError):
    """A provider's settings cannot be saved; the message says which field and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


@dataclass
class ProviderSettings:
    """What an officer enters for one identity provider (the secret only when it changes)."""

    kind: str
    label: str
    client_id: str = ""
    secret: str = ""
    server_url: str = ""  # OpenID Connect issuer
    hosted_domain: str = ""
    tenant_id: str = ""
    external_district_id: str = ""
    email_domains: str = ""
    roster_claim: str = ""
    roster_field: str = IdentityProvider.RosterField.SOURCED_ID
    review_email_matches: bool = True
    enabled: bool = True
    saml: dict[str, str] = field(default_factory=dict)  # entity_id, sso_url, x509cert, …


def _issuer(settings: ProviderSettings) -> str:
    if settings.kind == Kind.GOOGLE:
        return "https://accounts.google.com"
    if settings.kind == Kind.MICROSOFT:
        return f"https://login.microsoftonline.com/{settings.tenant_id.lower()}/v2.0"
    return settings.server_url.rstrip("/")


def _app_settings(settings: ProviderSettings) -> dict[str, Any]:
    """allauth's per-app settings for the provider's kind."""
    if settings.kind == Kind.SAML:
        idp = {k: v for k, v in settings.saml.items() if k in ("entity_id", "sso_url", "x509cert")}
        if settings.saml.get("metadata_url"):
            idp = {
                "entity_id": settings.saml.get("entity_id", ""),
                "metadata_url": settings.saml["metadata_url"],
            }
        return {
            "idp": idp,
            "attribute_mapping": {
                "uid": settings.saml.get("uid_attribute") or "uid",
                "email": settings.saml.get("email_attribute") or "email",
                "first_name": settings.saml.get("first_name_attribute") or "first_name",
                "last_name": settings.saml.get("last_name_attribute") or "last_name",
            },
            "reject_idp_initiated_sso": True,
            # A district's intranet host may have a one-word name (https://lattice/).
            "advanced": {"allow_single_label_domains": True, "want_assertion_signed": True},
        }
    if settings.kind in SHARED_APP_KINDS:
        return {}
    out: dict[str, Any] = {"server_url": _issuer(settings)}
    if settings.kind == Kind.GOOGLE:
        # A hint for Google's account chooser; the hd claim is checked on every sign-in.
        out["auth_params"] = {"hd": settings.hosted_domain.lower(), "prompt": "select_account"}
    if settings.kind == Kind.MICROSOFT:
        # Entra ID's userinfo lacks tid and oid; the ID token has both. oid is the person's
        # id in the tenant, stable across app registrations.
        out["fetch_userinfo"] = False
        out["uid_field"] = "oid"
    return out


def validate(district: District, settings: ProviderSettings) -> None:
    """Raise :class:`ProviderError` for the first setting that cannot work."""
    if not settings.label.strip():
        raise ProviderError("label", "Give the sign-in button a name people recognise.")
    if settings.kind == Kind.GOOGLE and not re.fullmatch(
        r"[a-z0-9-]+(\.[a-z0-9-]+)+", settings.hosted_domain.strip().lower()
    ):
        raise ProviderError(
            "hosted_domain", "Enter the district's Google Workspace domain, e.g. maplewood.k12.us."
        )
    if settings.kind == Kind.MICROSOFT:
        tenant = settings.tenant_id.strip().lower()
        if tenant in ("common", "organizations", "consumers"):
            raise ProviderError(
                "tenant_id",
                f"“{tenant}” lets any Microsoft account in. Enter your district's directory "
                "(tenant) id from Entra ID → Overview.",
            )
        if not claims.TENANT_ID.match(tenant):
            raise ProviderError(
                "tenant_id",
                "Enter the directory (tenant) id, 36 characters like "
                "72f988bf-86f1-41af-91ab-2d7cd011db47 (Entra ID → Overview).",
            )
    if settings.kind in SHARED_APP_KINDS and not settings.external_district_id.strip():
        which = "Clever district id" if settings.kind == Kind.CLEVER else "ClassLink tenant id"
        raise ProviderError("external_district_id", f"Enter your {which}.")
    if settings.kind == Kind.OIDC and not re.match(r"^https?://", settings.server_url.strip()):
        raise ProviderError(
            "server_url", "Enter the provider's issuer address, starting with https://."
        )
    if settings.kind == Kind.SAML and not (
        settings.saml.get("metadata_url")
        or (settings.saml.get("sso_url") and settings.saml.get("x509cert"))
    ):
        raise ProviderError(
            "saml_metadata_url",
            "Enter the identity provider's metadata address, or its sign-in address and "
            "signing certificate.",
        )
    if settings.kind != Kind.SAML and not settings.client_id.strip():
        raise ProviderError("client_id", "Enter the client id the provider gave Lattice.")


def _shared_app(kind: str) -> SocialApp | None:
    return SocialApp.objects.filter(provider=kind).order_by("pk").first()


@transaction.atomic
def save_identity_provider(
    actor: Actor,
    district: District,
    settings: ProviderSettings,
    *,
    provider: IdentityProvider | None = None,
) -> IdentityProvider:
    """Create or update a district's identity provider and its allauth app.

    The secret is replaced only when a new one is given. Clever and ClassLink give one app
    to a whole Lattice (their sign-ins name the district); a district may change that app's
    credentials only while no other district uses it.
    """
    validate(district, settings)
    kind = settings.kind
    if provider is not None and provider.kind != kind:
        raise ProviderError("kind", "A provider's kind cannot change; add a new one instead.")
    if provider is not None:
        app = provider.app
    elif kind in SHARED_APP_KINDS:
        app = _shared_app(kind) or SocialApp(provider=kind, name=Kind(kind).label)
    else:
        slug = slugify(f"{district.key}-{kind}-{settings.label}")[:60]
        base, n = slug, 2
        while SocialApp.objects.filter(provider_id=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        app = SocialApp(
            provider="saml" if kind == Kind.SAML else "openid_connect",
            provider_id=slug,
            name=settings.label,
        )
    if kind in SHARED_APP_KINDS and app.pk:
        others = IdentityProvider.objects.filter(app=app).exclude(district=district).exists()
        changing = (settings.client_id and settings.client_id != app.client_id) or (
            settings.secret and settings.secret != app.secret
        )
        if others and changing:
            raise ProviderError(
                "client_id",
                f"This Lattice's {Kind(kind).label} app is shared with other districts, so "
                "only your Lattice administrator can change its credentials. Leave the client "
                "id and secret as they are.",
            )
    if settings.client_id:
        app.client_id = settings.client_id.strip()
    if settings.secret:
        app.secret = settings.secret.strip()
    if kind == Kind.SAML:
        app.client_id = app.provider_id  # allauth's SAML apps are looked up by this slug
    if kind not in SHARED_APP_KINDS:
        app.name = settings.label.strip()
    app.settings = {**(app.settings or {}), **_app_settings(settings)}
    app.save()
    before = {}
    if provider is None:
        provider = IdentityProvider(district=district, kind=kind, app=app)
    else:
        before = {"label": provider.label, "enabled": provider.enabled}
    provider.label = settings.label.strip()
    provider.enabled = settings.enabled
    provider.hosted_domain = settings.hosted_domain.strip().lower()
    provider.tenant_id = settings.tenant_id.strip().lower()
    provider.external_district_id = settings.external_district_id.strip()
    provider.email_domains = settings.email_domains.strip()
    provider.roster_claim = settings.roster_claim.strip()
    provider.roster_field = settings.roster_field
    provider.review_email_matches = settings.review_email_matches
    provider.save()
    record(
        actor=actor,
        action="accounts.identity_provider.save",
        obj=provider,
        district=district,
        before=before,
        after={
            "kind": kind,
            "label": provider.label,
            "enabled": provider.enabled,
            "secret_changed": bool(settings.secret),
        },
        summary=f"Sign-in provider saved: {provider.label}",
    )
    return provider


@transaction.atomic
def save_sign_in_policy(actor: Actor, district: District, **flags: bool) -> SignInPolicy:
    unknown = set(flags) - set(POLICY_FIELDS)
    if unknown:
        raise ValueError(f"unknown policy fields: {sorted(unknown)}")
    policy = SignInPolicy.objects.filter(district=district).first() or SignInPolicy(
        district=district
    )
    before = {name: getattr(policy, name) for name in POLICY_FIELDS}
    for name, value in flags.items():
        setattr(policy, name, bool(value))
    policy.save()
    after = {name: getattr(policy, name) for name in POLICY_FIELDS}
    record(
        actor=actor,
        action="accounts.sign_in_policy.save",
        obj=policy,
        district=district,
        before=before,
        after=after,
        summary="Two-factor sign-in requirements changed",
    )
    return policy


def _username_for(staff: StaffMember) -> str:
    local = staff.email.split("@", 1)[0] if staff.email else staff.employee_id
    base = slugify(local)[:120] or f"{staff.district.key}-{staff.pk}"
    user_model = get_user_model()
    candidate, n = base, 2
    while user_model.objects.filter(username=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@transaction.atomic
def create_login_for_staff(staff: StaffMember) -> Any:
    """A log-in without a password for a staff member who signs in only through their
    district's identity provider."""
    return people_actions.create_login(
        None,
        username=_username_for(staff),
        password=None,  # type: ignore[arg-type]  # an unusable password: SSO only
        staff=staff,
    )


@transaction.atomic
def record_sso_link(
    user: User, provider: IdentityProvider, identity: Identity, *, how: str, actor: Actor = None
) -> None:
    """Audit that ``provider``'s subject now signs ``user`` in (by roster id or review)."""
    record(
        actor=actor or user,
        action="accounts.sso_link.create",
        obj=user,
        district=provider.district,
        after={
            "provider": provider.label,
            "subject": identity.uid,
            "matched_by": how,
            "roster_id": identity.roster_id,
        },
        summary=f"{provider.label} sign-in linked to {user.get_username()} ({how})",
    )


@transaction.atomic
def record_refused_sign_in(
    provider: IdentityProvider | None, identity: Identity | None, reason: str
) -> None:
    record(
        actor=None,
        action="accounts.sso_sign_in.refuse",
        district=provider.district if provider else None,
        after={
            "provider": provider.label if provider else "",
            "subject": identity.uid if identity else "",
            "email": identity.email if identity else "",
            "reason": reason,
        },
        summary=f"Sign-in refused: {reason}"[:500],
    )


@transaction.atomic
def request_link_review(
    provider: IdentityProvider,
    identity: Identity,
    *,
    user: User,
    staff: StaffMember | None,
    claims_data: dict[str, Any],
) -> LinkRequest:
    """Keep an email-only match for an officer to confirm (one pending request per subject)."""
    existing = LinkRequest.objects.filter(
        provider=provider, uid=identity.uid, status=LinkRequest.Status.PENDING
    ).first()
    if existing is not None:
        return existing
    link = LinkRequest.objects.create(
        provider=provider,
        uid=identity.uid,
        email=identity.email,
        name=identity.name[:200],
        roster_id=identity.roster_id[:255],
        claims=claims_data,
        user=user,
        staff=staff,
    )
    record(
        actor=None,
        action="accounts.link_request.create",
        obj=link,
        district=provider.district,
        staff_member=staff,
        after={"email": identity.email, "provider": provider.label, "subject": identity.uid},
        summary=f"{identity.email} asks to sign in with {provider.label}; waiting for review",
    )
    return link


def provider_key(provider: IdentityProvider) -> str:
    """The id allauth stores on the social accounts of ``provider``'s app."""
    return provider.app.provider_id or provider.app.provider


@transaction.atomic
def confirm_link_request(actor: Actor, link: LinkRequest) -> Any:
    """The officer confirms the email match: the subject now signs that account in."""
    if link.status != LinkRequest.Status.PENDING:
        raise ValueError("This request was already decided.")
    user = link.user
    if user is None:
        if link.staff is None:
            raise ValueError("The request names no account.")
        user = link.staff.user or create_login_for_staff(link.staff)
    key = provider_key(link.provider)
    taken = SocialAccount.objects.filter(provider=key, uid=link.uid).exclude(user=user)
    if taken.exists():
        raise ValueError("That sign-in is already linked to another account.")
    SocialAccount.objects.update_or_create(
        provider=key, uid=link.uid, defaults={"user": user, "extra_data": link.claims}
    )
    link.status = LinkRequest.Status.CONFIRMED
    link.user = user
    link.decided_at = timezone.now()
    link.decided_by = signed_in(actor)
    link.save(update_fields=["status", "user", "decided_at", "decided_by"])
    record_sso_link(
        user,
        link.provider,
        Identity(uid=link.uid, email=link.email, roster_id=link.roster_id),
        how="email, confirmed by an officer",
        actor=actor,
    )
    return user


@transaction.atomic
def reject_link_request(actor: Actor, link: LinkRequest) -> None:
    if link.status != LinkRequest.Status.PENDING:
        raise ValueError("This request was already decided.")
    link.status = LinkRequest.Status.REJECTED
    link.decided_at = timezone.now()
    link.decided_by = signed_in(actor)
    link.save(update_fields=["status", "decided_at", "decided_by"])
    record(
        actor=actor,
        action="accounts.link_request.reject",
        obj=link,
        district=link.provider.district,
        staff_member=link.staff,
        after={"email": link.email, "provider": link.provider.label},
        summary=f"Refused to link {link.email} to {link.matched_name()}",
    )


@transaction.atomic
def set_provider_enabled(actor: Actor, provider: IdentityProvider, enabled: bool) -> None:
    provider.enabled = enabled
    provider.save(update_fields=["enabled", "updated_at"])
    record(
        actor=actor,
        action="accounts.identity_provider.enable"
        if enabled
        else "accounts.identity_provider.disable",
        obj=provider,
        district=provider.district,
        after={"enabled": enabled},
        summary=f"{provider.label} sign-in {'turned on' if enabled else 'turned off'}",
    )


@transaction.atomic
def record_two_factor_change(user: User, method: str, *, added: bool) -> None:
    """Audit a second factor added or removed (allauth's MFA pages make the change)."""
    record(
        actor=user,
        action="accounts.two_factor.turn_on" if added else "accounts.two_factor.turn_off",
        obj=user,
        before={} if added else {"method": method},
        after={"method": method} if added else {},
        summary=f"Two-factor sign-in {'added' if added else 'removed'}: {method}",
    )
