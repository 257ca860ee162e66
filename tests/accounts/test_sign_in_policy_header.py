"""The pages that start a single sign-on let their forms lead to the district's identity
providers (CSP form-action), and no other page does: a sign-in button posts to Lattice, whose
redirect to the provider the browser checks against form-action."""

from __future__ import annotations

from typing import Any

from lattice.accounts import actions
from lattice.accounts.actions import ProviderSettings
from lattice.accounts.models import IdentityProvider
from lattice.accounts.sso_urls import sign_in_origins
from tests.accounts.world import SAML_CERT, oidc_settings, sso_world

Kind = IdentityProvider.Kind
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _form_action(response: Any) -> list[str]:
    policy = response["Content-Security-Policy"]
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("form-action"))
    return directive.split()[1:]


def test_the_log_in_page_names_each_enabled_providers_sign_in_host(cast, client):
    sso_world(cast)  # an OpenID Connect provider per district and Northfield's ADFS
    actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(kind=Kind.MICROSOFT, label="Staff", client_id="c", tenant_id=TENANT),
    )
    actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(kind=Kind.CLEVER, label="Clever", client_id="c", external_district_id="d"),
    )
    sources = _form_action(client.get("/accounts/login/"))
    assert sources == [
        "'self'",
        "https://adfs.northfield.example.org",
        "https://clever.com",
        "https://idp.example.org",
        "https://login.microsoftonline.com",
    ]


def test_a_provider_turned_off_is_not_named(cast, client):
    world = sso_world(cast)
    for provider in (world.provider, world.other_provider):
        actions.set_provider_enabled(None, provider, False)
    assert _form_action(client.get("/accounts/login/")) == [
        "'self'",
        "https://adfs.northfield.example.org",
    ]


def test_a_providers_own_start_page_names_only_that_provider(cast, client):
    world = sso_world(cast)
    actions.save_identity_provider(
        None, cast.district, oidc_settings("Other", server_url="https://id.other.example.net")
    )
    response = client.get(f"/accounts/saml/{world.saml.app.provider_id}/login/")
    assert response.status_code == 200
    assert _form_action(response) == ["'self'", "https://adfs.northfield.example.org"]


def test_every_other_page_posts_to_lattice_only(cast, client_for):
    sso_world(cast)
    for persona, url in (("teacher", "/me/"), ("officer", "/accounts/sign-in-settings/")):
        response = client_for(persona).get(url)
        assert response.status_code == 200, url
        assert _form_action(response) == ["'self'"], url


def test_the_log_in_page_sending_a_signed_in_teacher_on_keeps_the_strict_policy(cast, client_for):
    # A signed-in teacher opening the log-in page is sent on; the header stays the strict one.
    sso_world(cast)
    response = client_for("teacher").get("/accounts/login/")
    assert response.status_code == 302
    assert _form_action(response) == ["'self'"]


def test_an_address_cannot_add_a_directive_to_the_policy(cast):
    provider = actions.save_identity_provider(None, cast.district, oidc_settings("Northfield"))
    provider.app.settings["server_url"] = "https://idp.example.org; script-src *"
    assert sign_in_origins(provider) == set()
    provider.app.settings["server_url"] = "https://idp.example.org:8443/realms/staff"
    assert sign_in_origins(provider) == {"https://idp.example.org:8443"}


def test_a_saml_provider_known_by_its_metadata_signs_in_on_that_host(cast):
    provider = actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(
            kind=Kind.SAML,
            label="Shibboleth",
            saml={
                "entity_id": "https://idp.northfield.example.org/idp/shibboleth",
                "metadata_url": "https://idp.northfield.example.org/idp/shibboleth/metadata",
                "x509cert": SAML_CERT,
            },
        ),
    )
    assert sign_in_origins(provider) == {"https://idp.northfield.example.org"}
