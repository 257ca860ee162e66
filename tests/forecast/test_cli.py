"""`lattice forecast` on the command line: shipped keys, CSV workforces, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from lattice.cli.forecast import forecast


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(forecast, list(args))
    return result.exit_code, result.output


def test_it_forecasts_a_shipped_policy_for_a_generated_workforce(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    code, output = _run(
        "--policy",
        "baltimore-2010",
        "--years",
        "3",
        "--runs",
        "20",
        "--teachers",
        "200",
        "--out",
        str(out),
    )
    assert code == 0, output
    from datetime import date

    from lattice.rules.records import school_year_label, school_year_of

    third = school_year_label(school_year_of(date.today()) + 3)  # from next school year
    assert f"baltimore-2010 v1.0: {third} payroll" in output  # a school year, never "year 3"
    text = out.read_text()
    assert text.startswith("# summary")
    assert "synthetic 200 teachers" in text


def test_it_compares_two_policies_and_writes_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    code, output = _run(
        "--policy",
        "baltimore-2010",
        "--vs",
        "baltimore-2010",
        "--years",
        "2",
        "--runs",
        "10",
        "--teachers",
        "100",
        "--out",
        str(out),
    )
    assert code == 0, output
    assert "baltimore-2010 minus baltimore-2010: " in output
    assert " payroll $0 (positive: baltimore-2010 costs more;" in output
    assert "0 gain, 0 lose" in output
    assert load_workbook(out).sheetnames == ["Summary", "Comparison", "Histogram", "Inputs"]


def test_it_reads_a_workforce_csv(tmp_path: Path) -> None:
    workforce = tmp_path / "staff.csv"
    workforce.write_text(
        "teacher_id,pathway,interval,units_banked,last_rating,professional_certificate\n"
        "A1,standard,2,3,effective,1\nA2,professional,4,0,highly_effective,1\n"
    )
    out = tmp_path / "r.csv"
    code, output = _run(
        "--policy",
        "baltimore-2010",
        "--workforce",
        str(workforce),
        "--years",
        "2",
        "--runs",
        "5",
        "--out",
        str(out),
    )
    assert code == 0, output
    assert "(2 teachers, 5 runs" in output


def test_a_bad_workforce_row_is_named_with_the_fix(tmp_path: Path) -> None:
    workforce = tmp_path / "staff.csv"
    workforce.write_text("teacher_id,pathway,interval\nA1,standard,2\nA2,standard,two\n")
    code, output = _run(
        "--policy",
        "baltimore-2010",
        "--workforce",
        str(workforce),
        "--out",
        str(tmp_path / "r.csv"),
    )
    assert code == 1
    assert "row 2: interval 'two' is not a whole number" in output
    assert not (tmp_path / "r.csv").exists()


def test_an_unknown_policy_lists_the_shipped_ones(tmp_path: Path) -> None:
    code, output = _run("--policy", "nowhere", "--out", str(tmp_path / "r.csv"))
    assert code == 1
    assert "no policy file or shipped policy called 'nowhere'" in output
    assert "baltimore-2010" in output


def test_bad_assumptions_name_the_key(tmp_path: Path) -> None:
    file = tmp_path / "a.json"
    file.write_text(json.dumps({"cola": 3}))
    code, output = _run(
        "--policy", "baltimore-2010", "--assumptions", str(file), "--out", str(tmp_path / "r.csv")
    )
    assert code == 1
    assert "assumption 'cola'" in output


def test_assumptions_from_json_change_the_forecast(tmp_path: Path) -> None:
    file = tmp_path / "a.json"
    file.write_text(json.dumps({"cola": 0.05}))
    outputs = []
    for extra in ([], ["--assumptions", str(file)]):
        out = tmp_path / f"r{len(extra)}.csv"
        code, output = _run(
            "--policy",
            "baltimore-2010",
            "--years",
            "3",
            "--runs",
            "5",
            "--teachers",
            "50",
            "--out",
            str(out),
            *extra,
        )
        assert code == 0, output
        outputs.append(out.read_text())
    assert outputs[0] != outputs[1]


def test_every_shipped_policy_forecasts_against_every_other_from_the_command_line(
    tmp_path: Path,
) -> None:
    from itertools import permutations

    from lattice.cli.forecast import SHIPPED

    keys = sorted(p.stem for p in SHIPPED.glob("*.toml"))
    for first, second in permutations(keys, 2):
        out = tmp_path / f"{first}-{second}.csv"
        args = ["--policy", first, "--vs", second, "--years", "2", "--runs", "4"]
        code, output = _run(*args, "--teachers", "60", "--first-year", "2027", "--out", str(out))
        assert code == 0, (first, second, output)
        assert f"{second} minus {first}: 2028-29 payroll" in output
        assert "2028-29" in out.read_text()


def test_the_process_executor_gives_the_file_the_threads_give(tmp_path: Path) -> None:
    args = ["--policy", "tia-2025", "--vs", "iowa-tlc-2013", "--years", "3", "--runs", "30",
            "--teachers", "500", "--first-year", "2027"]  # fmt: skip
    threads, processes = tmp_path / "threads.csv", tmp_path / "processes.csv"
    assert _run(*args, "--out", str(threads))[0] == 0
    assert _run(*args, "--executor", "processes", "--out", str(processes))[0] == 0

    def body(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines()
                if not line.startswith(("Executor,", "Workers,"))]  # fmt: skip

    assert body(threads) == body(processes)
