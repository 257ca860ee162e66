"""Applying a plan: one transaction that refuses a plan with errors (or over the safety
limits without the officer's number), writes in batches (no per-row queries), journals every
row for undo, announces the facts it changed, and leaves one audit entry for the import with
its counts plus one per changed person listing the changed fields (bulk-created, with the
same columns :func:`lattice.audit.log.record` fills)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import _actor_label, record  # one actor label for every entry
from lattice.audit.models import AuditEntry
from lattice.audit.names import require
from lattice.imports import safety
from lattice.imports.actions.hr import write_hr
from lattice.imports.actions.roster import (
    BATCH,
    write_assignments,
    write_staff,
    write_years_and_schools,
)
from lattice.imports.journal import Journal
from lattice.imports.models import ImportRun, ReviewItem
from lattice.imports.plan import Plan, rating_year
from lattice.lib.actors import Actor, signed_in
from lattice.lib.bulk import db_value, insert_rows
from lattice.lib.facts import Fact, facts_changed
from lattice.people.models import District


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
    actor: Actor, district: District, plan: Plan, staff_pk: dict[str, int], summary: str
) -> None:
    """One audit entry per changed person (the columns :func:`record` fills), in bulk, and
    one per rating the import records, under the name an officer's rating gets
    (``people.rating.record``, with the same before and after)."""
    label = _actor_label(actor)
    actor_id = user.pk if (user := signed_in(actor)) is not None else None
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


def apply_plan(
    actor: Actor,
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
            staff_pk = write_hr(plan, district, journal)
        else:
            year_pk, school_pk = write_years_and_schools(plan, district, journal)
            staff_pk = write_staff(plan, district, journal)
            write_assignments(plan, district, staff_pk, year_pk, school_pk, journal)
        announce(district, journal)
        if run is not None:
            run.district = district
            ReviewItem.objects.bulk_create(
                [
                    ReviewItem(
                        run=run,
                        district=district,
                        kind=item.get("kind", ReviewItem.Kind.ONEROSTER),
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
            run.applied_by = signed_in(actor)
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


def announce(district: District, journal: Journal | dict[str, Any]) -> None:
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
