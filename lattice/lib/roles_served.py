"""Roles served: the roles app says "this person holds this role for this school year", and
the app that keeps the verified ledger records it, without the two importing each other.

A role served is a fact some policies read (Iowa TLC pays leaders by the roles they hold).
The roles app calls :func:`role_served` inside the transaction that assigns the role; the
pathways app registers a recorder when Django starts, which enters the role into the
teacher's verified ledger (and announces ``Fact.ROLE_SERVED`` through ``lattice.lib.facts``,
so the standing is recomputed). Unlike a facts listener, a recorder writes: it is the
ledger's own action, audited there. Without a recorder, nothing but the assignment is kept.
Plain Python: the registry imports no app (docs/decisions/0008).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lattice.lib.actors import Actor


@dataclass(frozen=True)
class RoleServed:
    """``staff_id`` holds the role ``role_key`` (its kind, e.g. "mentor"), titled ``title``,
    for the school year starting ``school_year_start``; ``source`` names the record behind it
    (``roles.RoleAssignment:42``)."""

    staff_id: int
    district_id: int
    role_key: str
    title: str
    school_year_start: dt.date
    source: str


Recorder = Callable[[Any, RoleServed], object]

_recorders: dict[str, Recorder] = {}


def register(name: str, recorder: Recorder) -> None:
    """Register ``recorder(actor, served)`` under ``name`` (a name again replaces it)."""
    _recorders[name] = recorder


def recorders() -> dict[str, Recorder]:
    """The registered recorders by name (a copy), for tests and diagnostics."""
    return dict(_recorders)


def role_served(actor: Actor, served: RoleServed) -> None:
    """Tell every recorder that ``served`` holds; call inside the assigning transaction.
    ``actor`` is the user who assigned the role, or None for the system."""
    for name in sorted(_recorders):
        _recorders[name](actor, served)
