"""Reads shared by pages and the CLI: current school year and certificate status."""

from __future__ import annotations

import datetime as dt

from lattice.people.models import SchoolYear
from lattice.people.queries import certificate_status, current_school_year


def test_current_school_year_is_the_one_containing_the_day(cast):
    assert current_school_year(cast.district, dt.date(2024, 10, 1)) == cast.last_year
    assert current_school_year(cast.district, dt.date(2026, 1, 15)) == cast.year


def test_current_school_year_falls_back_to_the_latest_that_started(cast):
    assert current_school_year(cast.district, dt.date(2030, 1, 1)) == cast.year


def test_before_its_first_school_year_a_district_is_in_its_first(cast):
    assert current_school_year(cast.district, dt.date(2000, 1, 1)) == cast.last_year


def test_a_district_without_school_years_has_no_current_year(cast):
    from lattice.people import actions

    empty = actions.create_district(None, key="new", name="New District")
    assert not SchoolYear.objects.filter(district=empty).exists()
    assert current_school_year(empty) is None


def test_certificate_status_flags_expired_and_expiring_within_ninety_days():
    today = dt.date(2026, 1, 1)
    assert certificate_status(dt.date(2025, 12, 31), today) == "expired"
    assert certificate_status(dt.date(2026, 3, 31), today) == "expiring"
    assert certificate_status(dt.date(2026, 4, 2), today) == "current"
    assert certificate_status(None, today) == "current"
