"""A picker's posted id is read as a whole number, and anything else as nothing chosen."""

from __future__ import annotations

import pytest

from lattice.lib.picked import picked_id


def test_a_posted_number_is_the_chosen_id() -> None:
    assert picked_id({"staff": "42"}, "staff") == 42
    assert picked_id({"staff": " 7 "}, "staff") == 7


@pytest.mark.parametrize("posted", ["", "  ", "0", "-3", "4.5", "abc", "١٢", "1e3"])
def test_a_blank_or_tampered_choice_is_nothing_chosen(posted: str) -> None:
    assert picked_id({"staff": posted}, "staff") is None


def test_a_missing_field_is_nothing_chosen() -> None:
    assert picked_id({}, "staff") is None
