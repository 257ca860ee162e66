"""How Lattice words a stored field's name, a stored value and a policy's key for a person."""

from __future__ import annotations

from lattice.lib.formatting import field_label, key_words, shown_value


def test_a_roster_id_field_reads_as_words_not_sourced_id() -> None:
    assert field_label("sourced_id") == "ID in the roster system"
    assert field_label("preferred_name") == "Preferred name"


def test_true_and_false_read_as_yes_and_no() -> None:
    assert shown_value(True) == "yes"
    assert shown_value(False) == "no"


def test_a_whole_number_has_thousands_separators() -> None:
    assert shown_value(84011) == "84,011"


def test_an_accomplishment_kind_reads_as_words_not_facilitated_pd() -> None:
    assert key_words("facilitated_pd") == "Professional development facilitated"
    assert key_words("building_rep") == "Building representative"
    assert key_words("ell_pd_hours") == "ELL PD hours"


def test_a_day_stored_as_iso_text_reads_as_pages_write_a_day() -> None:
    assert shown_value("2026-12-02") == "Dec 2, 2026"
    assert shown_value("2026-99-02") == "2026-99-02"
