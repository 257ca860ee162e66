"""The test provider adds a OneRoster ``sourcedId`` claim, as a district's provider can."""

from __future__ import annotations

from typing import Any

from allauth.idp.oidc.adapter import DefaultOIDCAdapter


class RosterClaimsAdapter(DefaultOIDCAdapter):
    def get_claims(self, purpose: Any, user: Any, client: Any, scopes: Any, **kwargs: Any):
        claims = super().get_claims(purpose, user, client, scopes, **kwargs)
        claims["sourcedId"] = user.last_name  # the fixture keeps the roster id there
        claims["name"] = user.first_name
        return claims
