"""Undoing an applied import: one audited action that puts back every row the import wrote.

The run's journal (:mod:`lattice.imports.journal`) holds each created row and each changed
row's values before and after. Undo deletes what the import created and restores what it
changed — but only when nothing changed those rows since. It refuses, with the reasons, when:

- a later change is in the audit log for a person the import touched (another import, an
  officer's edit, a claim, a role given …); entries of derived projections that follow the
  import by themselves (actions registered as ``derived``, e.g. the roles app's HR sync:
  ``lattice.audit.names``) are not later changes: they follow the undo too;
- a row no longer holds what the import wrote (changed without an audit entry, e.g. by hand
  in the database), or was deleted;
- a row the import created is now referenced elsewhere (deleting it is refused);
- the import created the district itself, or a review item of it has been decided.

People the import added are not deleted (the append-only audit log keeps their history):
they are marked inactive, with everything else the import gave them removed. Everything
happens in one transaction; a refusal changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from lattice.audit import names as audit_names
from lattice.audit.log import record
from lattice.audit.models import AuditEntry
from lattice.imports.journal import SECTIONS, snapshot
from lattice.imports.models import ImportRun, ReviewItem
from lattice.lib import jobs
from lattice.lib.actors import Actor, signed_in
from lattice.lib.fields import model_field
from lattice.people.models import StaffMember

SHOWN = 8


class UndoRefused(RuntimeError):
    """The import cannot be undone; the message lists why."""


def _label(pk: int, names: dict[int, str]) -> str:
    return names.get(pk, f"staff #{pk}")


def _staff_of(section: str, pk: str, values: list[Any] | int | None) -> int | None:
    """The person a journal row belongs to (created rows store it; changed rows' values
    start with it)."""
    if section == "staff":
        return int(pk)
    if section in ("schools", "years"):
        return None
    if isinstance(values, list):
        return int(values[0]) if values and values[0] is not None else None
    return None if values is None else int(values)


def blockers(run: ImportRun) -> list[str]:
    """Why ``run`` cannot be undone now (empty when it can)."""
    journal = run.journal or {}
    sections = journal.get("sections")
    if run.status != ImportRun.Status.APPLIED or run.applied_at is None:
        return [f"the import is {run.get_status_display().lower()}, not applied"]
    if not sections:
        return ["this import has no record of the rows it wrote (nothing to undo)"]
    if journal.get("district_created"):
        return ["this import created the district itself; an administrator removes a district"]
    reasons: list[str] = []
    touched: set[int] = set()
    for section, part in sections.items():
        for pk, owner in part.get("created", {}).items():
            staff = _staff_of(section, pk, owner)
            if staff is not None:
                touched.add(staff)
        for pk, (_, after) in part.get("updated", {}).items():
            staff = _staff_of(section, pk, after)
            if staff is not None:
                touched.add(staff)
    later: Counter[tuple[int, str, str]] = Counter()
    for staff_id, action, actor, at in (
        AuditEntry.objects.filter(district=run.district, at__gt=run.applied_at)
        .exclude(staff_member=None)
        .values_list("staff_member_id", "action", "actor_label", "at")
        .iterator()
    ):
        if staff_id in touched and not audit_names.is_derived(action):
            # entries keep the name they were written under; the reason gives today's name
            later[(staff_id, audit_names.current_name(action), f"{actor} on {at:%Y-%m-%d}")] += 1
    # what each row holds now against what the import wrote
    changed: list[tuple[str, int | None, str]] = []
    for section, part in sections.items():
        created = part.get("created", {})
        updated = part.get("updated", {})
        now = snapshot(section, [int(pk) for pk in [*created, *updated]])
        for pk, staff in created.items():
            if int(pk) not in now:
                changed.append((section, _staff_of(section, pk, staff), "deleted"))
        for pk, (_, after) in updated.items():
            current = now.get(int(pk))
            if current != after:
                changed.append(
                    (
                        section,
                        _staff_of(section, pk, after),
                        "deleted" if current is None else "changed",
                    )
                )
    wanted = {k[0] for k in later} | {c[1] for c in changed if c[1] is not None}
    names = {
        s.pk: f"{s.display_name} (employee id {s.employee_id})"
        for s in StaffMember.objects.filter(pk__in=list(wanted)[:200])
    }
    for (staff_id, action, when), _ in sorted(later.items())[:SHOWN]:
        reasons.append(f"{_label(staff_id, names)} was changed later ({action} by {when})")
    if len(later) > SHOWN:
        reasons.append(f"{len(later) - SHOWN} more later changes to people this import touched")
    for section, changed_id, how in changed[:SHOWN]:
        who = f" of {_label(changed_id, names)}" if changed_id is not None else ""
        kind = section[:-1] if section != "staff" else "staff"
        reasons.append(f"a {kind} record{who} was {how} since the import")
    if len(changed) > SHOWN:
        reasons.append(f"{len(changed) - SHOWN} more rows no longer hold what the import wrote")
    decided = ReviewItem.objects.filter(run=run).exclude(status=ReviewItem.Status.OPEN).count()
    if decided:
        reasons.append(f"{decided} of its review-list rows have been decided since")
    return reasons


def _python(
    model: type[models.Model], fields: tuple[str, ...], values: list[Any]
) -> dict[str, Any]:
    out = {}
    for name, value in zip(fields, values, strict=True):
        field = model_field(model, name)
        if value is not None and isinstance(field, models.DateField | models.DecimalField):
            value = (
                dt.date.fromisoformat(value)
                if isinstance(field, models.DateField)
                else Decimal(value)
            )
        out[field.attname] = value
    return out


@transaction.atomic
def undo_import(actor: Actor, run: ImportRun) -> dict[str, int]:
    """Revert everything ``run`` wrote, in one transaction and one audit entry."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status == ImportRun.Status.UNDOING:
        run.status = ImportRun.Status.APPLIED  # the task's claim; checks read it as applied
    reasons = blockers(run)
    if reasons:
        raise UndoRefused("; ".join(reasons) + ".")
    counts: Counter[str] = Counter()
    sections = run.journal["sections"]
    for section, (model, fields) in SECTIONS.items():
        part = sections.get(section)
        if not part:
            continue
        created = [int(pk) for pk in part.get("created", {})]
        if created and section == "staff":
            # People are never deleted: the audit log keeps their history. Those the import
            # added are marked inactive (a later import that lists them reactivates them).
            for start in range(0, len(created), 1000):
                StaffMember.objects.filter(pk__in=created[start : start + 1000]).update(
                    active=False
                )
            counts["staff added by the import made inactive"] += len(created)
        elif created:
            try:
                with transaction.atomic():
                    for start in range(0, len(created), 1000):
                        model._default_manager.filter(pk__in=created[start : start + 1000]).delete()
            except (ProtectedError, IntegrityError):
                raise UndoRefused(
                    f"some {section} this import created are now used elsewhere in Lattice "
                    "(for example by a claim, a placement or a role); nothing was changed"
                ) from None
            counts[f"{section} removed"] += len(created)
        updated = part.get("updated", {})
        if updated:
            restored = [
                model(pk=int(pk), **_python(model, fields, before))
                for pk, (before, _) in updated.items()
            ]
            names = [model._meta.get_field(f).name for f in fields]
            model._default_manager.bulk_update(restored, names, batch_size=1000)
            counts[f"{section} restored"] += len(updated)
    ReviewItem.objects.filter(run=run, status=ReviewItem.Status.OPEN).delete()
    from lattice.imports.actions.apply import announce

    if run.district is not None:  # an applied run always has its district
        announce(run.district, run.journal)
    run.status = ImportRun.Status.UNDONE
    run.undone_at = timezone.now()
    run.undone_by = signed_in(actor)
    run.message = "Undone: every row this import wrote was put back as it was."
    run.save(update_fields=["status", "undone_at", "undone_by", "message"])
    ImportRun.objects.filter(pk=run.pk).update(**jobs.reset_lease())
    record(
        actor=actor,
        action="imports.run.undo",
        obj=run,
        district=run.district,
        before={"status": ImportRun.Status.APPLIED},
        after={"status": run.status, "counts": dict(counts)},
        summary=f"undid {run}: "
        + (", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing"),
    )
    return dict(counts)
