"""Profile panels: sections other apps add to a person's page without the people app naming
them.

The person's own profile (/me/) and a person's page as their district's talent office sees it
(/staff/<pk>/) show people's facts; apps above add a section of their own (the pathways app:
the person's standing and pay). Each registers a :class:`ProfilePanel` when Django starts:
a template rendered with ``staff`` (the person) in the page's context. The people view
decides who sees which page; a panel adds nothing to who may see what (docs/decisions/0008).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ProfilePage(enum.StrEnum):
    """The pages a panel may appear on."""

    OWN = "own"  # the person's own profile, /me/
    OFFICE = "office"  # a person's page as their district's talent office sees it


@dataclass(frozen=True)
class ProfilePanel:
    """A section of ``pages``, rendered from ``template`` with ``staff`` in its context;
    panels follow the page's heading in ``order``, lowest first."""

    key: str
    template: str
    pages: frozenset[ProfilePage]
    order: int = 100


_panels: dict[str, ProfilePanel] = {}


def register(panel: ProfilePanel) -> None:
    """Register ``panel`` (registering a key again replaces it)."""
    _panels[panel.key] = panel


def panels_for(page: ProfilePage) -> list[ProfilePanel]:
    """The panels of ``page``, in order."""
    found = [p for p in _panels.values() if page in p.pages]
    return sorted(found, key=lambda p: (p.order, p.key))
