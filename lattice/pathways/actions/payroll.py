"""The payroll export: every pay line of every person paid on a date, as CSV or XLSX.

The lines are the ones "My path" shows: :func:`lattice.lib.pay.pay_lines` gathers them from
every app that pays (the pathways app's base salary, supplements, bonuses and one-time
payments from each standing; the roles app's stipends), one query per district per kind.
Payroll refuses to export while any teacher's standing is stale or not placed, listing each
with why and the fix, unless the officer explicitly exports with them left out — which the
audit entry records, name by name.

The same district, date and facts always give byte-identical files: rows are sorted by
employee id and line, and ``lattice.lib.tabular`` writes reproducible CSV and XLSX (fixed
timestamps, formula-safe cells). Each export is audited with the file's SHA-256 checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.pay import PayLine, pay_lines, total
from lattice.lib.tabular import csv_bytes, xlsx_bytes
from lattice.pathways.models import PayrollExport, Placement, StandingStatus
from lattice.pathways.queries import read_once, standings_for
from lattice.people.models import District, StaffMember

COLUMNS = [
    "employee_id",
    "name",
    "standing",
    "policy",
    "pay_kind",
    "pay_line",
    "amount",
    "annual_total",
    "explanation",
    "reference",
    "effective_date_of_change",
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FIX_STALE = "wait a minute for the recompute, or press “Recompute now” on the payroll page"


@dataclass(frozen=True)
class Blocker:
    """A teacher payroll cannot stand behind: who, why, and what fixes it."""

    staff_id: int
    employee_id: str
    name: str
    why: str
    fix: str

    def as_dict(self) -> dict[str, Any]:
        return {"employee_id": self.employee_id, "name": self.name, "why": self.why,
                "fix": self.fix}  # fmt: skip


@dataclass(frozen=True)
class PayrollRow:
    employee_id: str
    name: str
    standing: str
    policy: str
    line: PayLine
    annual_total: int
    effective_date: dt.date | None

    def values(self) -> list[Any]:
        return [
            self.employee_id,
            self.name,
            self.standing,
            self.policy,
            self.line.kind.value,
            self.line.label,
            self.line.amount,
            self.annual_total,
            self.line.explanation,
            self.line.reference,
            self.effective_date.isoformat() if self.effective_date else "",
        ]


@dataclass
class Payroll:
    """What an export on ``on`` would hold: the rows, and who blocks it."""

    district: District
    on: dt.date
    rows: list[PayrollRow] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    lines_by_staff: dict[int, list[PayLine]] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return len(self.lines_by_staff)

    @property
    def total(self) -> int:
        return sum(total(lines) for lines in self.lines_by_staff.values())


class PayrollBlocked(ValidationError):
    """Some teachers' standings are stale or not placed; nothing was exported."""

    def __init__(self, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        super().__init__(
            f"{len(blockers)} teachers' pay cannot be exported yet: "
            + "; ".join(f"{b.name} ({b.employee_id}): {b.why}" for b in blockers[:5])
            + ("…" if len(blockers) > 5 else "")
        )


def _changes(district: District, on: dt.date) -> dict[int, dt.date]:
    """When each person's current standing and base pay first took effect (their history)."""
    since: dict[int, dt.date] = {}
    last: dict[int, tuple[Any, ...]] = {}
    for staff_id, effective, label, pathway, interval, step, lane, base in (
        Placement.objects.filter(district=district, effective_on__lte=on)
        .order_by("staff_member_id", "effective_on", "id")
        .values_list(
            "staff_member_id", "effective_on", "pathway_name", "pathway", "interval", "step",
            "lane", "base_salary",
        )
    ):  # fmt: skip
        key = (label or pathway, interval, step, lane, base)
        if last.get(staff_id) != key:
            since[staff_id] = effective
            last[staff_id] = key
    return since


def payroll(district: District, on: dt.date) -> Payroll:
    """The export for ``on``: every pay line of every person paid, and the blockers."""
    with read_once():
        return _payroll(district, on)


def _payroll(district: District, on: dt.date) -> Payroll:
    out = Payroll(district, on)
    reads = standings_for(district, on, light=True)
    lines = pay_lines(district.pk, on)
    people = {
        pk: (employee, f"{family}, {given}")
        for pk, employee, family, given in StaffMember.objects.filter(
            pk__in=set(lines) | set(reads)
        ).values_list("pk", "employee_id", "family_name", "given_name")
    }
    for staff_id, read in reads.items():
        employee, name = people.get(staff_id, ("", ""))
        standing = read.standing
        if standing is not None and standing.status == StandingStatus.PENDING:
            continue
        if standing is None or not read.fresh:
            out.blockers.append(Blocker(staff_id, employee, name, read.why, FIX_STALE))
        elif standing.status == StandingStatus.UNPLACED:
            out.blockers.append(Blocker(staff_id, employee, name, standing.problem, standing.fix))
    out.blockers.sort(key=lambda b: (b.name, b.employee_id))
    since = _changes(district, on)
    for staff_id, person_lines in lines.items():
        employee, name = people.get(staff_id, ("", ""))
        found = reads.get(staff_id)
        standing = found.standing if found is not None else None
        label = standing.standing_label if standing is not None and found and found.placed else ""
        policy = standing.policy_label if standing is not None and found and found.placed else ""
        annual = total(person_lines)
        out.lines_by_staff[staff_id] = person_lines
        for line in person_lines:
            out.rows.append(
                PayrollRow(employee, name, label, policy, line, annual, since.get(staff_id))
            )
    out.rows.sort(key=lambda r: (r.employee_id, r.line.sort_key))
    return out


def render_csv(rows: list[PayrollRow]) -> bytes:
    return csv_bytes(COLUMNS, (row.values() for row in rows))


def render_xlsx(rows: list[PayrollRow], district: District, effective_date: dt.date) -> bytes:
    return xlsx_bytes(
        COLUMNS,
        (row.values() for row in rows),
        title=f"{district.name} payroll {effective_date.isoformat()}",
        sheet="Payroll",
        stamp=dt.datetime.combine(effective_date, dt.time()),
        widths=(14, 28, 28, 22, 11, 34, 12, 13, 60, 34, 24),
    )


@transaction.atomic
def export_payroll(
    actor: Actor,
    district: District,
    *,
    effective_date: dt.date,
    file_format: str,
    exclude_blocked: bool = False,
) -> tuple[str, bytes, str]:
    """The payroll file (name, bytes, content type); audited with its checksum.

    Raises :class:`PayrollBlocked` while any teacher's standing is stale or not placed,
    unless ``exclude_blocked`` (the officer chose to leave them out, each audited).
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; use csv or xlsx")
    plan = payroll(district, effective_date)
    if plan.blockers and not exclude_blocked:
        raise PayrollBlocked(plan.blockers)
    left_out = {b.staff_id for b in plan.blockers}
    rows = [row for row in plan.rows if row.line.staff_id not in left_out]
    data = render_csv(rows) if file_format == "csv" else render_xlsx(rows, district, effective_date)
    checksum = hashlib.sha256(data).hexdigest()
    excluded = [b.as_dict() for b in plan.blockers]
    per_person: dict[str, int] = defaultdict(int)
    for row in rows:
        per_person[row.employee_id] += row.line.amount
    export = PayrollExport.objects.create(
        district=district,
        effective_date=effective_date,
        file_format=file_format,
        rows=len(rows),
        sha256=checksum,
        excluded=excluded,
        exported_by=signed_in(actor),
    )
    record(
        actor=actor,
        action="pathways.payroll.export",
        obj=export,
        district=district,
        after={
            "effective_date": effective_date.isoformat(),
            "format": file_format,
            "rows": len(rows),
            "people": len(per_person),
            "total": sum(per_person.values()),
            "sha256": checksum,
            "excluded": excluded,
        },
        summary=f"Payroll export {effective_date} ({file_format}, {len(per_person)} people, "
        f"{len(rows)} lines" + (f", {len(excluded)} left out" if excluded else "") + ")",
    )
    name = f"payroll-{district.key}-{effective_date.isoformat()}.{file_format}"
    return name, data, FORMATS[file_format]
