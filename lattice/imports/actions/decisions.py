"""The officer's decisions an import follows: the review list, the district's rating
vocabulary, its import settings and its saved column mappings (each audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.imports.models import ColumnMapping, ImportSettings, ReviewItem
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact, facts_changed
from lattice.people.models import District, StaffMember


@transaction.atomic
def resolve_review_item(actor: Actor, item: ReviewItem, *, staff: StaffMember | None) -> None:
    """Link a review row to ``staff`` or (``staff=None``) confirm it is a new person."""
    before = {"status": item.status}
    if staff is not None:
        if staff.district_id != item.district_id:
            raise ValueError("that person is in another district")
        item.status = ReviewItem.Status.LINKED
        item.linked_staff = staff
        if item.kind == ReviewItem.Kind.HR:
            _take_employee_id(actor, item, staff)
        elif staff.sourced_id != item.sourced_id:
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
    item.resolved_by = signed_in(actor)
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
        after={"status": item.status, "sourced_id": item.sourced_id}
        if item.kind == ReviewItem.Kind.ONEROSTER
        else {"status": item.status, "employee_id": item.identifier},
    )


def _take_employee_id(actor: Actor, item: ReviewItem, staff: StaffMember) -> None:
    """An HR row linked to ``staff``: they take the HR file's employee id (HR's number is the
    district's), so the next HR import matches them by it."""
    if staff.employee_id == item.identifier:
        return
    if StaffMember.objects.filter(
        district_id=item.district_id, employee_id=item.identifier
    ).exists():
        raise ValueError("another person already has that employee id")
    old = staff.employee_id
    staff.employee_id = item.identifier
    staff.save(update_fields=["employee_id"])
    record(
        actor=actor,
        action="people.staff.update",
        obj=staff,
        district=staff.district,
        staff_member=staff,
        before={"employee_id": old},
        after={"employee_id": staff.employee_id},
        summary="linked from the import review list",
    )


@transaction.atomic
def save_rating_vocabulary(actor: Actor, district: District, labels: list[str]) -> None:
    """Set the district's rating labels, lowest first (asked when an HR file has ratings and
    the district has no vocabulary yet). Audited."""
    cleaned: list[str] = []
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
def save_import_settings(
    actor: Actor, district: District, values: dict[str, Any]
) -> ImportSettings:
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
    actor: Actor, district: District, mapping: dict[str, str], kind: str = "hr"
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
