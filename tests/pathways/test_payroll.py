"""The payroll export: the same inputs give the same bytes; every export is audited."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import pytest
from openpyxl import load_workbook

from lattice.audit.models import AuditEntry
from lattice.pathways import actions
from tests.cast import Cast
from tests.pathways.world import adopt

pytestmark = pytest.mark.django_db
PAY_DAY = dt.date(2026, 7, 1)


@pytest.fixture
def adopted(cast: Cast) -> Cast:
    adopt(cast)
    return cast


def _export(cast: Cast, file_format: str) -> bytes:
    _, data, _ = actions.export_payroll(
        cast.user("officer"), cast.district, effective_date=PAY_DAY, file_format=file_format
    )
    return data


def test_the_csv_lists_each_teacher_with_standing_and_pay(adopted: Cast) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(adopted, "csv").decode())))
    ada = next(r for r in rows if r["employee_id"] == "N1001")
    assert ada["standing"] == "Standard interval 2"
    assert ada["base_salary"] == "48349"
    assert ada["effective_date_of_change"] == "2026-06-30"
    assert [r["employee_id"] for r in rows] == sorted(r["employee_id"] for r in rows)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_same_inputs_give_a_byte_identical_file(adopted: Cast, file_format: str) -> None:
    assert _export(adopted, file_format) == _export(adopted, file_format)


def test_the_xlsx_opens_with_the_same_rows_as_the_csv(adopted: Cast) -> None:
    sheet = load_workbook(io.BytesIO(_export(adopted, "xlsx"))).active
    table = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert table == list(csv.reader(io.StringIO(_export(adopted, "csv").decode())))


def test_each_export_is_audited_with_its_checksum(adopted: Cast) -> None:
    data = _export(adopted, "xlsx")
    entry = AuditEntry.objects.get(action="pathways.export_payroll")
    assert entry.after["sha256"] == hashlib.sha256(data).hexdigest()


def test_leadership_supplements_come_from_the_roles_app_when_it_has_them(
    adopted: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lattice.pathways.actions.payroll as payroll

    monkeypatch.setattr(payroll, "role_supplements", lambda staff, on: 2500)
    rows = list(csv.DictReader(io.StringIO(_export(adopted, "csv").decode())))
    assert {r["supplements"] for r in rows} == {"2500"}


def test_the_xlsx_carries_the_effective_date_not_the_time_of_export(adopted: Cast) -> None:
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(_export(adopted, "xlsx")))
    core = archive.read("docProps/core.xml").decode()
    assert "2026-07-01T00:00:00Z</dcterms:modified>" in core
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
