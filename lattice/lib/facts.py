"""The one seam through which a writer says "a fact the rules engine reads has changed".

A teacher's standing and pay are a stored projection of their facts (ratings, credits,
certificates, assignments, decisions, roles served …). Whoever writes such a fact calls
:func:`facts_changed` inside its own transaction; the apps that keep projections (the
pathways app keeps standings) register a listener here when Django starts. This module is
plain Python so that the lowest layers (people, imports) can announce changes without
importing the apps built on top of them, and without Django signals, whose receivers are
invisible at the call site and easy to lose.

Listeners run synchronously in the writer's transaction; they must be cheap (mark rows
stale, schedule work with ``transaction.on_commit``) and must not call back into writers.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass


class Fact(enum.StrEnum):
    """The kinds of fact the rules engine reads, one name each across the apps."""

    RATING = "rating"
    CREDIT = "credit"
    PD_HOURS = "pd_hours"
    DEGREE = "degree"
    CERTIFICATE = "certificate"
    ASSIGNMENT = "assignment"
    SCHOOL_PROFILE = "school_profile"
    DECISION = "decision"
    CLAIM = "claim"
    ROLE_SERVED = "role_served"
    HIRE = "hire"
    EXIT = "exit"
    PERSON = "person"
    POLICY = "policy"
    SCHOOL_YEAR = "school_year"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class FactsChanged:
    """What changed: the kind, the district, whose facts (None: everyone's), from when."""

    kind: Fact
    district_id: int
    staff_ids: frozenset[int] | None
    on: dt.date | None
    reason: str

    @property
    def everyone(self) -> bool:
        return self.staff_ids is None


Listener = Callable[[FactsChanged], None]

_listeners: dict[str, Listener] = {}
_derived: dict[str, frozenset[str]] = {}  # listener name → the audit actions it writes


def listen(name: str, listener: Listener, *, derived_actions: Iterable[str] = ()) -> None:
    """Register ``listener`` under ``name`` (registering a name again replaces it).

    ``derived_actions`` are the audit actions of the projection the listener keeps (the
    pathways app's recomputed standings): writes that follow facts by themselves, so undoing
    the write that changed those facts is not "a later change" to them (see :func:`derived`).
    """
    _listeners[name] = listener
    _derived[name] = frozenset(derived_actions)


def derived(action: str) -> bool:
    """Whether an audit action is a derived write that follows facts by itself: a
    projection a listener keeps, or any ``….sync`` (the roles app's HR positions sync)."""
    return action.endswith(".sync") or any(action in names for names in _derived.values())


def listeners() -> dict[str, Listener]:
    """The registered listeners by name (a copy), for tests and diagnostics."""
    return dict(_listeners)


def facts_changed(
    kind: Fact,
    *,
    district_id: int,
    staff_ids: Iterable[int] | None = None,
    on: dt.date | None = None,
    reason: str = "",
) -> FactsChanged:
    """Tell every listener that ``kind`` facts changed; call inside the writer's transaction.

    ``staff_ids`` None means the change may touch everyone in the district (a policy
    adoption, a school profile, the turn of a school year). An empty collection is a no-op.
    """
    ids = None if staff_ids is None else frozenset(staff_ids)
    event = FactsChanged(kind, district_id, ids, on, reason)
    if ids is not None and not ids:
        return event
    for listener in list(_listeners.values()):
        listener(event)
    return event
