"""The only place imports write: applying a plan, keeping run records, review decisions.

:func:`apply_plan` is one transaction: it refuses a plan with errors, and any failure while
writing rolls everything back. It writes in batches (no per-row queries) and leaves one
audit entry for the import with its counts plus one per changed person listing the changed
fields (bulk-created, with the same columns :func:`lattice.audit.log.record` fills).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import _actor_label, record  # one actor label for every entry
from lattice.audit.models import AuditEntry
from lattice.imports.fastwrite import db_value, insert_rows
from lattice.imports.models import ColumnMapping, ImportRun, ReviewItem
from lattice.imports.plan import STAFF_COMPARED, Plan
from lattice.lib.facts import Fact, facts_changed
from lattice.people.models import (
    Assignment,
    District,
    School,
    SchoolYear,
    StaffMember,
)

BATCH = 1000
T = TypeVar("T")


class ImportRefused(RuntimeError):
    """The plan has errors; nothing was written."""


def _chunks(items: list[T], size: int = BATCH) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- run bookkeeping ----------------------------------------------------------------------


def create_run(
    actor: Any,
    *,
    kind: str,
    district: District | None,
    origin: str,
    file_names: Iterable[str],
    mode: str = "",
    storage: str = "",
    mapping: dict[str, str] | None = None,
) -> ImportRun:
    return ImportRun.objects.create(
        kind=kind,
        district=district,
        origin=origin,
        file_names=list(file_names),
        mode=mode,
        storage=storage,
        preview={"mapping_choice": mapping} if mapping is not None else {},
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def set_progress(run_id: int, fraction: float, label: str) -> None:
    """Store parse progress on the run (outside any transaction, so pollers see it)."""
    ImportRun.objects.filter(pk=run_id).update(
        progress=round(fraction, 3), progress_label=label[:120]
    )


def store_preview(run: ImportRun, plan: Plan) -> None:
    """Keep the preview and errors on the run; status says whether it can be applied.

    The officer's column-mapping choice (HR files) is kept across re-reads.
    """
    choice = run.preview.get("mapping_choice")
    run.preview = plan.preview()
    if choice is not None:
        run.preview["mapping_choice"] = choice
    run.counts = plan.counts()
    run.errors = plan.errors.as_list()
    run.error_total = plan.errors.total
    run.version = plan.version
    run.mode = plan.mode
    run.progress = 1
    run.progress_label = "Done"
    if plan.extra.get("needs_mapping"):
        run.status = ImportRun.Status.NEEDS_MAPPING
    elif plan.errors:
        run.status = ImportRun.Status.INVALID
    else:
        run.status = ImportRun.Status.READY
    if plan.district is not None and run.district_id is None:
        run.district = plan.district
    run.save()


def choose_mapping(run: ImportRun, mapping: dict[str, str]) -> None:
    """Record the officer's column mapping for an HR run and queue it to be read again."""
    run.preview = {"mapping_choice": mapping}
    run.status = ImportRun.Status.QUEUED
    run.progress = 0
    run.save(update_fields=["preview", "status", "progress"])


def mark_run(run: ImportRun, status: str, message: str = "") -> None:
    run.status = status
    run.message = message[:500]
    run.save(update_fields=["status", "message"])


# --- applying -----------------------------------------------------------------------------


AUDIT_COLUMNS = [
    "at",
    "actor",
    "actor_label",
    "action",
    "district",
    "object_type",
    "object_id",
    "object_label",
    "staff_member",
    "before",
    "after",
    "summary",
]


def _audit_people(
    actor: Any, district: District, plan: Plan, staff_pk: dict[str, int], summary: str
) -> None:
    """One audit entry per changed person (the columns :func:`record` fills), in bulk."""
    label = _actor_label(actor)
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    at = db_value(AuditEntry, "at", timezone.now())
    rows = []
    for key, change in plan.people.items():
        pk = staff_pk.get(key) or plan.person_pk.get(key)
        if pk is None:
            continue
        rows.append(
            (
                at,
                actor_id,
                label,
                change.action,
                district.pk,
                "people.StaffMember",
                str(pk),
                change.label[:300],
                pk,
                change.before,
                change.after,
                summary[:500],
            )
        )
    insert_rows(AuditEntry, AUDIT_COLUMNS, rows, ready=frozenset({"at"}))


def _write_years_and_schools(
    plan: Plan, district: District
) -> tuple[dict[str, int], dict[str, int]]:
    SchoolYear.objects.bulk_create(
        [SchoolYear(district=district, **fields) for fields in plan.years_create]
    )
    updates = []
    for pk, fields in plan.years_update:
        updates.append(SchoolYear(pk=pk, district=district, label="", **fields))
    if updates:
        SchoolYear.objects.bulk_update(updates, ["start", "end", "sourced_id"])
    School.objects.bulk_create(
        [School(district=district, **fields) for fields in plan.schools_create], batch_size=BATCH
    )
    by_fields: dict[tuple[str, ...], list[School]] = defaultdict(list)
    for pk, fields in plan.schools_update:
        by_fields[tuple(sorted(fields))].append(School(pk=pk, **fields))
    for names, schools in by_fields.items():
        School.objects.bulk_update(schools, list(names), batch_size=BATCH)
    year_pk = dict(SchoolYear.objects.filter(district=district).values_list("label", "pk"))
    school_pk = dict(
        School.objects.filter(district=district)
        .exclude(sourced_id="")
        .values_list("sourced_id", "pk")
    )
    return year_pk, school_pk


STAFF_COLUMNS = [
    "district",
    "employee_id",
    "sourced_id",
    "given_name",
    "family_name",
    "preferred_name",
    "email",
    "active",
    "prior_years_experience",
]


def _write_staff(plan: Plan, district: District) -> dict[str, int]:
    insert_rows(
        StaffMember,
        STAFF_COLUMNS,
        (
            (
                district.pk,
                f["employee_id"],
                f["sourced_id"],
                f["given_name"],
                f["family_name"],
                f["preferred_name"],
                f["email"],
                f["active"],
                0,
            )
            for f in plan.staff_create
        ),
    )
    staff_pk = dict(plan.person_pk)
    if plan.staff_create:
        staff_pk.update(
            StaffMember.objects.filter(district=district)
            .exclude(sourced_id="")
            .values_list("sourced_id", "pk")
        )
    updates = [StaffMember(pk=pk, district=district, **fields) for pk, fields in plan.staff_update]
    if updates:
        StaffMember.objects.bulk_update(updates, list(STAFF_COMPARED), batch_size=BATCH)
    for chunk in _chunks(plan.deactivate):
        StaffMember.objects.filter(pk__in=chunk, district=district).update(active=False)
    return staff_pk


ASSIGNMENT_COLUMNS = [
    "staff_member",
    "school",
    "school_year",
    "position",
    "title",
    "subject",
    "grades",
    "fte",
    "begin_date",
    "end_date",
    "sourced_id",
]


def _write_assignments(
    plan: Plan, staff_pk: dict[str, int], year_pk: dict[str, int], school_pk: dict[str, int]
) -> None:
    def build(fields: dict[str, Any], pk: int | None = None) -> Assignment:
        return Assignment(
            pk=pk,
            staff_member_id=staff_pk[fields["staff"]],
            school_id=school_pk[fields["school"]],
            school_year_id=year_pk[fields["school_year"]],
            position=fields["position"],
            title=fields["title"],
            begin_date=fields["begin_date"],
            end_date=fields["end_date"],
            sourced_id=fields.get("sourced_id", ""),
        )

    insert_rows(
        Assignment,
        ASSIGNMENT_COLUMNS,
        (
            (
                staff_pk[f["staff"]],
                school_pk[f["school"]],
                year_pk[f["school_year"]],
                f["position"],
                f["title"],
                "",
                "",
                Decimal("1.00"),
                f["begin_date"],
                f["end_date"],
                f["sourced_id"],
            )
            for f in plan.assign_create
        ),
    )
    if plan.assign_update:
        Assignment.objects.bulk_update(
            [build(f, pk) for pk, f in plan.assign_update],
            [
                "staff_member",
                "school",
                "school_year",
                "position",
                "title",
                "begin_date",
                "end_date",
                "sourced_id",
            ],
            batch_size=BATCH,
        )
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for pk, day in plan.assign_end:
        by_day[day].append(pk)
    for day, pks in by_day.items():
        for chunk in _chunks(pks):
            Assignment.objects.filter(pk__in=chunk).update(end_date=day)


def apply_plan(actor: Any, plan: Plan, run: ImportRun | None = None) -> dict[str, Any]:
    """Write ``plan`` in one transaction and audit it; returns the counts.

    Raises :class:`ImportRefused` when the plan has errors (nothing is written).
    """
    if plan.errors:
        raise ImportRefused(f"{plan.errors.total} errors — correct the files and import again")
    counts = plan.counts()
    with transaction.atomic():
        district = plan.district
        if plan.new_district is not None:
            district = District.objects.create(**plan.new_district)
            record(
                actor=actor,
                action="district.create",
                obj=district,
                district=district,
                after=dict(plan.new_district),
                summary="created by a OneRoster import",
            )
        assert district is not None
        if plan.district_sourced_id and district.sourced_id != plan.district_sourced_id:
            before = district.sourced_id
            district.sourced_id = plan.district_sourced_id
            district.save(update_fields=["sourced_id"])
            record(
                actor=actor,
                action="district.update",
                obj=district,
                district=district,
                before={"sourced_id": before},
                after={"sourced_id": district.sourced_id},
            )
        if plan.kind == "hr":
            from lattice.imports.hrplan import write_hr

            staff_pk = write_hr(plan, district)
        else:
            year_pk, school_pk = _write_years_and_schools(plan, district)
            staff_pk = _write_staff(plan, district)
            _write_assignments(plan, staff_pk, year_pk, school_pk)
            # New hires, exits and assignments are facts the rules engine reads.
            facts_changed(
                Fact.ASSIGNMENT,
                district_id=district.pk,
                staff_ids={staff_pk[f["staff"]] for f in plan.assign_create}
                | {pk for k in plan.people if (pk := staff_pk.get(k) or plan.person_pk.get(k))}
                | set(plan.deactivate),
                reason=f"OneRoster import {', '.join(plan.files)}"[:200],
            )
        if run is not None:
            run.district = district
            ReviewItem.objects.bulk_create(
                [
                    ReviewItem(
                        run=run,
                        district=district,
                        sourced_id=item["sourced_id"],
                        file=item["file"],
                        line=item["line"],
                        name=item["name"][:210],
                        email=item["email"][:254],
                        identifier=item["identifier"][:64],
                        reason=item["reason"][:300],
                        candidates=item["candidates"],
                    )
                    for item in plan.review
                ],
                batch_size=BATCH,
            )
        summary = f"{plan.kind} import" + (f" #{run.pk}" if run is not None else "")
        _audit_people(actor, district, plan, staff_pk, summary)
        if plan.has_changes:
            record(
                actor=actor,
                action=f"import.{plan.kind}",
                obj=run,
                district=district,
                after={"counts": counts, "files": plan.files, "mode": plan.mode},
                summary=f"{summary}: {_count_line(counts)}",
            )
        if run is not None:
            run.status = ImportRun.Status.APPLIED
            run.applied_at = timezone.now()
            run.applied_by = actor if getattr(actor, "pk", None) else None
            run.counts = counts
            run.message = (
                "No changes: everything was already up to date." if not plan.has_changes else ""
            )
            run.save()
    plan.district = district
    return counts


def _count_line(counts: dict[str, Any]) -> str:
    parts = []
    for table, c in counts["tables"].items():
        changed = {k: v for k, v in c.items() if v and k != "unchanged"}
        if changed:
            parts.append(f"{table}: " + ", ".join(f"{v} {k}" for k, v in changed.items()))
    return "; ".join(parts) or "no changes"


# --- review list and mappings -------------------------------------------------------------


@transaction.atomic
def resolve_review_item(actor: Any, item: ReviewItem, *, staff: StaffMember | None) -> None:
    """Link a review row to ``staff`` or (``staff=None``) confirm it is a new person."""
    before = {"status": item.status}
    if staff is not None:
        if staff.district_id != item.district_id:
            raise ValueError("that person is in another district")
        item.status = ReviewItem.Status.LINKED
        item.linked_staff = staff
        if staff.sourced_id != item.sourced_id:
            old = staff.sourced_id
            if StaffMember.objects.filter(
                district_id=item.district_id, sourced_id=item.sourced_id
            ).exists():
                raise ValueError("another person already has that OneRoster id")
            staff.sourced_id = item.sourced_id
            staff.save(update_fields=["sourced_id"])
            record(
                actor=actor,
                action="staff.update",
                obj=staff,
                district=staff.district,
                staff_member=staff,
                before={"sourced_id": old},
                after={"sourced_id": staff.sourced_id},
                summary="linked from the import review list",
            )
    else:
        item.status = ReviewItem.Status.NEW
    item.resolved_by = actor if getattr(actor, "pk", None) else None
    item.resolved_at = timezone.now()
    item.save()
    if staff is not None:
        facts_changed(
            Fact.PERSON, district_id=item.district_id, staff_ids=[staff.pk], reason="import review"
        )
    record(
        actor=actor,
        action="import.review_resolve",
        obj=item,
        district=item.district,
        staff_member=staff,
        before=before,
        after={"status": item.status, "sourced_id": item.sourced_id},
    )


@transaction.atomic
def save_column_mapping(
    actor: Any, district: District, mapping: dict[str, str], kind: str = "hr"
) -> ColumnMapping:
    saved, _ = ColumnMapping.objects.get_or_create(district=district, kind=kind)
    before = dict(saved.mapping)
    if before != mapping:
        saved.mapping = mapping
        saved.save()
        record(
            actor=actor,
            action="import.mapping_save",
            obj=saved,
            district=district,
            before=before,
            after=mapping,
        )
    return saved
