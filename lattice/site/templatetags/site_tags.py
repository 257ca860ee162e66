"""The menus of every page (``base.html``), from the entries the apps register
(:mod:`lattice.people.navigation`)."""

from __future__ import annotations

from django import template

from lattice.people.access import scope_for
from lattice.people.navigation import Menu, MenuItem, menu

register = template.Library()


@register.simple_tag(takes_context=True)
def site_menus(context: template.Context) -> dict[str, list[MenuItem]]:
    """The signed-in user's main and account menus, each link marked current on its pages."""
    request = context["request"]
    scope = scope_for(request.user)
    return {which.value: menu(scope, which, request.path) for which in Menu}
