"""The one writer of many new rows (lattice.lib.bulk): COPY on PostgreSQL, inserts elsewhere,
the same rows either way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lattice.lib import bulk
from lattice.people.models import District, RatingRecord, School, SchoolYear, StaffMember

pytestmark = pytest.mark.django_db


def _people(district: District, count: int) -> list[StaffMember]:
    return [
        StaffMember(
            district=district,
            employee_id=f"B{i}",
            given_name="Ada",
            family_name=f"Bulk {i}",
            hire_date=dt.date(2020, 8, 1),
            prior_years_experience=Decimal("2.5"),
        )
        for i in range(count)
    ]


def test_inserted_people_get_their_ids_and_read_back_as_written() -> None:
    district = District.objects.create(key="bulk", name="Bulk District")
    people = _people(district, 30)
    assert bulk.insert_objects(people) == 30
    assert len({p.pk for p in people}) == 30
    assert all(not p._state.adding for p in people)
    stored = StaffMember.objects.get(pk=people[7].pk)
    assert (stored.family_name, stored.hire_date, stored.prior_years_experience) == (
        "Bulk 7",
        dt.date(2020, 8, 1),
        Decimal("2.50"),
    )


def test_a_person_saved_after_a_bulk_insert_gets_a_fresh_id() -> None:
    district = District.objects.create(key="bulk", name="Bulk District")
    people = _people(district, 5)
    bulk.insert_objects(people)
    later = StaffMember.objects.create(district=district, employee_id="L1", given_name="Lin")
    assert later.pk > max(p.pk for p in people)


def test_plain_rows_point_at_the_people_inserted_before_them() -> None:
    district = District.objects.create(key="bulk", name="Bulk District")
    year = SchoolYear.objects.create(
        district=district, label="2025-26", start=dt.date(2025, 7, 1), end=dt.date(2026, 6, 30)
    )
    people = _people(district, 3)
    bulk.insert_objects(people)
    rows = [(p.pk, year.pk, "Effective") for p in people]
    assert bulk.insert_rows(RatingRecord, ["staff_member_id", "school_year_id", "label"], rows)
    assert sorted(
        RatingRecord.objects.filter(school_year=year).values_list("staff_member_id", flat=True)
    ) == sorted(p.pk for p in people)


def test_many_people_leave_in_one_update() -> None:
    district = District.objects.create(key="bulk", name="Bulk District")
    School.objects.create(district=district, key="one", name="One School")
    people = _people(district, 1200)
    bulk.insert_objects(people)
    assert bulk.update_values(people[:1100], {"active": False}) == 1100
    assert StaffMember.objects.filter(district=district, active=True).count() == 100


def test_analyzing_filled_tables_changes_no_rows() -> None:
    district = District.objects.create(key="bulk", name="Bulk District")
    bulk.insert_objects(_people(district, 4))
    bulk.analyze([StaffMember, StaffMember])
    assert StaffMember.objects.filter(district=district).count() == 4
