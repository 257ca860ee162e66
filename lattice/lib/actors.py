"""Who acts: the one type every app's public surface (``actions``, ``queries``, ``access``)
takes for the person doing something (``actor``) or asking to see something (``user``).

Requests carry Django's user or its anonymous stand-in, the command line a user it looked up,
and the demo loader and background jobs act as the system itself (None); each action decides
what that means for it (``people.access.scope_for`` gives the anonymous and the system no
reach). Lattice keeps Django's own user model (``AUTH_USER_MODEL`` is not changed), so the
type names it rather than a protocol guessed from the attributes a caller happens to read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

#: A signed-in user, the anonymous user of a request nobody signed in to, or None for the
#: system (the demo loader, scheduled jobs).
Actor: TypeAlias = "User | AnonymousUser | None"


def signed_in(actor: Actor) -> User | None:
    """The saved user behind ``actor``, for a ``created_by``-style foreign key; None for the
    system and the anonymous user."""
    from django.contrib.auth.models import User

    return actor if isinstance(actor, User) and actor.pk is not None else None


def user_of(actor: Actor) -> User:
    """The signed-in user ``actor`` must be, for an action only a person can take on their own
    account (their notices, their second factor); refused for the system and the anonymous."""
    user = signed_in(actor)
    if user is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Sign in to do this.")
    return user
