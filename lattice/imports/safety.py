"""The safety check: an import that would deactivate or end many records needs a deliberate yes.

A roster import may deactivate staff (bulk files, ``tobedeleted`` rows) and end assignments.
When either count is above the district's limit — more than ``max_removal_percent`` of the
district's active staff (or open assignments), or more than ``max_removal_count`` — the run
stops at its preview with a warning naming the counts and the likely cause, and applies only
when the officer types the number (web) or passes ``--allow-deactivate N`` (CLI, N at least
the number). The same check guards the scheduled REST sync.

The number to confirm is the staff deactivated when that is over the limit, else the
assignments ended: one figure an officer can read off the warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from lattice.imports.models import ImportSettings
from lattice.imports.plan import Plan
from lattice.people.models import Assignment, District, StaffMember


def settings_for(district: District | None) -> ImportSettings:
    """The district's import settings, or the documented defaults when none are saved."""
    if district is None or district.pk is None:
        return ImportSettings()
    return ImportSettings.objects.filter(district=district).first() or ImportSettings(
        district=district
    )


@dataclass(frozen=True)
class Guard:
    """The safety check's verdict for one plan (JSON-ready through :meth:`as_dict`)."""

    staff_removed: int
    staff_active: int
    assignments_ended: int
    assignments_open: int
    limit_percent: str
    limit_count: int | None
    exceeded: bool
    confirm_count: int
    confirm_what: str
    cause: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guard:
        return cls(**data)

    @property
    def message(self) -> str:
        parts = []
        if self.staff_removed:
            parts.append(
                f"deactivate {self.staff_removed:,} of {self.staff_active:,} active staff "
                f"({_share(self.staff_removed, self.staff_active)})"
            )
        if self.assignments_ended:
            parts.append(
                f"end {self.assignments_ended:,} of {self.assignments_open:,} open assignments "
                f"({_share(self.assignments_ended, self.assignments_open)})"
            )
        limit = f"{self.limit_percent}%"
        if self.limit_count is not None:
            limit += f" or {self.limit_count:,}"
        return (
            f"This import would {' and '.join(parts)} — more than the district's limit of {limit}."
        )

    def allows(self, confirmed: int | None) -> bool:
        """Whether the officer's number lets the plan through."""
        return not self.exceeded or (confirmed is not None and confirmed >= self.confirm_count)


def _share(part: int, whole: int) -> str:
    if not whole:
        return "all"
    return f"{Decimal(100 * part) / whole:.1f}%"


def _over(count: int, total: int, settings: ImportSettings) -> bool:
    if not count:
        return False
    if settings.max_removal_count is not None and count > settings.max_removal_count:
        return True
    return Decimal(count) * 100 > Decimal(settings.max_removal_percent) * total


def removed_staff(plan: Plan) -> int:
    """People the plan would make inactive (bulk absences and ``tobedeleted`` rows)."""
    return sum(
        1
        for change in plan.people.values()
        if change.before.get("active") is True and change.after.get("active") is False
    )


def _cause(plan: Plan, staff_active: int, removed: int) -> str:
    sent = plan.file_staff
    if plan.mode == "delta":
        return (
            f"The file marks {removed:,} people as tobedeleted or disabled. If that is not "
            "intended, correct the export before applying."
        )
    if sent == 0:
        return (
            "The file lists no staff at all — an empty export, or a template with headers only. "
            "Export the full roster again."
        )
    if sent is not None and sent < staff_active:
        return (
            f"The file lists {sent:,} staff while Lattice has {staff_active:,} active: it looks "
            "like a partial file sent as a bulk (whole-roster) import. If it holds only changes, "
            "import it in delta mode instead."
        )
    return (
        "Many people are missing from this roster. Check that the export covers every school "
        "before applying."
    )


def check(plan: Plan, today: dt.date | None = None) -> Guard:
    """The safety check of ``plan`` against its district's limits (two counting queries)."""
    district = plan.district
    settings = settings_for(district)
    today = today or dt.date.today()
    staff_active = assignments_open = 0
    if district is not None and district.pk is not None:
        staff_active = StaffMember.objects.filter(district=district, active=True).count()
        assignments_open = (
            Assignment.objects.filter(staff_member__district=district)
            .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
            .count()
        )
    removed = removed_staff(plan) if plan.kind == "oneroster" else 0
    ended = len(plan.assign_end)
    staff_over = _over(removed, staff_active, settings)
    assignments_over = _over(ended, assignments_open, settings)
    exceeded = staff_over or assignments_over
    confirm, what = (removed, "staff deactivated") if staff_over else (ended, "assignments ended")
    return Guard(
        staff_removed=removed,
        staff_active=staff_active,
        assignments_ended=ended,
        assignments_open=assignments_open,
        limit_percent=f"{Decimal(str(settings.max_removal_percent)).normalize():f}",
        limit_count=settings.max_removal_count,
        exceeded=exceeded,
        confirm_count=confirm if exceeded else 0,
        confirm_what=what if exceeded else "",
        cause=_cause(plan, staff_active, removed) if exceeded else "",
    )


def parse_confirmation(text: str) -> int | None:
    """The officer's typed number ("1,137", "1137", " 1 137 "), or None if not a number."""
    cleaned = text.replace(",", "").replace(" ", "").replace("\u202f", "").strip()
    return int(cleaned) if cleaned.isdigit() else None
