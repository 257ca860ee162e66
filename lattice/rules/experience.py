"""Years of teaching experience: the one definition every part of Lattice uses.

A teacher's experience on a day is their whole years of prior experience (years taught
before joining the district; a part year does not count) plus every school year in the
district that began before the school year containing that day. The school year the teacher
was hired in counts once it is over, even when they were hired mid-year. So a teacher hired
on 2019-08-15 with two prior years has 2 years on 2020-06-30 and 3 on 2020-07-01.

Step placement (``steps.entry_step``), ladder entry stages, the ProComp service limit, the
forecast's starting workforce, the adoption crosswalk and the roles app's "years of
experience" requirement all read this function, so one teacher has one number everywhere.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lattice.rules.records import TeacherRecord, school_year_of


def whole_years(years: int | float | Decimal | None) -> int:
    """Whole years of a (possibly fractional) count, never negative: 2.5 → 2."""
    if years is None:
        return 0
    return max(int(years), 0)


def years_of_experience(
    prior_years: int | float | Decimal | None, hire_date: date | None, on: date
) -> int:
    """Years of teaching experience credited on ``on`` (see the module docstring)."""
    prior = whole_years(prior_years)
    if hire_date is None or hire_date > on:
        return prior
    return prior + max(school_year_of(on) - school_year_of(hire_date), 0)


def years_in_district(hire_date: date | None, on: date) -> int:
    """School years in the district completed before the one containing ``on``."""
    return years_of_experience(0, hire_date, on)


def experience_of(record: TeacherRecord, on: date) -> int:
    """A record's years of experience on ``on``."""
    return years_of_experience(record.prior_experience_years, record.hire_date, on)
