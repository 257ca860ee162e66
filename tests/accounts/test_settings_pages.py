"""The talent office's sign-in settings page: providers, secrets, policy."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp

from lattice.accounts.models import IdentityProvider, SignInPolicy

NEW = "/accounts/sign-in-settings/providers/new/"


def _entra(tenant: str) -> dict[str, str]:
    return {
        "label": "Northfield Microsoft account",
        "tenant_id": tenant,
        "client_id": "entra-client-id",
        "secret": "the-very-secret-value",
        "roster_field": "employee_id",
        "roster_claim": "employeeid",
        "enabled": "on",
    }


def test_an_officer_adds_entra_id_for_the_districts_own_tenant(cast, client_for):
    client = client_for("officer")
    tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    response = client.post(f"{NEW}?district=northfield&kind=microsoft", _entra(tenant))
    assert response.status_code == 302
    provider = IdentityProvider.objects.get()
    assert provider.district == cast.district
    assert provider.app.settings["server_url"] == (
        f"https://login.microsoftonline.com/{tenant}/v2.0"
    )
    page = client.get(f"/accounts/sign-in-settings/providers/{provider.pk}/").content.decode()
    assert "the-very-secret-value" not in page
    assert (
        client.get("/accounts/sign-in-settings/").content.decode().count("/accounts/oidc/") >= 1
    )  # the redirect URI to register


def test_entra_for_common_is_refused_with_the_fix(cast, client_for):
    response = client_for("officer").post(
        f"{NEW}?district=northfield&kind=microsoft", _entra("common")
    )
    assert response.status_code == 200
    assert "lets any Microsoft account in" in response.content.decode()
    assert not SocialApp.objects.exists()


def test_leaving_the_secret_blank_keeps_the_saved_one(cast, client_for):
    client = client_for("officer")
    tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
    client.post(f"{NEW}?district=northfield&kind=microsoft", _entra(tenant))
    provider = IdentityProvider.objects.get()
    client.post(
        f"/accounts/sign-in-settings/providers/{provider.pk}/",
        {**_entra(tenant), "secret": "", "label": "Staff sign-in"},
    )
    provider.refresh_from_db()
    assert provider.label == "Staff sign-in"
    assert provider.app.secret == "the-very-secret-value"


def test_an_officer_cannot_add_a_provider_to_another_district(cast, client_for):
    client = client_for("other_officer")
    response = client.post(
        f"{NEW}?district=northfield&kind=microsoft",
        _entra("72f988bf-86f1-41af-91ab-2d7cd011db47"),
    )
    assert IdentityProvider.objects.get().district == cast.other_district
    assert response.status_code == 302


def test_the_policy_form_saves_the_districts_requirements(cast, client_for):
    client_for("officer").post(
        "/accounts/sign-in-settings/policy/?district=northfield",
        {"two_factor_for_officers": "on", "two_factor_for_principals": "on"},
    )
    policy = SignInPolicy.objects.get(district=cast.district)
    assert policy.two_factor_for_principals
    assert not policy.two_factor_for_everyone


def test_enabled_providers_appear_on_the_log_in_page(cast, client_for):
    client_for("officer").post(
        f"{NEW}?district=northfield&kind=google",
        {
            "label": "Northfield Google account",
            "hosted_domain": "northfield.example.org",
            "client_id": "g-client",
            "secret": "g-secret",
            "roster_field": "",
            "review_email_matches": "on",
            "enabled": "on",
        },
    )
    from django.test import Client

    page = Client().get("/accounts/login/").content.decode()
    assert "Northfield Google account" in page
    assert "With your district account" in page


def test_saml_metadata_names_lattices_assertion_consumer_service(cast, client_for):
    from tests.accounts.world import sso_world

    slug = sso_world(cast).saml.app.provider_id
    metadata = client_for("anonymous").get(f"/accounts/saml/{slug}/metadata/").content.decode()
    assert f"/accounts/saml/{slug}/acs/" in metadata


def test_saml_log_in_sends_a_request_to_the_districts_identity_provider(cast, client_for):
    from tests.accounts.world import sso_world

    slug = sso_world(cast).saml.app.provider_id
    response = client_for("anonymous").post(f"/accounts/saml/{slug}/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(
        "https://adfs.northfield.example.org/adfs/ls/?SAMLRequest="
    )
