"""Writing a OneRoster plan: school years and schools, staff, assignments — in batches, each
write journalled for undo (inside :func:`lattice.imports.actions.apply_plan`'s transaction)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TypeVar

from lattice.imports.journal import Journal
from lattice.imports.plan import STAFF_COMPARED, Plan
from lattice.lib.bulk import insert_rows
from lattice.people.models import Assignment, District, School, SchoolYear, StaffMember

BATCH = 1000
T = TypeVar("T")


def _chunks(items: list[T], size: int = BATCH) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_years_and_schools(
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


def write_staff(plan: Plan, district: District, journal: Journal) -> dict[str, int]:
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


def write_assignments(
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
