"""The header's notifications link (with the unread count) and the "Waiting for you" list."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.notifications.send import unread_count
from lattice.notifications.waiting import WaitingItem, waiting_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context: template.Context) -> int:
    request = context.get("request")
    return unread_count(getattr(request, "user", None)) if request is not None else 0


@register.inclusion_tag("notifications/_waiting.html", takes_context=True)
def waiting_list(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    items: list[WaitingItem] = waiting_for(getattr(request, "user", None)) if request else []
    return {"items": items}
