"""ClassLink OneClick single sign-on (https://developer.classlink.com/docs/accessing-user-data).

The person is ClassLink's ``UserId``; ``TenantId`` names their district and ``SourcedId``
is the OneRoster sourcedId when the district rosters through OneRoster.
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

from lattice.accounts.providers.classlink.views import ClassLinkOAuth2Adapter


class ClassLinkAccount(ProviderAccount):
    def to_str(self) -> str:
        data = self.account.extra_data or {}
        return str(data.get("DisplayName") or data.get("Email") or super().to_str())


class ClassLinkProvider(OAuth2Provider):
    id = "classlink"
    name = "ClassLink"
    account_class = ClassLinkAccount
    oauth2_adapter_class = ClassLinkOAuth2Adapter

    def get_default_scope(self) -> list[str]:
        return ["profile", "openid", "email"]

    def extract_uid(self, data: dict[str, Any]) -> str:
        return str(data["UserId"])

    def extract_common_fields(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "email": data.get("Email") or None,
            "first_name": data.get("FirstName") or None,
            "last_name": data.get("LastName") or None,
        }


provider_classes = [ClassLinkProvider]
