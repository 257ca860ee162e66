"""HR positions → role assignments: saving the reviewed mapping, and the sync that makes the
district's role assignments follow its HR positions.

The sync creates role assignments only through :func:`assign_role` (ordinary
``RoleAssignment`` rows, so coverage, "Roles you hold" and the pay lines see them), links each
to the HR position it follows, adopts a hand-made assignment of the same person, role and
year instead of duplicating it, and ends the ones it made when their HR position goes. It
never touches a role assignment that no HR position made or adopted: those are listed as
conflicts for the officer. Its writes audit under actions registered as ``derived``
(``roles.assignment.*_from_hr``, :mod:`lattice.roles.audited`), so undoing the import that
caused them is not blocked by them (they follow the undo by themselves).

It runs when imports announce ``Fact.ASSIGNMENT`` (see :mod:`lattice.roles.apps`), and when an
officer saves the mapping or asks for it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact, facts_changed
from lattice.people.models import District, Position, School, StaffMember
from lattice.roles import hr
from lattice.roles.actions.assignments import assign_role
from lattice.roles.actions.common import RoleError
from lattice.roles.models import (
    AssignmentStatus,
    HrRoleLink,
    HrSyncState,
    LeadershipRole,
    PositionMapping,
    RoleAssignment,
)


@dataclass
class HrSyncReport:
    created: int = 0
    adopted: int = 0
    updated: int = 0
    ended: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "adopted": self.adopted,
            "updated": self.updated,
            "ended": self.ended,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
        }

    @property
    def line(self) -> str:
        parts = [
            f"{n} {what}"
            for what, n in (
                ("created", self.created),
                ("adopted", self.adopted),
                ("updated", self.updated),
                ("ended", self.ended),
                ("unchanged", self.unchanged),
            )
            if n
        ]
        return ", ".join(parts) or "nothing to do"


@transaction.atomic
def save_position_mappings(
    actor: Actor,
    district: District,
    rows: list[tuple[str, str, LeadershipRole | None]],
) -> list[PositionMapping]:
    """Replace the district's mapping with ``rows`` of (position, title contains, role or None
    for "not a leadership role"), as reviewed by ``actor``; then sync."""
    valid = {code for code, _ in Position.choices}
    seen: set[tuple[str, str]] = set()
    for position, title, role in rows:
        if position not in valid:
            raise RoleError(f"position: {position!r} is not an HR position Lattice knows.")
        if role is not None and role.district_id != district.pk:
            raise RoleError("role: choose a role of this district's catalogue.")
        key = (position, title.strip().lower())
        if key in seen:
            raise RoleError(f"{dict(Position.choices)[position]}: map each title only once.")
        seen.add(key)
    before = {str(m): m.role_id for m in PositionMapping.objects.filter(district=district)}
    PositionMapping.objects.filter(district=district).delete()
    now = timezone.now()
    saved = PositionMapping.objects.bulk_create(
        [
            PositionMapping(
                district=district,
                position=position,
                title_contains=title.strip()[:120],
                role=role,
                reviewed_by=signed_in(actor),
                reviewed_at=now,
            )
            for position, title, role in rows
        ]
    )
    record(
        actor=actor,
        action="roles.position_mapping.save",
        district=district,
        before={"rules": sorted(before)},
        after={"rules": sorted(str(m) for m in saved)},
        summary=f"reviewed the mapping of HR positions to roles ({len(saved)} rules)",
    )
    request_hr_sync(district.pk)
    return saved


def request_hr_sync(district_id: int) -> None:
    """Mark the district's HR role sync due and run it once the writer's transaction commits.

    Cheap (one UPDATE) and safe to call many times in one transaction: the task runs the sync
    only while the mark is set, so repeated requests sync once.
    """
    updated = HrSyncState.objects.filter(district_id=district_id).update(
        pending_since=timezone.now()
    )
    if not updated:
        HrSyncState.objects.get_or_create(
            district_id=district_id, defaults={"pending_since": timezone.now()}
        )

    def enqueue() -> None:
        from lattice.roles.tasks import sync_hr_roles_task

        sync_hr_roles_task.enqueue(district_id)

    transaction.on_commit(enqueue)


def run_pending_hr_sync(district_id: int) -> HrSyncReport | None:
    """The task's step: sync when a request is pending (clears it); None when there was none."""
    with transaction.atomic():
        state = HrSyncState.objects.select_for_update().filter(district_id=district_id).first()
        if state is None or state.pending_since is None:
            return None
        state.pending_since = None
        state.save(update_fields=["pending_since"])
    return sync_hr_roles(None, District.objects.get(pk=district_id))


@transaction.atomic
def sync_hr_roles(actor: Actor, district: District, on: dt.date | None = None) -> HrSyncReport:
    """Make the district's current and upcoming role assignments follow its HR positions."""
    on = on or timezone.localdate()
    report = HrSyncReport()
    if not PositionMapping.objects.filter(district=district, role__isnull=False).exists():
        return report
    want, skipped = hr.wanted(district, on)
    for _, reason in skipped:
        report.skipped[reason] += 1
    years = hr.sync_years(district, on)
    current = {
        (ra.staff_member_id, ra.role_id, ra.school_year_id): ra
        for ra in RoleAssignment.objects.filter(
            role__district=district, school_year__in=years, status=AssignmentStatus.ACTIVE
        ).select_related("hr_link")
    }
    staff = StaffMember.objects.in_bulk({key[0] for key in want})
    year_of = {y.pk: y for y in years}
    schools = School.objects.in_bulk({w.school_id for w in want.values()})
    changed: set[int] = set()
    for key, item in sorted(want.items(), key=lambda kv: kv[0]):
        existing = current.get(key)
        if existing is None:
            assignment = assign_role(
                actor,
                item.role,
                staff[item.staff_id],
                year_of[item.school_year_id],
                school=schools.get(item.school_id),
                release_fte=item.fte,
                audit_action="roles.assignment.create_from_hr",
                summary="from the HR position " + str(item.mapping),
            )
            HrRoleLink.objects.create(
                role_assignment=assignment,
                hr_assignment_id=item.hr_assignment_id,
                mapping=item.mapping,
            )
            report.created += 1
            changed.add(item.staff_id)
            continue
        link = getattr(existing, "hr_link", None)
        if link is None:
            HrRoleLink.objects.create(
                role_assignment=existing,
                hr_assignment_id=item.hr_assignment_id,
                mapping=item.mapping,
            )
            record(
                actor=actor,
                action="roles.assignment.link_to_hr",
                obj=existing,
                district=district,
                staff_member=existing.staff_member,
                summary="the HR position " + str(item.mapping) + " now backs this role",
            )
            report.adopted += 1
            continue
        if link.hr_assignment_id != item.hr_assignment_id or link.mapping_id != item.mapping.pk:
            link.hr_assignment_id, link.mapping = item.hr_assignment_id, item.mapping
            link.save(update_fields=["hr_assignment", "mapping"])
        if existing.release_fte != item.fte:
            before = existing.release_fte
            existing.release_fte = item.fte
            existing.save(update_fields=["release_fte"])
            record(
                actor=actor,
                action="roles.assignment.update_from_hr",
                obj=existing,
                district=district,
                staff_member=existing.staff_member,
                before={"release_fte": before},
                after={"release_fte": item.fte},
            )
            report.updated += 1
            changed.add(item.staff_id)
        else:
            report.unchanged += 1
    for key, existing in current.items():
        if key in want or getattr(existing, "hr_link", None) is None:
            continue
        was = {"status": existing.status, "ends_on": existing.ends_on}
        existing.status = AssignmentStatus.ENDED
        existing.ends_on = max(existing.starts_on, min(existing.ends_on, on))
        existing.save(update_fields=["status", "ends_on"])
        record(
            actor=actor,
            action="roles.assignment.end_from_hr",
            obj=existing,
            district=district,
            staff_member=existing.staff_member,
            before=was,
            after={"status": existing.status, "ends_on": existing.ends_on},
            summary="its HR position ended or no longer maps to this role",
        )
        report.ended += 1
        changed.add(existing.staff_member_id)
    if changed:
        facts_changed(Fact.ROLE_SERVED, district_id=district.pk, staff_ids=changed, reason="HR")
    HrSyncState.objects.update_or_create(
        district=district,
        defaults={"last_synced_at": timezone.now(), "last_report": report.as_dict()},
    )
    return report


__all__ = [
    "HrSyncReport",
    "request_hr_sync",
    "run_pending_hr_sync",
    "save_position_mappings",
    "sync_hr_roles",
]
