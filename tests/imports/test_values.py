"""Reading values from cells: dates (ISO, US, ambiguous), booleans, numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lattice.imports.values import DateOrder, ValueProblem, parse_bool, parse_decimal


@pytest.mark.parametrize("text", ["true", "TRUE", "True", " yes ", "1", "Y"])
def test_true_in_any_case_is_true(text):
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["false", "FALSE", "False", "no", "0"])
def test_false_in_any_case_is_false(text):
    assert parse_bool(text) is False


def test_iso_dates_and_datetimes_are_read():
    order = DateOrder()
    assert order.parse("2024-08-26") == dt.date(2024, 8, 26)
    assert order.parse("2024-08-26T00:00:00Z") == dt.date(2024, 8, 26)


def test_a_us_date_with_a_day_over_12_is_read_without_help():
    assert DateOrder().parse("08/26/2024") == dt.date(2024, 8, 26)


def test_an_ambiguous_date_is_refused_until_the_file_decides():
    order = DateOrder()
    with pytest.raises(ValueProblem, match="ambiguous"):
        order.parse("03/04/2024")
    order.observe("04/25/2024")
    assert order.parse("03/04/2024") == dt.date(2024, 3, 4)


def test_a_file_with_both_orders_refuses_ambiguous_dates():
    order = DateOrder()
    order.observe("04/25/2024")
    order.observe("25/04/2024")
    with pytest.raises(ValueProblem, match="both month/day and day/month"):
        order.parse("03/04/2024")


@pytest.mark.parametrize("text", ["2024-02-30", "13/13/2024", "00/05/2024", "soon"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueProblem):
        DateOrder().parse(text)


def test_numbers_are_read_and_bounded():
    assert parse_decimal(" 4.5 ") == Decimal("4.5")
    with pytest.raises(ValueProblem, match="more than 60"):
        parse_decimal("61", maximum=Decimal(60))
    with pytest.raises(ValueProblem, match="not a number"):
        parse_decimal("three")


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_date_written_iso_reads_back(day):
    assert DateOrder().parse(day.isoformat()) == day


@given(st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=20))
def test_any_text_gives_a_date_or_a_problem_with_a_fix(text):
    outcome: object
    try:
        outcome = DateOrder().parse(text)
    except ValueProblem as problem:
        outcome = problem.fix
    assert isinstance(outcome, dt.date) or "YYYY-MM-DD" in outcome
