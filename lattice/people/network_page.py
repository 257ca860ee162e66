"""Sections other apps add to the network office's page (/network/) without people naming
them.

The people app's page shows each member district's aggregate counts; an app above adds a
section of its own for each network (the network app: its library, comparisons and Teach to
Lead ideas). Each registers a :class:`NetworkSection` when Django starts: a template rendered
with ``network`` (the :class:`~lattice.people.models.Network`) and ``request`` in its context.
The people view decides who sees the page; a section adds nothing to who may see what
(docs/decisions/0008).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkSection:
    """A section of the network office's page, after the counts, in ``order`` (lowest first)."""

    key: str
    template: str
    order: int = 100


_sections: dict[str, NetworkSection] = {}


def register(section: NetworkSection) -> None:
    """Register ``section`` (registering a key again replaces it)."""
    _sections[section.key] = section


def sections() -> list[NetworkSection]:
    """The registered sections, in order."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
