"""Forms of the sign-in settings pages: a district's identity provider and its policy."""

from __future__ import annotations

from typing import Any

from django import forms

from lattice.accounts.actions import POLICY_FIELDS, ProviderSettings
from lattice.accounts.models import IdentityProvider, SignInPolicy

Kind = IdentityProvider.Kind

# Which fields each kind of provider asks for, in the order the form shows them.
FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.GOOGLE: ("label", "hosted_domain", "client_id", "secret"),
    Kind.MICROSOFT: ("label", "tenant_id", "client_id", "secret"),
    Kind.CLEVER: ("label", "external_district_id", "client_id", "secret"),
    Kind.CLASSLINK: ("label", "external_district_id", "client_id", "secret"),
    Kind.OIDC: ("label", "server_url", "client_id", "secret"),
    Kind.SAML: (
        "label",
        "saml_entity_id",
        "saml_metadata_url",
        "saml_sso_url",
        "saml_x509cert",
        "saml_uid_attribute",
        "saml_email_attribute",
    ),
}
COMMON_FIELDS = ("roster_claim", "roster_field", "review_email_matches", "email_domains", "enabled")
ROSTER_CLAIM_HINT: dict[str, str] = {
    Kind.CLEVER: "Clever's user id (id) is the default; roles.teacher.sis_id is the SIS id.",
    Kind.CLASSLINK: "ClassLink's SourcedId (the OneRoster sourcedId) is the default.",
    Kind.GOOGLE: "Optional: a custom claim your Workspace adds, e.g. employee_id.",
    Kind.MICROSOFT: "Optional: an optional claim you add in Entra ID, e.g. employeeid.",
    Kind.OIDC: "The claim that holds the OneRoster sourcedId or employee id.",
    Kind.SAML: "The attribute that holds the OneRoster sourcedId or employee id.",
}


class ProviderForm(forms.Form):
    label = forms.CharField(
        label="Button label",
        max_length=80,
        help_text='What people see on the log-in page, e.g. "Maplewood Google account".',
    )
    hosted_domain = forms.CharField(
        label="Google Workspace domain",
        max_length=253,
        help_text="Only accounts of this domain may sign in, e.g. maplewood.k12.us.",
    )
    tenant_id = forms.CharField(
        label="Directory (tenant) id",
        max_length=64,
        help_text="Entra ID → Overview → Tenant ID. Only this directory's accounts may sign in.",
    )
    external_district_id = forms.CharField(label="District id", max_length=64)
    server_url = forms.URLField(
        label="Issuer address",
        max_length=500,
        assume_scheme="https",
        help_text="The provider's issuer, e.g. https://idp.example.org/realms/district. Lattice "
        "reads /.well-known/openid-configuration from it.",
    )
    client_id = forms.CharField(label="Client id", max_length=191)
    secret = forms.CharField(
        label="Client secret",
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    saml_entity_id = forms.CharField(label="Identity provider entity id", max_length=500)
    saml_metadata_url = forms.URLField(
        label="Metadata address",
        required=False,
        assume_scheme="https",
        help_text="ADFS: https://adfs.example.org/FederationMetadata/2007-06/"
        "FederationMetadata.xml. Or give the sign-in address and certificate below.",
    )
    saml_sso_url = forms.URLField(
        label="Sign-in (SSO) address", required=False, assume_scheme="https"
    )
    saml_x509cert = forms.CharField(
        label="Signing certificate (PEM)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    saml_uid_attribute = forms.CharField(
        label="Attribute with the person's stable id",
        max_length=200,
        required=False,
        help_text="E.g. http://schemas.microsoft.com/identity/claims/objectidentifier. "
        "Blank: the NameID.",
    )
    saml_email_attribute = forms.CharField(
        label="Attribute with the email address", max_length=200, required=False
    )
    roster_claim = forms.CharField(label="Roster id claim", max_length=100, required=False)
    roster_field = forms.ChoiceField(
        label="The roster id is the staff member's",
        choices=IdentityProvider.RosterField.choices,
        required=False,
    )
    review_email_matches = forms.BooleanField(
        label="When nobody has that roster id, let an officer confirm a match by email",
        required=False,
    )
    email_domains = forms.CharField(
        label="Allowed email domains",
        max_length=500,
        required=False,
        help_text="Optional, comma-separated, e.g. maplewood.k12.us, staff.maplewood.k12.us.",
    )
    enabled = forms.BooleanField(label="People can sign in with this provider", required=False)

    def __init__(self, *args: Any, kind: str, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = set(FIELDS_BY_KIND[kind]) | set(COMMON_FIELDS)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "external_district_id" in self.fields:
            self.fields["external_district_id"].label = (
                "Clever district id" if kind == Kind.CLEVER else "ClassLink tenant id"
            )
            self.fields[
                "external_district_id"
            ].help_text = "Only sign-ins from this district are accepted."
        if "secret" in self.fields:
            self.fields["secret"].required = not editing
            self.fields["secret"].help_text = (
                "Saved and never shown again. Leave blank to keep the saved secret."
                if editing
                else "Saved and never shown again."
            )
        self.fields["roster_claim"].help_text = ROSTER_CLAIM_HINT[kind]
        self.order_fields([*FIELDS_BY_KIND[kind], *COMMON_FIELDS])

    @classmethod
    def initial_for(cls, provider: IdentityProvider) -> dict[str, Any]:
        app_settings = provider.app.settings or {}
        idp = app_settings.get("idp", {})
        mapping = app_settings.get("attribute_mapping", {})
        return {
            "label": provider.label,
            "hosted_domain": provider.hosted_domain,
            "tenant_id": provider.tenant_id,
            "external_district_id": provider.external_district_id,
            "server_url": app_settings.get("server_url", ""),
            "client_id": provider.app.client_id,
            "saml_entity_id": idp.get("entity_id", ""),
            "saml_metadata_url": idp.get("metadata_url", ""),
            "saml_sso_url": idp.get("sso_url", ""),
            "saml_x509cert": idp.get("x509cert", ""),
            "saml_uid_attribute": "" if mapping.get("uid") == "uid" else mapping.get("uid", ""),
            "saml_email_attribute": mapping.get("email", ""),
            "roster_claim": provider.roster_claim,
            "roster_field": provider.roster_field,
            "review_email_matches": provider.review_email_matches,
            "email_domains": provider.email_domains,
            "enabled": provider.enabled,
        }

    def to_settings(self) -> ProviderSettings:
        data = self.cleaned_data
        saml = {
            key: (data.get(f"saml_{key}") or "").strip()
            for key in ("entity_id", "metadata_url", "sso_url", "x509cert")
        }
        saml["uid_attribute"] = (data.get("saml_uid_attribute") or "").strip()
        saml["email_attribute"] = (data.get("saml_email_attribute") or "").strip()
        return ProviderSettings(
            kind=self.kind,
            label=data["label"],
            client_id=data.get("client_id", ""),
            secret=data.get("secret", ""),
            server_url=data.get("server_url", ""),
            hosted_domain=data.get("hosted_domain", ""),
            tenant_id=data.get("tenant_id", ""),
            external_district_id=data.get("external_district_id", ""),
            email_domains=data.get("email_domains", ""),
            roster_claim=data.get("roster_claim", ""),
            roster_field=data.get("roster_field", ""),
            review_email_matches=data.get("review_email_matches", False),
            enabled=data.get("enabled", False),
            saml=saml if self.kind == Kind.SAML else {},
        )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = SignInPolicy
        fields = list(POLICY_FIELDS)
