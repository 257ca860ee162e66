"""The command line behind the wall: ``lattice coaching overview`` prints "whom and what on"
and never content, for every persona; the pay commands, the office's window on a person,
print and write no coaching content either."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lattice.cli import main
from tests.cast import Cast
from tests.coaching.world import SECRETS, world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "args",
    [
        ["pay", "reconcile", "--district", "northfield", "--as", "officer"],
        ["pay", "export", "--district", "northfield", "--as", "officer", "--exclude-blocked"],
    ],
)
def test_the_office_s_commands_print_and_write_no_coaching_content(
    args: list[str], cast: Cast, tmp_path: Path
) -> None:
    world(cast)
    out = tmp_path / "pay.csv"
    extra = ["--out", str(out)] if "export" in args else []
    result = CliRunner().invoke(main, [*args, *extra])
    written = out.read_bytes().decode(errors="replace") if out.exists() else ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not [s for s in SECRETS if s in result.output + written]


@pytest.mark.parametrize(
    "persona",
    ["principal", "other_principal", "moved_principal", "officer", "superuser", "reviewer",
     "teacher", "teacher_other_school"],
)  # fmt: skip
def test_the_coaching_overview_prints_whom_and_what_on_and_never_content(
    persona: str, cast: Cast
) -> None:
    world(cast)
    username = cast.users[persona].username
    result = CliRunner().invoke(main, ["coaching", "overview", "--as", username])
    assert result.exit_code == 0, result.output
    assert not [s for s in SECRETS if s in result.output]


def test_the_principal_of_that_year_sees_who_coaches_whom_and_on_what(cast: Cast) -> None:
    world(cast)
    username = cast.users["moved_principal"].username  # Mo led Alder when Rae coached Ada
    result = CliRunner().invoke(main, ["coaching", "overview", "--as", username])
    assert "coaches" in result.output
    assert "'Checking for understanding'" in result.output
    pat = cast.users["principal"].username  # Pat leads Alder this year, not last year
    assert (
        "Checking for understanding"
        not in CliRunner().invoke(main, ["coaching", "overview", "--as", pat]).output
    )


def test_an_evaluator_who_coaches_nobody_there_sees_no_coaching(cast: Cast) -> None:
    world(cast)
    username = cast.users["other_officer"].username
    result = CliRunner().invoke(
        main, ["coaching", "overview", "--as", username, "--year", cast.year.label]
    )
    assert result.output.startswith("No coaching")


def test_an_unknown_user_is_named_back(cast: Cast) -> None:
    result = CliRunner().invoke(main, ["coaching", "overview", "--as", "nobody-here"])
    assert result.exit_code != 0
    assert "no active user 'nobody-here'" in result.output
