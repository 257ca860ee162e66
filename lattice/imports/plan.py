"""The preview of an import: what would be created, updated, left alone, deactivated, skipped.

A :class:`Plan` is built by :func:`lattice.imports.rosterplan.plan_roster` (OneRoster) or
:func:`lattice.imports.hr.plan.plan_hr` (HR file) and applied by
:func:`lattice.imports.actions.apply_plan` in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lattice.imports.errors import ErrorLog
from lattice.lib import formatting
from lattice.people.models import District

SAMPLE_SIZE = 25
STAFF_COMPARED = (
    "employee_id",
    "sourced_id",
    "given_name",
    "family_name",
    "preferred_name",
    "email",
    "active",
)
ASSIGNMENT_COMPARED = ("school", "school_year", "position", "title", "begin_date", "end_date")


RATING_KEY = "rating "


def rating_key(year_label: str) -> str:
    """The key of a school year's rating in a person's change (``rating 2024-25``). The
    audit writes each as its own ``people.rating.record`` entry, the name an officer's
    rating gets (``lattice.people.actions.record_rating``): one fact, one name."""
    return RATING_KEY + year_label


def rating_year(key: str) -> str | None:
    """The school year of a rating key (:func:`rating_key`), else None."""
    return key[len(RATING_KEY) :] if key.startswith(RATING_KEY) else None


@dataclass
class PersonChange:
    """A staff member's changes for the per-person audit entry and the preview."""

    label: str
    action: str  # people.staff.create | people.staff.update | people.staff.deactivate
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    kind: str = "oneroster"
    district: District | None = None
    new_district: dict[str, str] | None = None
    district_sourced_id: str = ""
    years_create: list[dict[str, Any]] = field(default_factory=list)
    years_update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    years_unchanged: int = 0
    schools_create: list[dict[str, Any]] = field(default_factory=list)
    schools_update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    schools_unchanged: int = 0
    staff_create: list[dict[str, Any]] = field(default_factory=list)
    staff_update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    staff_unchanged: int = 0
    deactivate: list[int] = field(default_factory=list)
    assign_create: list[dict[str, Any]] = field(default_factory=list)
    assign_update: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    assign_end: list[tuple[int, dt.date]] = field(default_factory=list)
    assign_unchanged: int = 0
    review: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, PersonChange] = field(default_factory=dict)  # sourcedId or "pk:N"
    person_pk: dict[str, int] = field(default_factory=dict)  # key → existing staff pk
    labels: dict[str, str] = field(default_factory=dict)  # key → "Name (employee id …)"
    skipped: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    checked_files: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    version: str = ""
    mode: str = ""
    errors: ErrorLog = field(default_factory=ErrorLog)
    warnings: ErrorLog = field(default_factory=ErrorLog)
    file_staff: int | None = None  # staff rows the files hold (for the safety check's cause)
    extra: dict[str, Any] = field(default_factory=dict)  # HR plan's own parts

    @property
    def has_changes(self) -> bool:
        return (
            any(
                c["create"] or c["update"] or c.get("deactivate") or c.get("end")
                for c in self.counts()["tables"].values()
            )
            or bool(self.review)
            or self.new_district is not None
        )

    def counts(self) -> dict[str, Any]:
        people = Counter(change.action for change in self.people.values())
        tables = self.extra.get("tables") if self.kind == "hr" else None
        return {
            "tables": tables
            or {
                "school years": {
                    "create": len(self.years_create),
                    "update": len(self.years_update),
                    "unchanged": self.years_unchanged,
                },
                "schools": {
                    "create": len(self.schools_create),
                    "update": len(self.schools_update),
                    "unchanged": self.schools_unchanged,
                },
                "staff": {
                    "create": len(self.staff_create),
                    "update": len(self.staff_update),
                    "unchanged": self.staff_unchanged,
                    "deactivate": len(self.deactivate),
                },
                "assignments": {
                    "create": len(self.assign_create),
                    "update": len(self.assign_update),
                    "unchanged": self.assign_unchanged,
                    "end": len(self.assign_end),
                },
            },
            "people_changed": sum(people.values()),
            "review": len(self.review),
            "skipped": dict(self.skipped),
            "counted_not_stored": dict(self.counted),
        }

    def samples(self, limit: int = SAMPLE_SIZE) -> list[dict[str, Any]]:
        """A sample of field-level diffs (updates first: they are what officers check)."""
        ordered = sorted(
            self.people.values(),
            key=lambda c: {"people.staff.update": 0, "people.staff.deactivate": 1}.get(c.action, 2),
        )
        return [
            {
                "person": c.label,
                "action": c.action,
                "changes": [
                    {"field": k, "before": _show(c.before.get(k)), "after": _show(c.after.get(k))}
                    for k in sorted(set(c.before) | set(c.after))
                ],
            }
            for c in ordered[:limit]
        ]

    def preview(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "samples": self.samples(),
            "notes": self.notes,
            "ignored_files": self.ignored_files,
            "checked_files": self.checked_files,
            "files": self.files,
            "review": self.review[:100],
            "version": self.version,
            "mode": self.mode,
            "district": self.district.name
            if self.district
            else (self.new_district or {}).get("name", ""),
            **{
                k: self.extra[k]
                for k in ("mapping", "headers", "needs_mapping", "needs_vocabulary")
                if k in self.extra
            },
        }


def _show(value: Any) -> str:
    """A value in the preview as a person reads it: a day as a letter writes it, yes and no
    rather than True and False (the preview is stored as text, so it is worded here)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return formatting.day(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def derived_employee_id(sourced_id: str) -> str:
    """An employee id for a person whose roster row has no ``identifier``."""
    if len(sourced_id) <= 64:
        return sourced_id
    return "or-" + hashlib.sha1(sourced_id.encode()).hexdigest()[:24]
