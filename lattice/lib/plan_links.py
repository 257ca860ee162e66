"""Bodies a plan step can form or link: a plan's step "Form a curriculum council" creates the
council, or links one the district already has, and the plan shows how far it has come.

The coaching app keeps the plans; the councils app keeps the bodies. They are siblings on one
floor (docs/decisions/0009), so neither imports the other: the councils app registers one
:class:`BodyFormer` here when Django starts (``lattice/councils/plan_links.py``), and the
coaching app asks it, through :func:`formers` and :func:`former`, to list a district's bodies,
preview and create a body from a step's draft (through the councils app's own, audited
actions), and read each linked body's status. Without a former (no councils app), a step links
no body and the plan page offers none. Plain Python: the registry imports no app
(docs/decisions/0008).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class PlanLinkError(ValueError):
    """A draft the former refuses, with a sentence naming the field and the fix."""


class BodyStage(enum.Enum):
    """How far a linked body has come, in the order a plan expects it."""

    FORMED = "formed"  # it exists; its seats are not all filled yet
    SEATED = "seated"  # every seat it has is held today
    MET = "met"  # its first meeting has been held
    CLOSED = "closed"  # it was closed

    @property
    def label(self) -> str:
        return {
            BodyStage.FORMED: "Formed",
            BodyStage.SEATED: "Seated",
            BodyStage.MET: "First meeting held",
            BodyStage.CLOSED: "Closed",
        }[self]


@dataclass(frozen=True)
class BodyKindChoice:
    """A kind of body the former can form, e.g. ("curriculum_council", "Curriculum council")."""

    key: str
    label: str


@dataclass(frozen=True)
class LinkedBody:
    """A body a step links: its id in the owning app (``ref``), its name, its kind (a key of
    the former's ``kinds()``), the school it serves (None: the district), its page and where
    it stands, with the status said in words ("2 of 5 seats filled; no meeting held yet")."""

    former: str
    ref: int
    name: str
    kind: str
    school_id: int | None
    url: str
    stage: BodyStage
    status: str


@dataclass(frozen=True)
class BodyDraft:
    """What a step asks to form: a body of ``kind`` in the district (serving ``school_id``
    when the plan is a school's), with a name and a purpose."""

    district_id: int
    school_id: int | None
    name: str
    kind: str
    purpose: str


@dataclass(frozen=True)
class BodyFormer:
    """What an app that keeps bodies offers plans.

    - ``noun``: what it forms, for sentences ("council");
    - ``kinds()``: the kinds it can form;
    - ``bodies(actor, district_id)``: the district's open bodies that ``actor`` may see, to link;
    - ``linked(refs)``: each linked body by ref, in a fixed number of queries however many;
    - ``may_form(actor, district_id)``: whether ``actor`` may form a body there at all;
    - ``preview(draft)``: what forming would write, as (label, value) lines, or
      :class:`PlanLinkError`; it writes nothing;
    - ``form(actor, draft)``: forms it through the app's own audited actions, inside the
      caller's transaction, or raises :class:`PlanLinkError`.
    """

    key: str
    noun: str
    kinds: Callable[[], Sequence[BodyKindChoice]]
    bodies: Callable[[Any, int], Sequence[LinkedBody]]
    linked: Callable[[Collection[int]], Mapping[int, LinkedBody]]
    may_form: Callable[[Any, int], bool]
    preview: Callable[[BodyDraft], Sequence[tuple[str, str]]]
    form: Callable[[Any, BodyDraft], LinkedBody]


_formers: dict[str, BodyFormer] = {}


def register(former: BodyFormer) -> None:
    """Register ``former`` under its key (registering a key again replaces it)."""
    _formers[former.key] = former


def formers() -> list[BodyFormer]:
    """The registered formers, by key."""
    return [_formers[k] for k in sorted(_formers)]


def former(key: str) -> BodyFormer | None:
    """The former registered under ``key``, or None (its app is not installed)."""
    return _formers.get(key)


def linked_bodies(links: Collection[tuple[str, int]]) -> dict[tuple[str, int], LinkedBody]:
    """The linked body of each (former key, ref) pair, one call per former; a pair whose
    former is not installed, or whose body no longer exists, is left out."""
    by_former: dict[str, set[int]] = {}
    for key, ref in links:
        by_former.setdefault(key, set()).add(ref)
    found: dict[tuple[str, int], LinkedBody] = {}
    for key in sorted(by_former):
        f = _formers.get(key)
        if f is None:
            continue
        for ref, body in f.linked(by_former[key]).items():
            found[(key, ref)] = body
    return found
