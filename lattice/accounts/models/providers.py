"""A district's identity providers and the sign-ins waiting for an officer's review."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import District, StaffMember


class IdentityProvider(models.Model):
    """One way a district's people sign in: Google Workspace, Microsoft Entra ID, Clever,
    ClassLink, any OpenID Connect provider, or SAML 2.0.

    The protocol side (client id, secret, endpoints) is an allauth ``SocialApp`` owned by
    this row; the district side is here: which hosted domain, tenant or Clever/ClassLink
    district the sign-ins must come from, and how a sign-in finds its staff record.

    Personal data: none (the client secret is a credential; it is stored on the SocialApp
    and never shown again).
    """

    class Kind(models.TextChoices):
        GOOGLE = "google", "Google Workspace"
        MICROSOFT = "microsoft", "Microsoft Entra ID"
        CLEVER = "clever", "Clever"
        CLASSLINK = "classlink", "ClassLink"
        OIDC = "oidc", "Another OpenID Connect provider"
        SAML = "saml", "SAML 2.0 (ADFS, Shibboleth, …)"

    class RosterField(models.TextChoices):
        SOURCED_ID = "sourced_id", "OneRoster sourcedId"
        EMPLOYEE_ID = "employee_id", "HR employee id"
        NONE = "", "None: confirm each person by email"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(
        max_length=80, help_text='What the sign-in button says, e.g. "Maplewood Google account".'
    )
    app = models.ForeignKey(
        "socialaccount.SocialApp", on_delete=models.PROTECT, related_name="lattice_providers"
    )
    enabled = models.BooleanField(default=True)
    hosted_domain = models.CharField(
        max_length=253, blank=True, help_text="Google Workspace: the district's domain."
    )
    tenant_id = models.CharField(
        max_length=64, blank=True, help_text="Microsoft Entra ID: the directory (tenant) id."
    )
    external_district_id = models.CharField(
        max_length=64,
        blank=True,
        help_text="Clever: the district id; ClassLink: the tenant id.",
    )
    email_domains = models.CharField(
        max_length=500,
        blank=True,
        help_text="Optional: only addresses at these domains may sign in (comma-separated).",
    )
    roster_claim = models.CharField(
        max_length=100,
        blank=True,
        help_text="The claim or attribute that holds the person's roster id.",
    )
    roster_field = models.CharField(
        max_length=20, choices=RosterField.choices, blank=True, default=RosterField.SOURCED_ID
    )
    review_email_matches = models.BooleanField(
        default=True,
        help_text="When the roster id finds nobody, let an officer confirm a match by email.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district__name", "label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_kind_display()}, {self.district})"

    def email_domain_list(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]


class LinkRequest(models.Model):
    """A sign-in whose roster id matched nobody but whose verified email matched one account
    of the provider's district: it waits until an officer confirms it is the same person.

    Personal data: the email, name and ids the identity provider sent for the person.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="link_requests"
    )
    uid = models.CharField(max_length=255, help_text="The provider's stable id for the person.")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    roster_id = models.CharField(max_length=255, blank=True)
    claims = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The account the email matched (none when the staff member has no log-in).",
    )
    staff = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "uid"],
                condition=models.Q(status="pending"),
                name="one_pending_link_per_sign_in",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} via {self.provider.label} ({self.get_status_display()})"

    def matched_name(self) -> str:
        if self.staff is not None:
            return str(self.staff)
        if self.user is None:
            return ""
        return self.user.get_full_name() or self.user.get_username()
