"""Template tags of the recognition app: a person's honours as the viewer may see them."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.recognition import queries

register = template.Library()


@register.simple_tag(takes_context=True)
def honours_for(context: Any, staff: Any) -> list[Any]:
    return queries.honours_of(context["request"].user, staff)
