"""How an API call says who it is: ``Authorization: Bearer lat_…`` (a token), or the
browser session of a signed-in user (the browsable documentation, an officer trying a call).

A token acts as its owner: the views ask ``lattice.people.access`` exactly as the pages do,
then narrow to the token's district and scopes. A session has no scopes beyond its user's
pages. Unknown, revoked and expired tokens, and calls from outside a token's address ranges,
are refused alike (401), so a caller learns nothing about other tokens.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from lattice.api import actions, secrets
from lattice.api.models import ApiToken
from lattice.api.scopes import ApiScope

KEYWORD = "Bearer"


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _, secret = header.partition(" ")
        if keyword != KEYWORD:
            return None
        secret = secret.strip()
        if not secret.startswith(secrets.MARK):
            raise exceptions.AuthenticationFailed("This is not a Lattice API token.")
        token = (
            ApiToken.objects.select_related("owner", "district")
            .filter(digest=secrets.digest(secret))
            .first()
        )
        address = request.META.get("REMOTE_ADDR")
        if token is None or not token.usable(timezone.now()) or not token.allows_address(address):
            raise exceptions.AuthenticationFailed(
                "The token is unknown, revoked or expired, or not allowed from this address. "
                "Ask your district's talent office for a new one."
            )
        actions.note_use(token, address)
        return token.owner, token

    def authenticate_header(self, request: Any) -> str:
        return f'{KEYWORD} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser session (CSRF-checked on writes, as DRF does)."""


def token_of(request: Any) -> ApiToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


def district_ids_of(request: Any) -> frozenset[int] | None:
    """The districts a call may reach: the token's one, or None (a session: the user's own)."""
    token = token_of(request)
    return None if token is None else frozenset({token.district_id})


class HasScope(permissions.BasePermission):
    """The view's ``required_scope`` must be among the token's scopes (sessions pass: they
    reach only what their user's pages show). Checked before any query about the data."""

    message = "This token may not do this: ask the talent office to give it the scope needed."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        token = token_of(request)
        if token is None:
            return True
        needed: ApiScope | None = getattr(view, "required_scope", None)
        return needed is not None and needed.value in token.scopes


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "lattice.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A Lattice API token (lat_…), created on the API tokens page. "
            "Scopes: " + ", ".join(f"{s.value} ({s.label})" for s in ApiScope),
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "lattice.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
