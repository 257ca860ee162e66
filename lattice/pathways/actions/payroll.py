"""The payroll export: one row per person placed on a date, as CSV or XLSX, reproducibly.

The same district, date and placement history always give byte-identical files: rows are
sorted by employee id, the XLSX workbook's creation/modification times are fixed to the
effective date, and the zip entries carry a fixed timestamp. Each export is audited with the
file's SHA-256 checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from lattice.audit.log import record
from lattice.lib.tabular import csv_bytes, xlsx_bytes
from lattice.pathways.models import PayrollExport, Placement
from lattice.people.models import District, StaffMember

COLUMNS = [
    "employee_id",
    "name",
    "standing",
    "policy",
    "base_salary",
    "supplements",
    "one_time_payments",
    "total",
    "effective_date_of_change",
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class PayrollRow:
    employee_id: str
    name: str
    standing: str
    policy: str
    base_salary: int
    supplements: int
    one_time: int
    effective_date: dt.date

    @property
    def total(self) -> int:
        return self.base_salary + self.supplements + self.one_time

    def values(self) -> list[Any]:
        return [
            self.employee_id,
            self.name,
            self.standing,
            self.policy,
            self.base_salary,
            self.supplements,
            self.one_time,
            self.total,
            self.effective_date.isoformat(),
        ]


def role_supplements(staff: StaffMember, on: dt.date) -> int:
    """Leadership-role supplements from the roles app, when it is installed."""
    try:
        from lattice.roles import queries as role_queries
    except ModuleNotFoundError as error:
        if error.name in ("lattice.roles", "lattice.roles.queries"):
            return 0
        raise
    supplements_for = getattr(role_queries, "supplements_for", None)
    if supplements_for is None:
        return 0
    value = supplements_for(staff, on)
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return int(value)
    return int(sum(getattr(item, "amount", item) for item in value))


def payroll_rows(district: District, effective_date: dt.date) -> list[PayrollRow]:
    """Each active person's placement in force on ``effective_date`` and when it changed."""
    history: dict[int, list[Placement]] = {}
    rows = (
        Placement.objects.filter(
            district=district,
            effective_on__lte=effective_date,
            staff_member__active=True,
        )
        .select_related("staff_member", "adoption")
        .order_by("staff_member_id", "effective_on", "id")
    )
    for row in rows:
        history.setdefault(row.staff_member_id, []).append(row)
    out = []
    for placements in history.values():
        current = placements[-1]
        # The effective date of change: when the current pay first took effect.
        since = current.effective_on
        for earlier in reversed(placements[:-1]):
            if (earlier.base_salary, earlier.standing_label) != (
                current.base_salary,
                current.standing_label,
            ):
                break
            since = earlier.effective_on
        staff = current.staff_member
        out.append(
            PayrollRow(
                employee_id=staff.employee_id,
                name=f"{staff.family_name}, {staff.given_name}",
                standing=current.standing_label,
                policy=f"{current.adoption.policy_key} v{current.adoption.version}",
                base_salary=current.base_salary,
                supplements=current.supplements + role_supplements(staff, effective_date),
                one_time=current.one_time + current.bonuses,
                effective_date=since,
            )
        )
    return sorted(out, key=lambda r: r.employee_id)


def render_csv(rows: list[PayrollRow]) -> bytes:
    return csv_bytes(COLUMNS, (row.values() for row in rows))


def render_xlsx(rows: list[PayrollRow], district: District, effective_date: dt.date) -> bytes:
    return xlsx_bytes(
        COLUMNS,
        (row.values() for row in rows),
        title=f"{district.name} payroll {effective_date.isoformat()}",
        sheet="Payroll",
        stamp=dt.datetime.combine(effective_date, dt.time()),
        widths=(14, 28, 28, 22, 13, 13, 18, 13, 24),
    )


@transaction.atomic
def export_payroll(
    actor: Any, district: District, *, effective_date: dt.date, file_format: str
) -> tuple[str, bytes, str]:
    """The payroll file (name, bytes, content type); audited with its checksum."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use csv or xlsx")
    rows = payroll_rows(district, effective_date)
    data = render_csv(rows) if file_format == "csv" else render_xlsx(rows, district, effective_date)
    checksum = hashlib.sha256(data).hexdigest()
    export = PayrollExport.objects.create(
        district=district,
        effective_date=effective_date,
        file_format=file_format,
        rows=len(rows),
        sha256=checksum,
        exported_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="pathways.export_payroll",
        obj=export,
        district=district,
        after={
            "effective_date": effective_date.isoformat(),
            "format": file_format,
            "rows": len(rows),
            "sha256": checksum,
        },
        summary=f"Payroll export {effective_date} ({file_format}, {len(rows)} rows)",
    )
    name = f"payroll-{district.key}-{effective_date.isoformat()}.{file_format}"
    return name, data, FORMATS[file_format]
