"""On the demo district, an HR file brings new ratings and a new hire — from the command line
and through the web flow — and afterwards the hire is placed and paid, and payroll and My path
agree for everyone (``lattice pay reconcile``: 0 differences)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from lattice.cli.imports import import_group
from lattice.cli.pay import pay_group
from lattice.imports.models import ImportRun
from lattice.pathways.actions.payroll import payroll
from lattice.pathways.models import StandingStatus
from lattice.pathways.queries import pay_statement, standing_for, teaching_staff
from lattice.people.models import District, RatingRecord, School, SchoolYear, StaffMember
from lattice.people.queries import current_school_year, today
from tests.cast import sign_in
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


@pytest.fixture
def rolled_back(demo: District, settings: Any, tmp_path: Path) -> Iterator[District]:
    settings.MEDIA_ROOT = tmp_path / "private"
    with transaction.atomic():
        yield demo
        transaction.set_rollback(True)


def _hr_file(district: District, folder: Path) -> tuple[Path, list[StaffMember], str]:
    """New ratings for two teachers (last school year) and a new hire at a demo school."""
    year = current_school_year(district)
    assert year is not None
    last = SchoolYear.objects.filter(district=district, start__lt=year.start).latest("start")
    column = f"rating_{last.label.replace('-', '_')}"
    teachers = list(teaching_staff(district).order_by("employee_id")[:2])
    school = School.objects.filter(district=district).order_by("name").first()
    assert school is not None
    lines = [
        f"employee_id,given_name,family_name,email,hire_date,school,position,fte,"
        f"prior_years_experience,degree,{column}",
        f"{teachers[0].employee_id},,,,,,,,,,Ineffective",
        f"{teachers[1].employee_id},,,,,,,,,,Highly Effective",
        f"MW990001,Noor,Haddad,noor.haddad@maplewood.example.org,{year.start:%Y-%m-%d},"
        f'"{school.name}",teacher,1,4,master,',
    ]
    path = folder / "hr-new-hire.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path, teachers, last.label


def _placed_paid_and_reconciled(district: District) -> StaffMember:
    noor = StaffMember.objects.get(district=district, employee_id="MW990001")
    read = standing_for(noor)
    assert read.fresh, read.why
    assert read.standing.status == StandingStatus.PLACED
    shown = pay_statement(noor)
    assert shown.total > 0
    plan = payroll(district, today())
    assert plan.blockers == []
    assert [(x.label, x.amount) for x in plan.lines_by_staff[noor.pk]] == [
        (x.label, x.amount) for x in shown.lines
    ]
    result = CliRunner().invoke(pay_group, ["reconcile", "--district", district.key])
    assert result.output.strip().splitlines()[-1] == "0 differences", result.output
    return noor


def test_the_hr_command_brings_ratings_and_a_hire_who_is_placed_and_paid(
    rolled_back: District, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    district = rolled_back
    path, teachers, label = _hr_file(district, tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        result = CliRunner().invoke(
            import_group, ["hr", str(path), "--district", district.key], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    assert "staff.create: Noor Haddad (employee id MW990001)" in result.output
    rating = RatingRecord.objects.get(staff_member=teachers[0], school_year__label=label)
    assert rating.label == "Ineffective"
    _placed_paid_and_reconciled(district)


def test_the_web_flow_brings_the_same_hire_who_is_placed_and_paid(
    rolled_back: District, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    district = rolled_back
    path, _, _ = _hr_file(district, tmp_path)
    officer = Client(HTTP_HOST="testserver")
    sign_in(officer, StaffMember.objects.get(user__username="officer").user)
    base = f"/imports/{district.key}"
    with django_capture_on_commit_callbacks(execute=True):
        upload = SimpleUploadedFile(path.name, path.read_bytes(), "text/csv")
        response = officer.post(f"{base}/hr/", {"file": upload})
    run = ImportRun.objects.get(district=district, kind="hr")
    assert run.status == ImportRun.Status.READY, run.errors
    page = officer.get(response["Location"]).content.decode()
    assert "Noor Haddad (employee id MW990001)" in page
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"{base}/runs/{run.pk}/apply/", {"confirm_count": ""})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED, run.message
    noor = _placed_paid_and_reconciled(district)
    assert noor.assignments.get().position == "teacher"


def test_the_hire_import_can_be_undone_although_pay_was_recomputed_since(
    rolled_back: District, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """The standings recomputed after the import are derived: they follow the undo too."""
    district = rolled_back
    path, _, _ = _hr_file(district, tmp_path)
    runner = CliRunner()
    with django_capture_on_commit_callbacks(execute=True):
        runner.invoke(import_group, ["hr", str(path), "--district", district.key])
    run = ImportRun.objects.get(district=district, kind="hr")
    with django_capture_on_commit_callbacks(execute=True):
        result = runner.invoke(import_group, ["undo", str(run.pk)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not StaffMember.objects.get(employee_id="MW990001").active
    reconciled = runner.invoke(pay_group, ["reconcile", "--district", district.key])
    assert reconciled.output.strip().splitlines()[-1] == "0 differences", reconciled.output
