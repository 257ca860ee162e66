"""Template tags of the councils app: the seats a person holds today (the profile panel)."""

from __future__ import annotations

from typing import Any

from django import template

from lattice.councils import queries
from lattice.councils.models import Seat

register = template.Library()


@register.simple_tag
def seats_of(staff: Any) -> list[Seat]:
    """The seats ``staff`` holds today, with their bodies (the list the councils home shows)."""
    return queries.seats_held(staff)


@register.filter
def headline(statement: str, length: int = 90) -> str:
    """A decision's statement as a link's text: cut to ``length`` characters, without the
    sentence's closing full stop ("Create a data-coach role")."""
    text = " ".join(str(statement).split())
    if len(text) > length:
        text = text[: length - 1].rstrip() + "…"
    return text.rstrip(".")
