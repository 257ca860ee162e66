"""Reach providers: apps that give a staff member a principal's reach over colleagues, but no
further.

A principal's reach follows from their own assignments (``lattice.people.access``). Other
apps grant the same, narrower reach: the roles app gives a holder of an active role that
evaluates peers the teachers assigned to the role's school in the role's school year. Such an
app registers a :class:`ReachProvider` when Django starts; :func:`~lattice.people.access.
scope_for` asks every provider when it builds a scope, in the same single query as the
principal's own years, so the reach follows the provider's data (a role ending ends it) and
the people app never reads another app's models (docs/decisions/0008).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Subquery

# A staff member's id, or a subquery that yields it.
StaffRef = int | Subquery


@dataclass(frozen=True)
class ReachProvider:
    """``school_years(staff_id, today)`` is a queryset whose rows have ``school_id`` and
    ``school_year_id``: the (school, school year) pairs where the person reaches the teachers
    assigned there. It must not be evaluated: the scope unions it into one query, and
    ``staff_id`` may be an expression (the scope passes a subquery for the user's staff
    record, so the whole scope is one query); use it only as a filter value."""

    key: str
    school_years: Callable[[StaffRef, dt.date], QuerySet[Any]]


_providers: dict[str, ReachProvider] = {}


def register(provider: ReachProvider) -> None:
    """Register ``provider`` (registering a key again replaces it)."""
    _providers[provider.key] = provider


def providers() -> list[ReachProvider]:
    """The registered providers, by key."""
    return [_providers[key] for key in sorted(_providers)]
