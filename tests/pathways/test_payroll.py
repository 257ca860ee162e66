"""The payroll export: every pay line My path shows, from real role assignments and bonuses;
the same inputs give the same bytes; stale or unplaced teachers block it; every export is
audited. No part of Lattice is replaced by a stand-in here."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook

from lattice.audit.models import AuditEntry
from lattice.pathways import actions
from lattice.pathways.actions.payroll import PayrollBlocked
from lattice.pathways.queries import pay_statement
from lattice.people import actions as people_actions
from lattice.people.queries import today
from lattice.roles import actions as role_actions
from lattice.rules.records import school_year_label, school_year_of, school_year_start
from tests.cast import Cast
from tests.pathways.world import adopt

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a writer and then what its commit triggers (the standings recompute)."""

    def run(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def adopted(cast: Cast, committed: Callable[..., Any]) -> Cast:
    """Northfield on Baltimore's rules; Ada holds the Mentor role, Ben is a National Board
    Certified Teacher (Baltimore pays a $4,000 stipend for it)."""
    committed(
        people_actions.add_certificate, None, cast.teacher_other_school_staff,
        kind="National Board Certified Teacher", issued=dt.date(2020, 7, 1),
    )  # fmt: skip
    adopt(cast)
    officer = cast.user("officer")
    mentor = role_actions.install_template(officer, cast.district, "iowa-mentor", activate=True)
    year = committed(this_school_year, cast)
    committed(role_actions.assign_role, officer, mentor, cast.teacher_staff, year)
    return cast


def this_school_year(cast: Cast) -> Any:
    """The district's school year containing today (added when the cast has none yet)."""
    found = cast.district.school_years.filter(start__lte=today(), end__gte=today()).first()
    if found is not None:
        return found
    start = school_year_start(school_year_of(today()))
    return people_actions.add_school_year(
        None, cast.district, label=school_year_label(start.year), start=start,
        end=dt.date(start.year + 1, 6, 30),
    )  # fmt: skip


def _export(cast: Cast, file_format: str = "csv", **kwargs: Any) -> bytes:
    _, data, _ = actions.export_payroll(
        cast.user("officer"), cast.district, effective_date=today(), file_format=file_format,
        **kwargs,
    )  # fmt: skip
    return data


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def test_the_file_lists_every_pay_line_with_its_explanation(adopted: Cast) -> None:
    ada = [r for r in _rows(_export(adopted)) if r["employee_id"] == "N1001"]
    assert [(r["pay_kind"], r["pay_line"], r["amount"]) for r in ada] == [
        ("base", "Standard interval 2 salary", "48349"),
        ("stipend", "Mentor teacher stipend", "5000"),
    ]
    assert {r["annual_total"] for r in ada} == {"53349"}
    assert all(r["explanation"] for r in ada)
    assert ada[0]["standing"] == "Standard interval 2"


def test_role_stipends_and_bonuses_are_paid_from_real_records(adopted: Cast) -> None:
    lines = {(r["employee_id"], r["pay_line"]): r for r in _rows(_export(adopted))}
    assert lines[("N1001", "Mentor teacher stipend")]["reference"].startswith(
        "roles.RoleAssignment:"
    )
    assert lines[("N1002", "National Board Certification stipend")]["amount"] == "4000"


def test_the_file_pays_exactly_what_each_teacher_is_shown(adopted: Cast) -> None:
    rows = _rows(_export(adopted))
    for staff in (adopted.teacher_staff, adopted.teacher_other_school_staff):
        mine = [r for r in rows if r["employee_id"] == staff.employee_id]
        shown = pay_statement(staff)
        assert [(r["pay_line"], int(r["amount"])) for r in mine] == [
            (line.label, line.amount) for line in shown.lines
        ]
        assert int(mine[0]["annual_total"]) == shown.total


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_same_inputs_give_a_byte_identical_file(adopted: Cast, file_format: str) -> None:
    assert _export(adopted, file_format) == _export(adopted, file_format)


def test_the_xlsx_opens_with_the_same_rows_as_the_csv(adopted: Cast) -> None:
    sheet = load_workbook(io.BytesIO(_export(adopted, "xlsx"))).active
    rows = sheet.iter_rows(values_only=True)
    table = [["" if v is None else str(v) for v in row] for row in rows]
    assert table == list(csv.reader(io.StringIO(_export(adopted).decode())))


def test_each_export_is_audited_with_its_checksum(adopted: Cast) -> None:
    data = _export(adopted, "xlsx")
    entry = AuditEntry.objects.get(action="pathways.payroll.export")
    assert entry.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry.after["excluded"] == []


def test_a_stale_standing_blocks_the_export_and_names_the_teacher(adopted: Cast) -> None:
    # Recorded, but the recompute its commit triggers has not run: Ada's standing is stale.
    people_actions.record_rating(None, adopted.teacher_staff, adopted.last_year, "Effective")
    with pytest.raises(PayrollBlocked) as blocked:
        _export(adopted)
    (blocker,) = blocked.value.blockers
    assert blocker.employee_id == "N1001"
    assert "waiting for a recompute" in blocker.why
    assert "Recompute now" in blocker.fix


def test_leaving_blocked_teachers_out_is_deliberate_and_audited(adopted: Cast) -> None:
    people_actions.record_rating(None, adopted.teacher_staff, adopted.last_year, "Effective")
    rows = _rows(_export(adopted, exclude_blocked=True))
    assert "N1001" not in {r["employee_id"] for r in rows}
    entry = AuditEntry.objects.get(action="pathways.payroll.export")
    assert [e["employee_id"] for e in entry.after["excluded"]] == ["N1001"]


def test_an_unplaced_teacher_blocks_the_export_with_the_fix(
    adopted: Cast, committed: Callable[..., Any]
) -> None:
    committed(people_actions.record_rating, None, adopted.teacher_staff, adopted.year, "Superb")
    with pytest.raises(PayrollBlocked) as blocked:
        _export(adopted)
    (blocker,) = blocked.value.blockers
    assert "'Superb' is not in the baltimore-2010 vocabulary" in blocker.why
    assert blocker.fix


def test_the_xlsx_carries_the_effective_date_not_the_time_of_export(adopted: Cast) -> None:
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(_export(adopted, "xlsx")))
    core = archive.read("docProps/core.xml").decode()
    assert f"{today().isoformat()}T00:00:00Z</dcterms:modified>" in core
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_payroll_page_downloads_the_file(adopted: Cast, client_for: Any) -> None:
    response = client_for("officer").post(
        "/pathways/office/payroll/",
        {"effective_date": today().isoformat(), "file_format": "csv"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="payroll-northfield')
    assert b"Mentor teacher stipend" in response.content
