"""`lattice policy check | explain | table`, run through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lattice.cli.policy import policy

from .conftest import POLICIES

BALTIMORE = str(POLICIES / "baltimore-2010.toml")
TEACHER = str(POLICIES / "examples" / "baltimore-teacher.json")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(policy, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_accepts_every_shipped_policy() -> None:
    code, out, err = run("check", *sorted(str(p) for p in POLICIES.glob("*.toml")))
    assert (code, err) == (0, "")
    assert out.count("ok  ") == len(list(POLICIES.glob("*.toml")))


def test_check_prints_file_line_key_and_fix_on_stderr_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(Path(BALTIMORE).read_text().replace('to = "model"', 'to = "modle"'))
    code, _out, err = run("check", str(bad))
    assert code == 1
    assert err.startswith(f"{bad} line ")
    assert (
        "key transitions[3].to: unknown pathway 'modle' — use one of the [[pathways]] keys" in err
    )


def test_check_rejects_two_versions_whose_dates_overlap(tmp_path: Path) -> None:
    later = tmp_path / "baltimore-2014.toml"
    later.write_text(
        Path(BALTIMORE)
        .read_text()
        .replace('version = "1.0"', 'version = "2.0"')
        .replace("effective_from = 2010-07-01   #", "effective_from = 2014-02-01   #")
    )
    code, _, err = run("check", BALTIMORE, str(later))
    assert code == 1
    assert f"{later} line 10, key policy.effective_from: overlapping effective dates" in err
    assert f"set effective_to in {BALTIMORE} before 2014-02-01" in err


def test_explain_prints_plain_english_with_the_traced_sources() -> None:
    code, out, _ = run(
        "explain", "--policy", BALTIMORE, "--teacher", TEACHER, "--as-of", "2023-06-30"
    )
    assert code == 0
    assert "Model pathway, interval 4." in out
    assert "Your 2013-14 rating of Effective earned you 9 units." in out
    assert "(2013-14 rating Effective → +9 units (baltimore-2010, units table; source B1))" in out
    assert "this one ended on 2017-12-15 — ask the talent office for an exception" in out


def test_explain_json_gives_structured_trace_lines_that_add_up() -> None:
    code, out, _ = run(
        "explain", "--policy", BALTIMORE, "--teacher", TEACHER, "--as-of", "2023-06-30", "--json"
    )
    data = json.loads(out)
    earned = sum(line["amount"] for line in data["trace"] if line["unit"] == "units earned")
    assert (code, earned, data["units_earned"]) == (0, 160, 160)
    assert data["salary"]["total"] == 90_978
    assert {"amount", "unit", "rule", "source", "school_year"} <= set(data["trace"][1])


def test_explain_without_as_of_uses_the_policy_end_date_for_a_retired_policy() -> None:
    code, out, _ = run("explain", "--policy", BALTIMORE, "--teacher", TEACHER, "--json")
    assert (code, json.loads(out)["as_of"]) == (0, "2024-06-30")


def test_explain_reports_a_bad_teacher_record_on_stderr(tmp_path: Path) -> None:
    teacher = tmp_path / "t.json"
    teacher.write_text(json.dumps({"teacher_id": "X", "hire_date": "2012-13-01"}))
    code, _, err = run("explain", "--policy", BALTIMORE, "--teacher", str(teacher))
    assert code == 1
    assert "hire_date: '2012-13-01' is not a date; write it as 2016-06-30" in err


def test_explain_reports_a_rating_label_the_policy_does_not_know(tmp_path: Path) -> None:
    data = json.loads(Path(TEACHER).read_text())
    data["ratings"][0]["label"] = "Exemplary"
    teacher = tmp_path / "t.json"
    teacher.write_text(json.dumps(data))
    code, _, err = run("explain", "--policy", BALTIMORE, "--teacher", str(teacher))
    assert code == 1
    assert "2010-11 rating 'Exemplary' is not in the baltimore-2010 vocabulary" in err


def test_table_prints_the_step_table_and_marks_interpolated_steps() -> None:
    code, out, _ = run("table", str(POLICIES / "step-and-lane-pwcs-2020.toml"))
    assert code == 0
    assert "   4      50,324         51,674    56,065       58,010     59,438" in out
    assert "  9*" in out
    assert "* interpolated between published steps, not published" in out


def test_table_prints_baltimore_intervals_by_pathway() -> None:
    code, out, _ = run("table", BALTIMORE)
    assert code == 0
    assert "       1    46,774        56,000  86,000   94,500" in out


def test_table_on_a_bad_policy_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[policy\n")
    code, _, err = run("table", str(bad))
    assert code == 1
    assert "line 1, key (syntax): this is not valid TOML" in err
