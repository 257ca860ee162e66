"""Where each kind of provider starts a sign-in and where it sends people back."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from allauth.socialaccount.providers.clever.views import CleverOAuth2Adapter
from django.urls import reverse

from lattice.accounts.models import IdentityProvider
from lattice.accounts.providers.classlink.views import ClassLinkOAuth2Adapter

Kind = IdentityProvider.Kind


def login_url(provider: IdentityProvider) -> str:
    app = provider.app
    if provider.kind == Kind.SAML:
        return reverse("saml_login", kwargs={"organization_slug": app.provider_id})
    if provider.kind in (Kind.CLEVER, Kind.CLASSLINK):
        return reverse(f"{provider.kind}_login")
    return reverse("openid_connect_login", kwargs={"provider_id": app.provider_id})


def callback_urls(provider: IdentityProvider) -> list[tuple[str, str]]:
    """(what it is, path) pairs to register at the identity provider."""
    app = provider.app
    if provider.kind == Kind.SAML:
        slug = {"organization_slug": app.provider_id}
        return [
            ("Assertion consumer service (ACS)", reverse("saml_acs", kwargs=slug)),
            ("Service provider metadata", reverse("saml_metadata", kwargs=slug)),
        ]
    if provider.kind in (Kind.CLEVER, Kind.CLASSLINK):
        return [("Redirect URI", reverse(f"{provider.kind}_callback"))]
    return [
        (
            "Redirect URI",
            reverse("openid_connect_callback", kwargs={"provider_id": app.provider_id}),
        )
    ]


# scheme://host[:port] as a CSP source: a host of letters, digits, dots and hyphens (IDNs in
# their xn-- form) or an IPv4 address, so nothing an officer typed can add a directive.
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not _HOST.fullmatch(host):
        return None
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def sign_in_origins(provider: IdentityProvider) -> set[str]:
    """The origins a sign-in with ``provider`` sends the browser to straight from Lattice's
    redirect: the provider's sign-in page (OpenID Connect's authorization endpoint, SAML's
    single sign-on service).

    An OpenID Connect provider's authorization endpoint is on its issuer's host (Google,
    Entra ID and the common self-hosted providers all do so) unless the app's settings
    override it; a SAML provider known by its metadata address serves sign-in from that host.
    """
    app = provider.app
    app_settings = app.settings or {}
    if provider.kind == Kind.CLEVER:
        urls = [CleverOAuth2Adapter.authorize_url]
    elif provider.kind == Kind.CLASSLINK:
        urls = [ClassLinkOAuth2Adapter.authorize_url]
    elif provider.kind == Kind.SAML:
        idp = app_settings.get("idp") or {}
        urls = [idp.get("sso_url") or idp.get("metadata_url") or ""]
    else:
        overrides = app_settings.get("openid_configuration_overrides") or {}
        urls = [app_settings.get("server_url", ""), overrides.get("authorization_endpoint", "")]
    return {origin for url in urls if url and (origin := _origin(url))}
