"""Where each kind of provider starts a sign-in and where it sends people back."""

from __future__ import annotations

from django.urls import reverse

from lattice.accounts.models import IdentityProvider

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
