"""Reading an upload and planning it: the steps the CLI and the background task share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from lattice.imports.errors import ErrorLog
from lattice.imports.oneroster import Known, read_roster
from lattice.imports.package import PackageError, find_sources
from lattice.imports.plan import Plan
from lattice.imports.rosterplan import plan_roster
from lattice.people.models import District, School, StaffMember

Progress = Callable[[float, str], None]


def known_for(district: District | None) -> Known:
    if district is None:
        return Known()
    org_types = {
        sid: "school"
        for sid in School.objects.filter(district=district)
        .exclude(sourced_id="")
        .values_list("sourced_id", flat=True)
    }
    if district.sourced_id:
        org_types[district.sourced_id] = "district"
    staff = set(
        StaffMember.objects.filter(district=district)
        .exclude(sourced_id="")
        .values_list("sourced_id", flat=True)
    )
    return Known(staff_ids=staff, org_types=org_types)


def prepare_oneroster(
    path: str | Path,
    district: District | None,
    *,
    mode: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Read a OneRoster ZIP or folder and return the plan (errors inside, never raised)."""
    errors = ErrorLog()
    warnings = ErrorLog()
    try:
        sources = find_sources(path)
    except PackageError as exc:
        errors.add(Path(path).name, None, "", "", str(exc), "")
        return Plan(errors=errors, district=district)
    known = known_for(district) if (mode == "delta" or mode is None) else Known()
    roster = read_roster(
        sources, errors, mode=mode, known=known, progress=progress, warnings=warnings
    )
    if progress is not None:
        progress(0.99, "Comparing with Lattice")
    plan = plan_roster(roster, errors, district, today=today)
    plan.warnings = warnings
    return plan


def prepare_hr(
    path: str | Path,
    district: District,
    *,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Read an HR file (CSV/XLSX) and return the plan (errors inside, never raised)."""
    from lattice.imports.hr.plan import plan_hr

    if progress is not None:
        progress(0.05, "Reading the HR file")
    return plan_hr(Path(path), district, mapping or {}, progress=progress, today=today)
