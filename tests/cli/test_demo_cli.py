"""`lattice demo`, `lattice users` and `manage.py demo` as a person types them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.core.management import call_command

from lattice.cli import main
from lattice.people.models import StaffMember

SMALL_ARGS = ["--teachers", "120", "--years", "3", "--seed", "7", "--people-only"]


def test_lattice_help_lists_the_verbs() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for verb in ("demo", "users", "run"):
        assert f"  {verb} " in result.output


@pytest.mark.parametrize("verb", ["demo", "users", "run"])
def test_each_verb_explains_itself_with_examples(verb: str) -> None:
    result = CliRunner().invoke(main, [verb, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"lattice {verb}" in result.output


@pytest.mark.django_db
def test_demo_loads_the_district_and_says_what_it_made() -> None:
    result = CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    assert result.exit_code == 0, result.output
    assert "Maplewood Unified School District" in result.output
    assert "Cedar Falls Community Schools" in result.output
    assert StaffMember.objects.filter(district__key="maplewood").count() > 120


@pytest.mark.django_db
def test_demo_run_twice_changes_nothing_and_says_so() -> None:
    CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    count = StaffMember.objects.count()
    result = CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    assert result.exit_code == 0
    assert "already loaded; nothing was changed" in result.output
    assert StaffMember.objects.count() == count


@pytest.mark.django_db
def test_demo_reset_generates_a_fresh_district() -> None:
    CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    result = CliRunner().invoke(
        main, ["demo", "--reset", "--teachers", "60", "--years", "2", "--people-only"]
    )
    assert result.exit_code == 0, result.output
    assert "Removed the demo districts" in result.output
    assert StaffMember.objects.filter(district__key="maplewood").count() < 120


def test_demo_rejects_a_too_small_district_with_a_clear_message() -> None:
    result = CliRunner().invoke(main, ["demo", "--teachers", "3"])
    assert result.exit_code == 2
    assert "--teachers" in result.output


@pytest.mark.django_db
def test_users_json_lists_every_persona_with_password_and_home() -> None:
    CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    result = CliRunner().invoke(main, ["users", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["persona"] for r in rows] == [
        "teacher",
        "teacher2",
        "principal",
        "principal2",
        "officer",
        "officer2",
        "network",
        "admin",
    ]
    for row in rows:
        assert {"persona", "username", "password", "home"} <= set(row)
        assert row["password"] == "lattice-demo"
        assert row["home"].startswith("/")


@pytest.mark.django_db
def test_users_prints_a_table_with_the_demo_warning() -> None:
    CliRunner().invoke(main, ["demo", *SMALL_ARGS])
    result = CliRunner().invoke(main, ["users"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Persona", "Username", "Password", "Home", "page", "Sees"]
    assert any(line.startswith("District talent officer") and " officer " in line for line in lines)
    assert "Never load the demo into a database that holds real people" in result.output


@pytest.mark.django_db
def test_users_without_a_demo_says_how_to_load_one() -> None:
    result = CliRunner().invoke(main, ["users"])
    assert result.exit_code == 1
    assert "run `lattice demo` first" in result.output


@pytest.mark.django_db
def test_manage_py_demo_loads_the_same_district(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", teachers=120, years=3, seed=7)
    assert "Maplewood Unified School District" in capsys.readouterr().out
    assert StaffMember.objects.filter(district__key="cedar-falls").exists()


def test_the_cli_help_states_the_demo_packages_own_defaults() -> None:
    from lattice.cli import demo as cli_demo
    from lattice.demo import command, plan

    assert cli_demo.DEFAULT_SEED == plan.DEFAULT_SEED
    assert cli_demo.APP_DEMO_MAX_TEACHERS == command.APP_DEMO_MAX_TEACHERS
