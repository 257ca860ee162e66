"""Where each kind of record is added: the page an empty drop-down points to.

A new district has no schools, staff or councils, so many forms' drop-downs start empty and
say what is missing (:mod:`lattice.lib.choices`). The page where the missing thing is added
usually belongs to another app (schools and staff come with the roster, which the imports
app brings in), and an app never names another's URLs (docs/decisions/0008). So the app that
adds a kind of record registers where, once, from its ``AppConfig.ready()``; a form asks
:func:`lattice.lib.choices.missing` for the sentence, and the link is shown only to people
who may open the page. Without a registration (the app is not installed) the sentence says
what is missing and nothing more.

Registered by: imports (schools, school years, staff: the roster imports page), councils
(council bodies: the new body page), roles (leadership roles: the role catalogue).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Addable(StrEnum):
    """A kind of record an empty drop-down can be waiting for."""

    SCHOOLS = "schools"
    SCHOOL_YEARS = "school years"
    STAFF = "staff"
    COUNCIL_BODIES = "council bodies"
    LEADERSHIP_ROLES = "leadership roles"


def anyone(user: Any) -> bool:
    """Every signed-in person may open the page."""
    return True


@dataclass(frozen=True)
class WhereAdded:
    """How ``thing`` is added (``how``, a phrase ending where the link goes: "import the
    roster on"), the link's words and its page (``url``, called when a form is built, so
    URLs are resolved after start-up), who may open that page (``opens_for``, a function of
    the user), and what to say instead to someone who may not (``otherwise``: "the talent
    office imports the roster")."""

    thing: Addable
    how: str
    link_text: str
    url: Callable[[], str]
    otherwise: str
    opens_for: Callable[[Any], bool] = anyone


_registry: dict[Addable, WhereAdded] = {}


def register(entry: WhereAdded) -> None:
    """Say where ``entry.thing`` is added (registering a thing again replaces it)."""
    _registry[entry.thing] = entry


def where_added(thing: Addable) -> WhereAdded | None:
    """Where ``thing`` is added, or None when no installed app registered it."""
    return _registry.get(thing)


def registered() -> dict[Addable, WhereAdded]:
    """Every registration by thing (a copy), for tests and diagnostics."""
    return dict(_registry)
