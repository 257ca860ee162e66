"""ClassLink's OAuth 2.0 endpoints and its user-info call, on allauth's OAuth2 views."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)
from django.http import HttpRequest

LAUNCHPAD = "https://launchpad.classlink.com"
NODEAPI = "https://nodeapi.classlink.com"


class ClassLinkOAuth2Adapter(OAuth2Adapter):
    provider_id = "classlink"
    authorize_url = f"{LAUNCHPAD}/oauth2/v2/auth"
    access_token_url = f"{LAUNCHPAD}/oauth2/v2/token"  # nosec: a URL, not a secret
    profile_url = f"{NODEAPI}/v2/my/info"

    def complete_login(self, request: HttpRequest, app: Any, token: Any, **kwargs: Any) -> Any:
        with get_adapter().get_requests_session() as session:
            response = session.get(
                self.profile_url, headers={"Authorization": f"Bearer {token.token}"}
            )
        if response.status_code != 200:
            raise OAuth2Error(f"ClassLink user info answered {response.status_code}")
        data = response.json()
        if "UserId" not in data:
            raise OAuth2Error("ClassLink user info has no UserId")
        return self.get_provider().sociallogin_from_response(request, data)


oauth2_login = OAuth2LoginView.adapter_view(ClassLinkOAuth2Adapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ClassLinkOAuth2Adapter)
