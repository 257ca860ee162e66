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
from lattice.audit.names import require
from lattice.imports import safety
from lattice.imports.fastwrite import db_value, insert_rows
from lattice.imports.journal import Journal
from lattice.imports.models import ColumnMapping, ImportRun, ImportSettings, ReviewItem
from lattice.imports.plan import STAFF_COMPARED, Plan, rating_year
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


class ConfirmationNeeded(ImportRefused):
    """The plan would deactivate or end more than the district's limit; nothing was written.

    ``guard`` says how many, and the number the officer must confirm.
    """

    def __init__(self, guard: safety.Guard) -> None:
        super().__init__(
            f"{guard.message} To apply it anyway, confirm {guard.confirm_count:,} "
            f"({guard.confirm_what})."
        )
        self.guard = guard


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
    sync_info = run.preview.get("sync")
    run.preview = plan.preview()
    if choice is not None:
        run.preview["mapping_choice"] = choice
    if sync_info is not None:
        run.preview["sync"] = sync_info
    run.counts = plan.counts()
    run.errors = plan.errors.as_list()
    run.error_total = plan.errors.total
    run.warnings = plan.warnings.as_list()
    if not plan.errors:
        run.preview["guard"] = safety.check(plan).as_dict()
    run.expires_at = timezone.now() + dt.timedelta(
        days=safety.settings_for(plan.district or run.district).preview_days
    )
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
    """One audit entry per changed person (the columns :func:`record` fills), in bulk, and
    one per rating the import records, under the name an officer's rating gets
    (``people.rating.record``, with the same before and after)."""
    label = _actor_label(actor)
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    at = db_value(AuditEntry, "at", timezone.now())
    rating_action = require("people.rating.record")
    for action in {change.action for change in plan.people.values()}:
        require(action)
    rows = []

    def row(action: str, pk: int, person: str, before: Any, after: Any) -> tuple[Any, ...]:
        return (
            at, actor_id, label, action, district.pk, "people.StaffMember", str(pk),
            person[:300], pk, before, after, summary[:500],
        )  # fmt: skip

    for key, change in plan.people.items():
        pk = staff_pk.get(key) or plan.person_pk.get(key)
        if pk is None:
            continue
        ratings = sorted(k for k in {*change.before, *change.after} if rating_year(k))
        before = {k: v for k, v in change.before.items() if k not in ratings}
        after = {k: v for k, v in change.after.items() if k not in ratings}
        if before or after or not ratings:
            rows.append(row(change.action, pk, change.label, before, after))
        for k in ratings:
            was = {"rating": change.before[k]} if k in change.before else {}
            now = {"rating": change.after.get(k), "school_year": rating_year(k)}
            rows.append(row(rating_action, pk, change.label, was, now))
    insert_rows(AuditEntry, AUDIT_COLUMNS, rows, ready=frozenset({"at"}))


def _write_years_and_schools(
    plan: Plan, district: District, journal: Journal
) -> tuple[dict[str, int], dict[str, int]]:
    years = SchoolYear.objects.bulk_create(
        [SchoolYear(district=district, **fields) for fields in plan.years_create]
    )
    journal.created("years", [(y.pk, None) for y in years])
    updates = []
    for pk, fields in plan.years_update:
        updates.append(SchoolYear(pk=pk, district=district, label="", **fields))
    if updates:
        journal.before_update("years", [y.pk for y in updates])
        SchoolYear.objects.bulk_update(updates, ["start", "end", "sourced_id"])
        journal.after_update("years")
    schools = School.objects.bulk_create(
        [School(district=district, **fields) for fields in plan.schools_create], batch_size=BATCH
    )
    journal.created("schools", [(school.pk, None) for school in schools])
    by_fields: dict[tuple[str, ...], list[School]] = defaultdict(list)
    for pk, fields in plan.schools_update:
        by_fields[tuple(sorted(fields))].append(School(pk=pk, **fields))
    journal.before_update("schools", [pk for pk, _ in plan.schools_update])
    for names, changed in by_fields.items():
        School.objects.bulk_update(changed, list(names), batch_size=BATCH)
    journal.after_update("schools")
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


def _write_staff(plan: Plan, district: District, journal: Journal) -> dict[str, int]:
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
        journal.created("staff", [(staff_pk[f["sourced_id"]],) * 2 for f in plan.staff_create])
    updates = [StaffMember(pk=pk, district=district, **fields) for pk, fields in plan.staff_update]
    journal.before_update("staff", [pk for pk, _ in plan.staff_update] + plan.deactivate)
    if updates:
        StaffMember.objects.bulk_update(updates, list(STAFF_COMPARED), batch_size=BATCH)
    for chunk in _chunks(plan.deactivate):
        StaffMember.objects.filter(pk__in=chunk, district=district).update(active=False)
    journal.after_update("staff")
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
    plan: Plan,
    district: District,
    staff_pk: dict[str, int],
    year_pk: dict[str, int],
    school_pk: dict[str, int],
    journal: Journal,
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

    newest = (
        Assignment.objects.filter(staff_member__district=district)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
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
    if plan.assign_create:  # the rows this transaction inserted: new keys, our sourcedIds
        created = {f["sourced_id"] for f in plan.assign_create}
        journal.created(
            "assignments",
            [
                (pk, staff)
                for pk, staff, sid in Assignment.objects.filter(
                    staff_member__district=district, pk__gt=newest
                ).values_list("pk", "staff_member_id", "sourced_id")
                if sid in created
            ],
        )
    journal.before_update(
        "assignments", [pk for pk, _ in plan.assign_update] + [pk for pk, _ in plan.assign_end]
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
    journal.after_update("assignments")


def apply_plan(
    actor: Any,
    plan: Plan,
    run: ImportRun | None = None,
    *,
    confirmed: int | None = None,
) -> dict[str, Any]:
    """Write ``plan`` in one transaction and audit it; returns the counts.

    Raises :class:`ImportRefused` when the plan has errors, and
    :class:`ConfirmationNeeded` when it would deactivate or end more than the district's
    limit and ``confirmed`` (the officer's number) does not cover it; nothing is written.
    """
    if plan.errors:
        raise ImportRefused(f"{plan.errors.total} errors — correct the files and import again")
    guard = safety.check(plan)
    if not guard.allows(confirmed):
        raise ConfirmationNeeded(guard)
    counts = plan.counts()
    journal = Journal()
    with transaction.atomic():
        district = plan.district
        if plan.new_district is not None:
            district = District.objects.create(**plan.new_district)
            journal.district_created = True
            record(
                actor=actor,
                action="people.district.create",
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
                action="people.district.update",
                obj=district,
                district=district,
                before={"sourced_id": before},
                after={"sourced_id": district.sourced_id},
            )
        if plan.kind == "hr":
            from lattice.imports.hrplan import write_hr

            staff_pk = write_hr(plan, district, journal)
        else:
            year_pk, school_pk = _write_years_and_schools(plan, district, journal)
            staff_pk = _write_staff(plan, district, journal)
            _write_assignments(plan, district, staff_pk, year_pk, school_pk, journal)
        _announce(district, journal)
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
                action=f"imports.{plan.kind}.apply",
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
            run.journal = journal.as_dict()
            run.confirmed_removals = confirmed if guard.exceeded else run.confirmed_removals
            run.message = (
                "No changes: everything was already up to date." if not plan.has_changes else ""
            )
            run.failed_during = ""
            run.worker, run.lease_expires_at = "", None
            run.save()
    plan.district = district
    if run is not None and run.connection_id is not None:
        from lattice.imports.oneroster.sync import after_apply

        after_apply(run)
    return counts


def _touched_staff(journal: Journal | dict[str, Any], section: str) -> set[int]:
    """Staff ids a journal section's rows belong to (the staff section: its own ids)."""
    data = journal.sections if isinstance(journal, Journal) else journal.get("sections", {})
    part = data.get(section, {})
    created = {int(staff) for staff in part.get("created", {}).values() if staff is not None}
    updated = part.get("updated", {})
    if section == "staff":
        return created | {int(pk) for pk in updated}
    return created | {int(after[0]) for _, after in updated.values() if after[0] is not None}


def _announce(district: District, journal: Journal | dict[str, Any]) -> None:
    """Tell the facts-changed listeners what this write touched (roles, standings, pay)."""
    staff = _touched_staff(journal, "staff")
    sections = journal.sections if isinstance(journal, Journal) else journal.get("sections", {})
    created = {int(pk) for pk in sections.get("staff", {}).get("created", {})}
    for fact, section in (
        (Fact.ASSIGNMENT, "assignments"),
        (Fact.RATING, "ratings"),
        (Fact.DEGREE, "degrees"),
        (Fact.CERTIFICATE, "certificates"),
        (Fact.CREDIT, "credits"),
    ):
        ids = _touched_staff(journal, section)
        if ids:
            facts_changed(fact, district_id=district.pk, staff_ids=ids, reason="import")
    if created:
        facts_changed(Fact.HIRE, district_id=district.pk, staff_ids=created, reason="import")
    updated = sections.get("staff", {}).get("updated", {})
    exits = {int(pk) for pk, (old, new) in updated.items() if old[6] and not new[6]}
    if exits:
        facts_changed(Fact.EXIT, district_id=district.pk, staff_ids=exits, reason="import")
    if staff - created - exits:
        facts_changed(
            Fact.PERSON, district_id=district.pk, staff_ids=staff - created - exits, reason="import"
        )
    if sections.get("years", {}).get("created") or sections.get("years", {}).get("updated"):
        facts_changed(Fact.SCHOOL_YEAR, district_id=district.pk, reason="import")


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
                action="people.staff.update",
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
        action="imports.review_item.resolve",
        obj=item,
        district=item.district,
        staff_member=staff,
        before=before,
        after={"status": item.status, "sourced_id": item.sourced_id},
    )


@transaction.atomic
def save_rating_vocabulary(actor: Any, district: District, labels: list[str]) -> None:
    """Set the district's rating labels, lowest first (asked when an HR file has ratings and
    the district has no vocabulary yet). Audited."""
    cleaned = []
    for label in labels:
        label = " ".join(label.split())[:60]
        if label and label.lower() not in {c.lower() for c in cleaned}:
            cleaned.append(label)
    if len(cleaned) < 2:
        raise ValueError("list at least two ratings, lowest first, one a line")
    before = list(district.rating_labels)
    district.rating_labels = cleaned
    district.save(update_fields=["rating_labels"])
    record(
        actor=actor,
        action="people.rating_labels.update",
        obj=district,
        district=district,
        before={"rating_labels": before},
        after={"rating_labels": cleaned},
        summary="set from an HR import",
    )


SETTINGS_FIELDS = (
    "max_removal_percent",
    "max_removal_count",
    "preview_days",
    "file_retention_days",
)


@transaction.atomic
def save_import_settings(actor: Any, district: District, values: dict[str, Any]) -> ImportSettings:
    """Save the district's import safety limits and retention periods (audited)."""
    saved, _ = ImportSettings.objects.get_or_create(district=district)
    before = {f: str(getattr(saved, f)) for f in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(saved, name, values[name])
    saved.full_clean()
    saved.save()
    after = {f: str(getattr(saved, f)) for f in SETTINGS_FIELDS}
    if before != after:
        record(
            actor=actor,
            action="imports.settings.save",
            obj=saved,
            district=district,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return saved


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
            action="imports.column_mapping.save",
            obj=saved,
            district=district,
            before=before,
            after=mapping,
        )
    return saved


# The rest of the run's life, part of this one public surface.
from lattice.imports.lifecycle import (  # noqa: E402
    RunStateError,
    discard_run,
    queue_apply,
    reap,
    retry_run,
)

__all__ = [
    "ConfirmationNeeded",
    "ImportRefused",
    "RunStateError",
    "apply_plan",
    "choose_mapping",
    "create_run",
    "discard_run",
    "mark_run",
    "queue_apply",
    "reap",
    "resolve_review_item",
    "retry_run",
    "save_column_mapping",
    "save_import_settings",
    "save_rating_vocabulary",
    "set_progress",
    "store_preview",
]
