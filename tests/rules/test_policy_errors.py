"""Bad policy files: each error names the file, the line, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice.rules.loader import PolicyError, Problem, load_policy

from .conftest import POLICIES

BALTIMORE = (POLICIES / "baltimore-2010.toml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    assert old in BALTIMORE
    text = BALTIMORE.replace(old, new, 1)
    path = tmp_path / "district.toml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, fragment: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(fragment, start)].count("\n") + 1


def problem(path: Path) -> Problem:
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert len(caught.value.problems) == 1, caught.value
    return caught.value.first


def test_an_unknown_pathway_names_the_transition_line_and_the_known_pathways(
    tmp_path: Path,
) -> None:
    path, text = broken(tmp_path, 'to = "professional"', 'to = "profesional"')
    found = problem(path)
    assert (found.file, found.line, found.key) == (
        str(path),
        line_of(text, 'to = "profesional"'),
        "transitions[1].to",
    )
    assert found.message == "unknown pathway 'profesional'"
    assert found.fix == "use one of the [[pathways]] keys: standard, professional, model, lead"


def test_overlapping_vocabulary_dates_name_the_later_vocabulary_and_the_fix(
    tmp_path: Path,
) -> None:
    extra = (
        '[[ratings.vocabulary]]\nkey = "new-scale"\neffective_from = 2013-07-01\nsource = "B1"\n'
        'labels = { "Effective" = "effective" }\n\n[ledger]'
    )
    path, text = broken(tmp_path, "[ledger]", extra)
    found = problem(path)
    assert found.line == line_of(text, "effective_from = 2013-07-01")
    assert found.key == "ratings.vocabulary[2].effective_from"
    assert "overlapping effective dates" in found.message
    assert found.fix == "end 'both-scales' before 2013-07-01 or start 'new-scale' later"


def test_a_policy_that_ends_before_it_starts_is_rejected(tmp_path: Path) -> None:
    path, text = broken(tmp_path, "effective_to = 2024-06-30", "effective_to = 2009-06-30")
    found = problem(path)
    assert (found.line, found.key) == (line_of(text, "effective_to = 2009"), "policy.effective_to")
    assert found.fix == "set effective_to on or after effective_from"


def test_a_salary_table_that_does_not_increase_names_the_interval(tmp_path: Path) -> None:
    path, text = broken(tmp_path, "salary = [46774, 48349, 49977", "salary = [46774, 48349, 48000")
    found = problem(path)
    assert (found.line, found.key) == (line_of(text, "salary = [46774"), "pathways[1].salary")
    assert found.message == (
        "salary table not increasing: interval 3 pays $48,000, not more than interval 2 ($48,349)"
    )
    assert found.fix == "make every interval pay more than the one before it"


def test_a_rating_label_with_no_units_mapping_names_the_label_and_the_fix(tmp_path: Path) -> None:
    path, text = broken(tmp_path, "developing = 3", "")
    found = problem(path)
    assert found.line == line_of(text, "labels = {")
    assert found.key == "ratings.vocabulary[1].labels.Developing"
    assert "rating label 'Developing' (level 'developing') has no mapping" in found.message
    assert found.fix == "add developing = <units> under [ledger.units_per_rating]"


def test_a_rating_label_mapped_to_no_level_is_rejected(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, '"Developing" = "developing"', '"Developing" = "growing"')
    found = problem(path)
    assert (
        found.message == "rating label 'Developing' maps to 'growing', which is not a rating level"
    )
    assert found.fix.startswith("map it to one of: ineffective, developing")


def test_a_cycle_in_transitions_names_the_loop_and_the_transition_that_closes_it(
    tmp_path: Path,
) -> None:
    back = (
        '\n[[transitions]]\nkey = "lead-back-to-standard"\nfrom = "lead"\nto = "standard"\n'
        'route = "decision"\ndecision = "suspension"\nsource = "B2"\n'
    )
    path = tmp_path / "district.toml"
    text = BALTIMORE + back
    path.write_text(text, encoding="utf-8")
    found = problem(path)
    assert found.line == line_of(text, 'to = "standard"', "lead-back-to-standard")
    assert found.key == "transitions[5].to"
    assert found.message == (
        "a cycle in transitions: standard → professional → model → lead → standard"
    )
    assert found.fix == "pathways must only move forward; remove or redirect this transition"


def test_malformed_toml_names_the_line_and_how_to_fix_the_syntax(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'name = "Standard"', "name = Standard")
    found = problem(path)
    assert (found.line, found.key) == (line_of(text, "name = Standard"), "(syntax)")
    assert "not valid TOML" in found.message
    assert found.fix.startswith("fix the syntax on that line")


def test_a_source_key_missing_from_the_sources_table_is_rejected(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'source = "B2, B8"', 'source = "B99"')
    found = problem(path)
    assert (found.line, found.key) == (line_of(text, 'source = "B99"'), "pathways[1].source")
    assert found.fix == 'add B99 = "https://..." under [policy.sources] or fix the key'


def test_the_error_text_reads_file_line_key_message_and_fix(tmp_path: Path) -> None:
    path, _text = broken(tmp_path, 'to = "professional"', 'to = "profesional"')
    found = problem(path)
    assert str(found) == (
        f"{path} line {found.line}, key transitions[1].to: unknown pathway 'profesional' — "
        "use one of the [[pathways]] keys: standard, professional, model, lead"
    )


@pytest.mark.parametrize(
    "name",
    [
        "baltimore-2010",
        "dc-lift-2012",
        "iowa-tlc-2013",
        "denver-procomp-2008",
        "step-and-lane-pwcs-2020",
    ],
)
def test_every_shipped_policy_loads_and_cites_only_listed_sources(name: str) -> None:
    policy = load_policy(POLICIES / f"{name}.toml")
    assert policy.key == name
    assert all(url.startswith("http") for _, url in policy.sources)
