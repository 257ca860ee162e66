"""The log-in page's single sign-on buttons: every enabled provider, by district."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.accounts.models import IdentityProvider
from lattice.accounts.sso_urls import login_url

register = template.Library()


@register.simple_tag
def sign_in_providers() -> list[dict[str, Any]]:
    providers = IdentityProvider.objects.filter(enabled=True).select_related("district", "app")
    return [
        {
            "label": p.label,
            "district": p.district.name,
            "kind": p.get_kind_display(),
            "url": login_url(p),
        }
        for p in providers.order_by("district__name", "label")
    ]


@register.simple_tag(takes_context=True)
def two_factor_required_here(context: template.Context) -> bool:
    """Whether the signed-in user's role requires two-factor sign-in."""
    from lattice.accounts.policy import two_factor_required

    return two_factor_required(context["request"].user)
