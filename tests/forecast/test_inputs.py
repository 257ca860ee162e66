"""Bad workforce files and assumptions are refused with the row or field and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice.forecast.assumptions import AssumptionError, Assumptions, from_dict
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import read_csv, synthetic


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "staff.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match=r"missing column\(s\) interval"):
        read_csv(_csv(tmp_path, "teacher_id,pathway\nA,standard\n"))


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match=r"unknown column\(s\) salary"):
        read_csv(_csv(tmp_path, "teacher_id,pathway,interval,salary\nA,standard,1,5\n"))


def test_an_unknown_rating_names_the_row_and_the_levels(tmp_path: Path) -> None:
    text = "teacher_id,pathway,interval,last_rating\nA,standard,1,effective\nB,standard,1,great\n"
    with pytest.raises(ForecastError, match="row 2: last_rating 'great' is not a rating level"):
        read_csv(_csv(tmp_path, text))


def test_a_duplicate_teacher_is_named(tmp_path: Path) -> None:
    text = "teacher_id,pathway,interval\nA,standard,1\nA,standard,2\n"
    with pytest.raises(ForecastError, match="row 2: teacher_id 'A' appears twice"):
        read_csv(_csv(tmp_path, text))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match="no teachers"):
        read_csv(_csv(tmp_path, "teacher_id,pathway,interval\n"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match="cannot read the file"):
        read_csv(tmp_path / "nowhere.csv")


def test_a_good_file_reads_every_column(tmp_path: Path) -> None:
    text = (
        "teacher_id,pathway,interval,units_banked,experience_years,last_rating,"
        "previous_rating,professional_certificate,high_poverty\n"
        "A,professional,4,7,12,highly_effective,effective,1,1\n"
    )
    workforce = read_csv(_csv(tmp_path, text))
    assert workforce.teacher_ids == ("A",)
    assert (int(workforce.units[0]), int(workforce.experience[0])) == (7, 12)
    assert (int(workforce.last_rating[0]), int(workforce.previous_rating[0])) == (4, 3)
    assert bool(workforce.certificate[0])
    assert bool(workforce.high_poverty[0])


def test_a_transition_row_that_does_not_add_up_is_refused() -> None:
    rows = ((0.5, 0.5, 0.0, 0.0),) * 3 + ((0.5, 0.4, 0.0, 0.0),)
    with pytest.raises(AssumptionError, match=r"transition row highly_effective.*add up to 0\.9"):
        Assumptions(transition=rows)


def test_assumptions_round_trip_through_plain_json_values() -> None:
    a = Assumptions(cola=0.03)
    assert from_dict(a.as_dict()) == a


def test_an_unknown_assumption_lists_the_known_ones() -> None:
    with pytest.raises(AssumptionError, match="'colaa': is not an assumption"):
        from_dict({"colaa": 0.1})


def test_synthetic_workforces_are_seeded() -> None:
    first, again = synthetic(100, seed=3), synthetic(100, seed=3)
    assert first.fingerprint() == again.fingerprint()
    assert first.fingerprint() != synthetic(100, seed=4).fingerprint()
