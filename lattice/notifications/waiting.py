"""What waits on a person: the "Waiting for you" list of their home page.

Apps that put work in front of someone (a review to score, a proposal to review, an offer to
answer) register a :class:`WaitingSource` from their ``AppConfig.ready``: a function from the
signed-in user to the items waiting on them, each with a link. The home pages of the people
app read :func:`waiting_for`; this module names no app (docs/decisions/0008, 0015).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lattice.lib.actors import Actor


@dataclass(frozen=True)
class WaitingItem:
    """One thing waiting on the person: what to do (``label``), a line of ``detail``, the page
    where they do it (``url``) and since when it waits."""

    label: str
    url: str
    detail: str = ""
    since: dt.datetime | dt.date | None = None


@dataclass(frozen=True)
class WaitingSource:
    """An app's items waiting on ``user`` (often none); sources are listed by ``order``."""

    key: str
    items: Callable[[Any], Iterable[WaitingItem]]
    order: int = 100


_sources: dict[str, WaitingSource] = {}


def register(source: WaitingSource) -> None:
    """Register ``source`` (registering a key again replaces it)."""
    _sources[source.key] = source


def waiting_for(user: Actor) -> list[WaitingItem]:
    """Everything waiting on ``user``, source by source; nothing for an anonymous user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found: list[WaitingItem] = []
    for source in sorted(_sources.values(), key=lambda s: (s.order, s.key)):
        found.extend(source.items(user))
    return found
