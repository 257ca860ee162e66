"""Where a person's email goes: their account's address, or one an app above knows.

The people app registers a resolver (the staff record's address, for an account that has
none of its own) from its ``AppConfig.ready``, so this app never reads people's tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Resolver = Callable[["User"], str]

_resolvers: dict[str, Resolver] = {}


def register(name: str, resolver: Resolver) -> None:
    """Register ``resolver`` under ``name`` (registering a name again replaces it)."""
    _resolvers[name] = resolver


def address_of(user: User) -> str:
    """The account's own address, else the first a registered resolver gives, else ""."""
    own = (user.email or "").strip()
    if own:
        return str(own)
    for name in sorted(_resolvers):
        found = _resolvers[name](user).strip()
        if found:
            return found
    return ""
