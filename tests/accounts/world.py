"""Sign-in fixtures on top of the cast: one OpenID Connect provider per district and an email
match waiting for Northfield's review. Built once per cast (cached on it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lattice.accounts import actions
from lattice.accounts.actions import ProviderSettings
from lattice.accounts.claims import Identity
from lattice.accounts.models import IdentityProvider, LinkRequest
from tests.cast import Cast


@dataclass
class SsoWorld:
    provider: IdentityProvider
    other_provider: IdentityProvider
    link: LinkRequest
    saml: IdentityProvider


# A self-signed certificate for the SAML provider's settings (test data; signs nothing).
SAML_CERT = (
    "MIIDSzCCAjOgAwIBAgIUWOYPSVqN6OAzeRfrRMXQJJnXjAowDQYJKoZIhvcNAQELBQAwNTEzMDEGA1UEAwwq"
    "YWRmcy5ub3J0aGZpZWxkLmV4YW1wbGUub3JnIChMYXR0aWNlIHRlc3QpMB4XDTI2MTIwMTE2NTA0MFoXDTM2"
    "MTEyODE2NTA0MFowNTEzMDEGA1UEAwwqYWRmcy5ub3J0aGZpZWxkLmV4YW1wbGUub3JnIChMYXR0aWNlIHRl"
    "c3QpMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAycAsKxVdjYfN4X/smWO7viOSYQgkqTRCUZAQ"
    "TUFESE9rHOhinA46mZxtEzdmIOXu2hWdTr3huNRqnrdRIrMUuitSRIUjQbZnrvVHrRJSbS/m0En47tSu4R17"
    "3rog0HfBJ+MzX8XdJO8AoBa5xJlG0iClQi56uAbdaDtcW6C4zKMT+9tyiWiEmMYkr/QSiun9SbNGidF5Tnki"
    "EuMfsLZSHDrlJs7cO6nQ+jGPem1hu5cgSxKFUa94323xfaxIqTz/GHY4tY4Nh+9XD9LCDYSgmvk82BklepGM"
    "Zv/c+CDWvIpSAmUKbIz10VYxgs/xhMPWEyZMBk//kMxSHdoZgcqHAQIDAQABo1MwUTAdBgNVHQ4EFgQU9vvt"
    "/ObNYQ5Ca52tkBKrR5XKaB4wHwYDVR0jBBgwFoAU9vvt/ObNYQ5Ca52tkBKrR5XKaB4wDwYDVR0TAQH/BAUw"
    "AwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAOCM99oZvg7t6T+Xaure2pCbhE9T5LyYc93W+RPD2WbPL7grk7I7d"
    "ZQLjadwISPod3A/O2BwlUmociBYbauN7JRK+b3AwKkEJZ/Z69LE7QIkqCEWBQErOf59GRnoLU7S5ZVLBz8gZ"
    "zYho5X/ZdVJ0qCzrWRdMXRBLD8niDC5iaE4RLIZd5vaPOm/Km/eph14SD704a5hDaCcQQjQkgUJtmK/WY1Bc"
    "bpy2KvOhe1xcCVYWiLXZTasCDL6oHTBaenIJdO9AMYSSH2TuEOVrHJRVyoM7LH/3NSs+HMOes6LS7L9i8GCZ"
    "Onj+KNOGyXVy53vkZcEBhY2x7T0SsSXSrZtlVA=="
)


def oidc_settings(label: str, server_url: str = "https://idp.example.org") -> ProviderSettings:
    return ProviderSettings(
        kind=IdentityProvider.Kind.OIDC,
        label=label,
        client_id=f"{label}-client",
        secret="s3cret-value",
        server_url=server_url,
        roster_claim="sourcedId",
    )


def sso_world(cast: Cast) -> SsoWorld:
    cached: Any = getattr(cast, "_sso_world", None)
    if cached is not None:
        return cached
    provider = actions.save_identity_provider(None, cast.district, oidc_settings("Northfield ID"))
    other = actions.save_identity_provider(None, cast.other_district, oidc_settings("Southport ID"))
    link = actions.request_link_review(
        provider,
        Identity(uid="subject-77", email=cast.teacher_staff.email, email_verified=True),
        user=cast.user("teacher"),
        staff=cast.teacher_staff,
        claims_data={"sub": "subject-77", "email": cast.teacher_staff.email},
    )
    saml = actions.save_identity_provider(
        None,
        cast.district,
        ProviderSettings(
            kind=IdentityProvider.Kind.SAML,
            label="Northfield ADFS",
            saml={
                "entity_id": "https://adfs.northfield.example.org/adfs/services/trust",
                "sso_url": "https://adfs.northfield.example.org/adfs/ls/",
                "x509cert": SAML_CERT,
            },
        ),
    )
    world = SsoWorld(provider=provider, other_provider=other, link=link, saml=saml)
    cast._sso_world = world  # type: ignore[attr-defined]
    return world
