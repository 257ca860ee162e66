"""The journal of an applied import: every row it created or changed, with the values before
and after, kept on the run so the import can be undone exactly — and so undoing can tell
whether anything changed those rows since.

Changed rows are snapshotted (whole-table reads in chunks, no per-row queries) inside the
apply's transaction just before and just after each write; created rows are kept as their
keys and the person they belong to. Values are stored as JSON text (dates ISO, decimals as
strings) and compared the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db import models

from lattice.people.models import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    RatingRecord,
    School,
    SchoolYear,
    StaffMember,
)

CHUNK = 1000

# section → (model, the columns an import writes), in the order undo reverts them
SECTIONS: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
    "ratings": (RatingRecord, ("staff_member_id", "school_year_id", "label")),
    "degrees": (Degree, ("staff_member_id", "level", "field", "conferred_on")),
    "certificates": (Certificate, ("staff_member_id", "kind", "number", "issued", "expires")),
    "credits": (CreditRecord, ("staff_member_id", "credits", "earned_on", "description")),
    "assignments": (
        Assignment,
        (
            "staff_member_id",
            "school_id",
            "school_year_id",
            "position",
            "title",
            "begin_date",
            "end_date",
            "sourced_id",
        ),
    ),
    "staff": (
        StaffMember,
        (
            "employee_id",
            "sourced_id",
            "given_name",
            "family_name",
            "preferred_name",
            "email",
            "active",
            "hire_date",
            "prior_years_experience",
        ),
    ),
    "schools": (School, ("key", "name", "sourced_id")),
    "years": (SchoolYear, ("label", "start", "end", "sourced_id")),
}


def as_json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    return value


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def snapshot(section: str, pks: Iterable[int]) -> dict[int, list[Any]]:
    """The section's columns of rows ``pks`` now, as JSON-ready lists."""
    model, fields = SECTIONS[section]
    out: dict[int, list[Any]] = {}
    for chunk in _chunks(sorted(set(pks))):
        for row in model._default_manager.filter(pk__in=chunk).values_list("pk", *fields):
            out[row[0]] = [as_json(v) for v in row[1:]]
    return out


class Journal:
    """Collects an apply's writes; :meth:`as_dict` is what the run stores."""

    def __init__(self) -> None:
        self.sections: dict[str, dict[str, dict[str, Any]]] = {}
        self._before: dict[str, dict[int, list[Any]]] = {}
        self.district_created = False

    def _section(self, name: str) -> dict[str, dict[str, Any]]:
        return self.sections.setdefault(name, {"created": {}, "updated": {}})

    def before_update(self, section: str, pks: Iterable[int]) -> None:
        """Call just before rows ``pks`` of ``section`` are changed."""
        self._before.setdefault(section, {}).update(snapshot(section, pks))

    def after_update(self, section: str) -> None:
        """Call once the rows announced by :meth:`before_update` were written."""
        before = self._before.pop(section, {})
        if not before:
            return
        after = snapshot(section, before)
        updated = self._section(section)["updated"]
        for pk, old in before.items():
            new = after.get(pk)
            if new is not None and new != old:
                updated[str(pk)] = [old, new]

    def created(self, section: str, rows: Iterable[tuple[int, int | None]]) -> None:
        """Call once rows were created: (pk, the staff member it belongs to, or None).

        Only the keys are kept (a 100,000-person roster would otherwise double its write);
        what happened to those rows later is read from the audit log when undoing."""
        self._section(section)["created"].update({str(pk): staff for pk, staff in rows})

    def count(self) -> int:
        return sum(len(s["created"]) + len(s["updated"]) for s in self.sections.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "district_created": self.district_created,
            "sections": self.sections,
        }
