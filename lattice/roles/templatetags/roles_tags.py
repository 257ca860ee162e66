"""Template helpers of the roles pages."""

from __future__ import annotations

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
