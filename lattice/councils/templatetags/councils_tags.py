"""Template tags of the councils app: the seats a person holds today (the profile panel)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from lattice.councils.models import Seat, seats_held_q

register = template.Library()


@register.simple_tag
def seats_of(staff: Any) -> list[Seat]:
    """The seats ``staff`` holds today, with their bodies."""
    if staff is None:
        return []
    return list(
        Seat.objects.filter(seats_held_q(timezone.localdate()), holder=staff)
        .select_related("body")
        .order_by("body__name")
    )
