"""Template helpers of the roles pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from lattice.people.access import scope_for

register = template.Library()


@register.simple_tag(takes_context=True)
def roles_officer(context: template.Context) -> bool:
    """Whether the signed-in user sees the talent-office tabs (navigation only, not access)."""
    request = context.get("request")
    if request is None:
        return False
    scope = scope_for(request.user)
    return scope.is_superuser or scope.is_officer


@register.filter
def dollars(value: Any) -> str:
    try:
        return f"${int(value):,}"
    except (TypeError, ValueError):
        return "—"


@register.filter
def share(value: Any) -> str:
    try:
        return f"{Decimal(value) * 100:.0f}%"
    except (TypeError, ValueError, ArithmeticError):
        return "—"
