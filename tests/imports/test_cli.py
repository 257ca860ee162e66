"""`lattice import oneroster|hr`: preview, errors, exit codes, dry run, the --as check."""

from __future__ import annotations

from click.testing import CliRunner

from lattice.cli.imports import import_group
from lattice.imports.models import ImportRun
from lattice.people.models import StaffMember
from tests.imports.files import ROLES, write_package_12
from tests.imports.helpers import row_counts


def _run(*args: str):
    return CliRunner().invoke(import_group, list(args), catch_exceptions=False)


def test_the_import_command_is_registered_on_lattice():
    from lattice.cli import main

    assert "import" in main.commands


def test_a_dry_run_prints_the_preview_and_writes_nothing(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    before = row_counts()
    result = _run("oneroster", str(folder), "--district", "northfield", "--dry-run", "--quiet")
    assert result.exit_code == 0, result.output
    assert "staff          2 create, 2 update, 0 unchanged, " in result.output
    assert "not stored     5 student" in result.output
    assert "Dry run: nothing was written." in result.output
    assert row_counts() == before


def test_an_import_applies_and_a_repeat_reports_nothing_changed(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    result = _run(
        "oneroster", str(folder), "--district", "northfield", "--quiet", "--allow-deactivate", "4"
    )
    assert result.exit_code == 0, result.output
    assert "Applied as import #" in result.output
    assert StaffMember.objects.filter(sourced_id="u-new").exists()
    again = _run("oneroster", str(folder), "--district", "northfield", "--quiet")
    assert "Nothing changed" in again.output
    assert ImportRun.objects.filter(origin="cli", status="applied").count() == 2


def test_errors_are_printed_and_exit_nonzero_with_nothing_written(cast, tmp_path):
    folder = write_package_12(
        tmp_path / "or", roles=[*ROLES[:3], {**ROLES[3], "orgSourcedId": "sch-99"}]
    )
    before = row_counts()
    result = _run("oneroster", str(folder), "--district", "northfield", "--quiet")
    assert result.exit_code == 1
    assert (
        'roles.csv line 5: orgSourcedId "sch-99" is not in orgs.csv — add the school or '
        "correct the id" in result.output
    )
    after = row_counts()
    assert after.pop("imports_importrun") == before.pop("imports_importrun") + 1
    assert after == before
    assert ImportRun.objects.get().status == "invalid"


def test_as_a_principal_the_import_is_refused(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    before = row_counts()
    result = _run(
        "oneroster", str(folder), "--district", "northfield", "--as", "principal", "--quiet"
    )
    assert result.exit_code == 2
    assert "may not import into district 'northfield'" in result.output
    assert row_counts() == before


def test_as_another_districts_officer_the_import_is_refused(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    result = _run(
        "oneroster", str(folder), "--district", "northfield", "--as", "officer2", "--quiet"
    )
    assert result.exit_code == 2


def test_as_the_districts_officer_the_import_is_theirs_in_the_audit(cast, tmp_path):
    from lattice.audit.models import AuditEntry

    folder = write_package_12(tmp_path / "or")
    result = _run(
        "oneroster",
        str(folder),
        "--district",
        "northfield",
        "--as",
        "officer",
        "--quiet",
        "--allow-deactivate",
        "4",
    )
    assert result.exit_code == 0, result.output
    entry = AuditEntry.objects.get(action="imports.oneroster.apply")
    assert entry.actor == cast.user("officer")
