"""What the hardening probe found in imports (issue #20), each refused or reported with a
message that says what to do: bounds on decompressed size, file count, cells, lines and
uploads; encodings that must not be guessed; NUL bytes; ratings without a vocabulary; HR
columns dropped silently; formulas without a saved value; work done by the task worker."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from lattice.imports import package
from lattice.imports.columns import USERS_12
from lattice.imports.models import ImportRun
from lattice.imports.service import prepare_hr
from lattice.people.models import RatingRecord, StaffMember
from tests.imports.files import PARENTS, STAFF, STUDENTS, csv_text, write_package_12
from tests.imports.helpers import messages, plan_for, row_counts

BASE = "/imports/northfield"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _users_bytes(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    return csv_text(USERS_12, rows).encode(encoding)


def test_a_zip_that_expands_a_thousand_times_is_refused_before_reading(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    bomb = tmp_path / "roster.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
        with archive.open("padding.csv", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(12):  # 12 MB of zeros compress to about 12 KB
                member.write(block)
    assert bomb.stat().st_size < 200_000
    found = messages(plan_for(bomb, cast.district))
    assert len(found) == 1
    assert "roster.zip: roster.zip: padding.csv would expand from" in found[0]
    assert "far more than any real roster compresses" in found[0]


def test_more_files_than_a_package_has_are_refused(cast, tmp_path):
    target = tmp_path / "many.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for n in range(package.MAX_FILES + 1):
            archive.writestr(f"f{n}.csv", "a\r\n1\r\n")
    found = messages(plan_for(target, cast.district))
    assert f"many.zip holds {package.MAX_FILES + 1} files" in found[0]


def test_a_cell_longer_than_the_limit_is_an_error_not_dropped(cast, tmp_path):
    from lattice.imports.csvsource import MAX_CELL

    folder = write_package_12(tmp_path / "or")
    huge = {**STAFF[0], "familyName": "x" * (MAX_CELL + 10)}
    text = csv_text(USERS_12, [huge, *STAFF[1:], *STUDENTS, *PARENTS]).replace(
        "x" * (MAX_CELL + 10), '"' + "x" * (MAX_CELL + 10) + '"'
    )
    (folder / "users.csv").write_text(text, encoding="utf-8", newline="")
    found = messages(plan_for(folder, cast.district))
    assert any(
        "users.csv line 2: has a cell longer than 65,536 characters (the limit for one cell)" in m
        for m in found
    ), found


def test_a_line_longer_than_the_limit_is_an_error_and_never_held_whole(cast, tmp_path):
    from lattice.imports.csvsource import MAX_LINE

    folder = write_package_12(tmp_path / "or")
    rows = csv_text(USERS_12, [*STAFF, *STUDENTS, *PARENTS]).splitlines(keepends=True)
    rows.insert(2, "y" * (MAX_LINE * 3) + "\r\n")
    (folder / "users.csv").write_text("".join(rows), encoding="utf-8", newline="")
    found = messages(plan_for(folder, cast.district))
    assert any("users.csv line 3: is longer than 1,048,576 characters" in m for m in found)


def test_one_stray_windows_1252_byte_is_named_by_line_not_a_whole_file_guess(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    people = [{**STAFF[0], "givenName": "Zoë"}, {**STAFF[1], "familyName": "Ibáñez"}, *STAFF[2:]]
    good = _users_bytes(people + STUDENTS + PARENTS)
    stray = good.replace("Ibáñez".encode(), "Ibáñez".encode("cp1252"))
    (folder / "users.csv").write_bytes(stray)
    found = messages(plan_for(folder, cast.district))
    assert found == [
        "users.csv line 3: is not valid UTF-8 (byte 0xE1 at character "
        f"{stray.splitlines()[2].index(b'Ib') + 3}), although the rest of the file is UTF-8 — "
        "save the file again as UTF-8 (CSV UTF-8); this line was written in another encoding, "
        "and guessing would garble names"
    ]
    assert not StaffMember.objects.filter(given_name="ZoÃ«").exists()


def test_a_utf16_file_is_named_as_such(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    (folder / "users.csv").write_bytes(_users_bytes(STAFF, "utf-16"))
    found = messages(plan_for(folder, cast.district))
    assert (
        "users.csv: is saved as UTF-16 (Unicode text), which Lattice does not read — save it "
        "again as CSV UTF-8" in found[0]
    )
    assert not any("no column sourcedId" in m for m in found)


def test_a_semicolon_separated_file_is_named_as_such(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    text = csv_text(USERS_12, STAFF).replace(",", ";")
    (folder / "users.csv").write_text(text, encoding="utf-8", newline="")
    found = messages(plan_for(folder, cast.district))
    assert any(
        "users.csv line 1: " in m and "separates its columns with semicolons (;), not commas" in m
        for m in found
    ), found
    assert not any("no column sourcedId" in m for m in found)


def test_a_nul_byte_in_a_name_is_refused(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    people = [{**STAFF[0], "givenName": "Ada\x00"}, *STAFF[1:]]
    (folder / "users.csv").write_bytes(_users_bytes(people + STUDENTS + PARENTS))
    before = row_counts()
    found = messages(plan_for(folder, cast.district))
    assert found[0].startswith("users.csv line 2: holds a NUL character (a zero byte)")
    assert row_counts() == before


def _hr(tmp_path, text: str, name: str = "hr.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_rating_vocabulary_no_label_is_stored_and_the_page_asks(
    cast, tmp_path, client_for
):
    cast.district.rating_labels = []
    cast.district.save(update_fields=["rating_labels"])
    path = _hr(tmp_path, "employee_id,rating_2024_25\r\nN1001,Superb\r\nN1002,Effective\r\n")
    plan = prepare_hr(path, cast.district)
    assert messages(plan) == [
        'hr.csv: rating_2024_25 "Effective, Superb" are ratings, but Northfield Public Schools '
        "has no rating vocabulary yet, so Lattice cannot tell a rating from a typo (nothing was "
        "stored) — list the district's ratings, lowest first, on this page, then read the file "
        "again"
    ]
    assert plan.extra["needs_vocabulary"] == ["Effective", "Superb"]
    officer = client_for("officer")
    officer.post(f"{BASE}/hr/", {"file": SimpleUploadedFile("hr.csv", path.read_bytes())})
    run = ImportRun.objects.get(kind="hr")
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "Which ratings does Northfield Public Schools use?" in page
    officer.post(
        f"{BASE}/runs/{run.pk}/vocabulary/",
        {"labels": "Ineffective\nDeveloping\nEffective\nHighly Effective"},
    )
    cast.district.refresh_from_db()
    assert cast.district.rating_labels[-1] == "Highly Effective"
    run.refresh_from_db()
    from lattice.imports.errors import problems_from_dicts

    assert [str(p) for p in problems_from_dicts(run.errors)] == [
        'hr.csv line 2: rating_2024_25 "Superb" is not one of the district\'s ratings — write '
        "one of: Ineffective, Developing, Effective, Highly Effective"
    ]
    assert not RatingRecord.objects.filter(label="Superb").exists()


def test_an_unknown_hr_column_is_reported_not_dropped_silently(cast, tmp_path):
    path = _hr(tmp_path, "employee_id,Badge Colour,hire_date\r\nN1001,green,2019-08-15\r\n")
    plan = prepare_hr(path, cast.district)
    assert not plan.errors
    assert [str(w) for w in plan.warnings] == [
        'hr.csv line 1: Badge Colour "Badge Colour" (column 2) is not a column Lattice knows, '
        "so it was not read — map it to a Lattice column with “Change the column mapping”, or "
        "choose “Ignore this column” there to silence this warning"
    ]
    assert not prepare_hr(path, cast.district, mapping={"Badge Colour": ""}).warnings


def test_an_xlsx_formula_without_a_saved_value_is_reported_not_read_as_blank(cast, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["employee_id", "prior_years_experience"])
    sheet.append(["N1001", "=2+2"])  # openpyxl writes the formula; no program computed it
    path = tmp_path / "hr.xlsx"
    book.save(path)
    plan = prepare_hr(path, cast.district)
    assert messages(plan) == [
        'hr.xlsx line 2: prior_years_experience "=2+2" (cell B2) holds a formula whose result '
        "was never saved, so its value is unknown — open the file in Excel, let it calculate "
        "and save it again, or paste the values instead of formulas"
    ]


def test_an_hr_upload_larger_than_the_limit_is_refused_with_the_size(cast, client_for):
    from lattice.imports import forms

    big = SimpleUploadedFile("hr.csv", b"employee_id\r\n" + b"N1,\r\n" * 10)
    big.size = forms.HR_MAX_BYTES + 1
    form = forms.HrUploadForm(files={"file": big})
    assert not form.is_valid()
    assert "more than the 20 MB Lattice accepts for an HR file" in str(form.errors)


def test_an_upload_declaring_more_than_the_limit_is_refused_before_it_is_read(cast, client_for):
    from lattice.imports import forms

    officer = client_for("officer")
    response = officer.post(
        f"{BASE}/hr/",
        {"file": SimpleUploadedFile("hr.csv", b"employee_id\r\nN1001\r\n")},
        CONTENT_LENGTH=str(forms.HR_MAX_BYTES * 3),
    )
    assert response.status_code == 413
    assert "larger than 20 MB, the most Lattice accepts" in response.content.decode()
    assert not ImportRun.objects.exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_web_request_stores_the_upload_and_the_task_worker_reads_it(cast, client_for):
    from django_tasks_db.models import DBTaskResult

    response = client_for("officer").post(
        f"{BASE}/hr/", {"file": SimpleUploadedFile("hr.csv", b"employee_id\r\nN1001\r\n")}
    )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.QUEUED  # not read in the web process
    assert DBTaskResult.objects.filter(task_path="lattice.imports.tasks.parse_run").count() == 1


def test_an_uploaded_zip_is_bounded_like_a_folder(cast, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("users.csv", "sourcedId\r\n")
    assert package.MAX_UNCOMPRESSED >= 1024**3


def _workbook(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_hr_workbook_that_would_expand_a_thousand_times_is_refused_before_reading(
    cast, tmp_path
):
    path = _workbook(tmp_path / "hr.xlsx", [["employee_id", "prior_years_experience"]])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w") as member,
    ):
        for _ in range(12):  # 12 MB of zeros compress to about 12 KB
            member.write(b"\0" * (1 << 20))
    assert path.stat().st_size < 200_000
    assert messages(prepare_hr(path, cast.district)) == [
        "hr.xlsx: would expand its part xl/media/padding.bin from 0 MB to 12 MB, far more "
        "than any real spreadsheet compresses — it looks damaged or malicious — save only the "
        "sheet Lattice reads, as .xlsx or .csv, and upload that"
    ]


def test_an_hr_workbook_larger_than_the_bound_once_expanded_is_refused(cast, tmp_path, monkeypatch):
    from lattice.imports.hr import reader

    monkeypatch.setattr(reader, "MAX_XLSX_EXPANDED", 4096)
    path = _workbook(tmp_path / "hr.xlsx", [["employee_id"], *[[f"N{n}"] for n in range(300)]])
    (message,) = messages(prepare_hr(path, cast.district))
    assert message.startswith("hr.xlsx: would expand to 0 MB, more than the 0 MB Lattice reads")


def test_an_hr_workbook_cell_cut_at_the_spreadsheet_limit_is_an_error_not_stored_short(
    cast, tmp_path
):
    long_value = "x" * 70_000  # openpyxl reads it back cut to 32,767 characters
    path = _workbook(
        tmp_path / "hr.xlsx",
        [["employee_id", "prior_years_experience"], ["N1001", long_value]],
    )
    (message,) = messages(prepare_hr(path, cast.district))
    assert message.startswith('hr.xlsx line 2: prior_years_experience "xxxx')
    assert "(cell B2) reaches the 32,767 characters a spreadsheet cell may hold" in message
