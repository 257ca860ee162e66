"""Writing an HR plan (inside :func:`lattice.imports.actions.apply_plan`'s transaction): new
hires and their assignments, staff fields, ratings, degrees, certificates and graduate
credits, in batches, every row journalled for undo."""

from __future__ import annotations

from collections import defaultdict

from lattice.imports.hr.columns import CREDITS_NOTE
from lattice.imports.hr.records import HrWrites, NewStaff, Who
from lattice.imports.journal import Journal
from lattice.imports.plan import Plan
from lattice.people.models import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    District,
    RatingRecord,
    StaffMember,
)

BATCH = 1000


def write_hr(plan: Plan, district: District, journal: Journal) -> dict[str, int]:
    """Apply an HR plan's writes; returns employee id → staff pk of the people it changed
    or added."""
    writes: HrWrites = plan.extra["writes"]
    hired = _write_hires(writes.hires, district, journal)

    def pk(who: Who) -> int:
        return who if isinstance(who, int) else hired[who]

    by_fields: dict[tuple[str, ...], list[StaffMember]] = defaultdict(list)
    for update in writes.staff:
        by_fields[tuple(sorted(update.fields))].append(
            StaffMember(pk=update.staff, district=district, **update.fields)
        )
    journal.before_update("staff", [update.staff for update in writes.staff])
    for names, objs in by_fields.items():
        StaffMember.objects.bulk_update(objs, list(names), batch_size=BATCH)
    journal.after_update("staff")
    created = RatingRecord.objects.bulk_create(
        [
            RatingRecord(staff_member_id=pk(w.staff), school_year_id=w.school_year, label=w.label)
            for w in writes.rating_create
        ],
        batch_size=BATCH,
    )
    journal.created("ratings", [(row.pk, row.staff_member_id) for row in created])
    journal.before_update("ratings", [w.pk for w in writes.rating_update])
    RatingRecord.objects.bulk_update(
        [RatingRecord(pk=w.pk, label=w.label) for w in writes.rating_update], ["label"]
    )
    journal.after_update("ratings")
    degrees = Degree.objects.bulk_create(
        [
            Degree(
                staff_member_id=pk(w.staff), level=w.level, field=w.field, conferred_on=w.conferred
            )
            for w in writes.degree_create
        ]
    )
    journal.created("degrees", [(row.pk, row.staff_member_id) for row in degrees])
    journal.before_update("degrees", [w.pk for w in writes.degree_update])
    Degree.objects.bulk_update(
        [Degree(pk=w.pk, field=w.field, conferred_on=w.conferred) for w in writes.degree_update],
        ["field", "conferred_on"],
    )
    journal.after_update("degrees")
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                staff_member_id=pk(w.staff), kind=w.kind, number=w.number, issued=w.issued,
                expires=w.expires,
            )
            for w in writes.cert_create
        ]
    )  # fmt: skip
    journal.created("certificates", [(row.pk, row.staff_member_id) for row in certificates])
    journal.before_update("certificates", [w.pk for w in writes.cert_update])
    Certificate.objects.bulk_update(
        [Certificate(pk=w.pk, number=w.number, expires=w.expires) for w in writes.cert_update],
        ["number", "expires"],
    )
    journal.after_update("certificates")
    credits = CreditRecord.objects.bulk_create(
        [
            CreditRecord(
                staff_member_id=pk(w.staff), credits=w.credits, earned_on=w.earned_on,
                description=CREDITS_NOTE,
            )
            for w in writes.credit_create
        ]
    )  # fmt: skip
    journal.created("credits", [(row.pk, row.staff_member_id) for row in credits])
    journal.before_update("credits", [w.pk for w in writes.credit_update])
    CreditRecord.objects.bulk_update(
        [CreditRecord(pk=w.pk, credits=w.credits, earned_on=w.earned_on)
         for w in writes.credit_update],
        ["credits", "earned_on"],
    )  # fmt: skip
    journal.after_update("credits")
    return {**plan.person_pk, **hired}


def _write_hires(hires: list[NewStaff], district: District, journal: Journal) -> dict[str, int]:
    """The new hires and their assignments; returns employee id → their new staff pk."""
    people = StaffMember.objects.bulk_create(
        [
            StaffMember(
                district=district, employee_id=h.employee_id, given_name=h.given_name,
                family_name=h.family_name, preferred_name=h.preferred_name, email=h.email,
                hire_date=h.hire_date, prior_years_experience=h.prior_years,
            )
            for h in hires
        ],
        batch_size=BATCH,
    )  # fmt: skip
    hired = {person.employee_id: person.pk for person in people}
    journal.created("staff", [(person.pk, person.pk) for person in people])
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(
                staff_member_id=hired[h.employee_id], school_id=h.school,
                school_year_id=h.school_year, position=h.position, title=h.title, fte=h.fte,
                begin_date=h.begin_date,
            )
            for h in hires
        ],
        batch_size=BATCH,
    )  # fmt: skip
    journal.created("assignments", [(a.pk, a.staff_member_id) for a in assignments])
    return hired
