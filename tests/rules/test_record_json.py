"""Teacher records as JSON: a round trip, and errors that name the field."""

from __future__ import annotations

import pytest

from lattice.rules.record_json import (
    RecordFormatError,
    dump_record,
    load_record,
    record_from_dict,
    record_to_dict,
)

from .conftest import POLICIES
from .district import district


def test_the_example_record_survives_a_round_trip() -> None:
    record = load_record(POLICIES / "examples" / "baltimore-teacher.json")
    assert record_from_dict(record_to_dict(record)) == record
    assert dump_record(record) == (POLICIES / "examples" / "baltimore-teacher.json").read_text()


def test_generated_records_survive_a_round_trip() -> None:
    for record in district(50, 3):
        assert record_from_dict(record_to_dict(record)) == record


def test_a_bad_school_year_names_the_field_path() -> None:
    data = {
        "teacher_id": "T",
        "hire_date": "2012-08-01",
        "ratings": [{"school_year": "2015", "label": "E"}],
    }
    with pytest.raises(
        RecordFormatError, match=r"ratings\[0\]\.school_year: '2015' is not a school year"
    ):
        record_from_dict(data)


def test_an_unknown_decision_lists_the_known_ones() -> None:
    data = {
        "teacher_id": "T",
        "hire_date": "2012-08-01",
        "decisions": [{"kind": "promoted", "decided": "2013-01-01"}],
    }
    with pytest.raises(
        RecordFormatError, match=r"decisions\[0\]\.kind: 'promoted' is not one of peer_review"
    ):
        record_from_dict(data)
