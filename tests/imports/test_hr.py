"""HR and evaluation files: the documented columns, XLSX, mapping, errors, idempotence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from click.testing import CliRunner

from lattice.imports import actions
from lattice.imports.hr import parse_mapping_options
from lattice.imports.service import prepare_hr
from lattice.people.models import Certificate, CreditRecord, Degree, RatingRecord, StaffMember
from tests.imports.helpers import row_counts

TODAY = dt.date(2025, 10, 1)
HEADER = (
    "employee_id,hire_date,prior_years_experience,degree,degree_field,graduate_credits,"
    "certificate_kind,certificate_issued,certificate_expires,rating_2024_25,rating_2025_26"
)
ROWS = [
    "N1001,2018-08-20,3.5,MEd,Mathematics Education,12,Standard Professional Certificate,"
    "07/01/2019,06/30/2029,highly effective,Effective",
    "N1002,08/15/2020,0,bachelor,,,,,,,Developing",
]


def _write(tmp_path, rows=ROWS, header=HEADER, name="hr.csv"):
    path = tmp_path / name
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return path


def _apply(path, district, **kwargs):
    plan = prepare_hr(path, district, today=TODAY, **kwargs)
    assert not plan.errors, [str(e) for e in plan.errors]
    actions.apply_plan(None, plan)
    return plan


def test_the_documented_columns_fill_staff_degrees_credits_certificates_and_ratings(cast, tmp_path):
    _apply(_write(tmp_path), cast.district)
    ada = StaffMember.objects.get(pk=cast.teacher_staff.pk)
    assert (ada.hire_date, ada.prior_years_experience) == (dt.date(2018, 8, 20), Decimal("3.5"))
    assert Degree.objects.get(staff_member=ada).level == "masters"
    assert CreditRecord.objects.get(staff_member=ada).credits == Decimal("12")
    certificate = Certificate.objects.get(staff_member=ada)
    assert (certificate.issued, certificate.expires) == (dt.date(2019, 7, 1), dt.date(2029, 6, 30))
    # ratings match the district's vocabulary whatever their case, and replace older values
    assert (
        RatingRecord.objects.get(staff_member=ada, school_year=cast.last_year).label
        == "Highly Effective"
    )
    assert RatingRecord.objects.get(staff_member=ada, school_year=cast.year).label == "Effective"


def test_a_second_hr_import_changes_nothing(cast, tmp_path):
    path = _write(tmp_path)
    _apply(path, cast.district)
    before = row_counts()
    plan = _apply(path, cast.district)
    assert not plan.has_changes
    assert row_counts() == before


def test_an_xlsx_file_with_real_dates_reads_like_the_csv(cast, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "N1001",
            dt.datetime(2018, 8, 20),
            3.5,
            "Master's",
            "",
            12,
            "Standard Professional Certificate",
            dt.datetime(2019, 7, 1),
            None,
            "Highly Effective",
            None,
        ]
    )
    sheet.append([None] * 3)  # a blank row
    path = tmp_path / "hr.xlsx"
    workbook.save(path)
    _apply(path, cast.district)
    ada = StaffMember.objects.get(pk=cast.teacher_staff.pk)
    assert ada.hire_date == dt.date(2018, 8, 20)
    assert Certificate.objects.get(staff_member=ada).expires is None


def test_hr_errors_name_row_column_value_and_fix_all_at_once(cast, tmp_path):
    rows = ["N9999,2018-08-20,,,,,,,,,", "N1001,03/04/2018,,,,,,,,Superb,", "N1002,,75,,,,,,,,"]
    plan = prepare_hr(_write(tmp_path, rows), cast.district, today=TODAY)
    assert [str(e) for e in plan.errors] == [
        'hr.csv line 2: employee_id "N9999" is not a staff member of Northfield Public Schools '
        "— import the roster first, or correct the employee number",
        'hr.csv line 3: hire_date "03/04/2018" is ambiguous: it could be Mar 4, 2018 (US '
        "month/day) or Apr 3, 2018 (day/month) — write dates as YYYY-MM-DD (e.g. 2024-08-26)",
        'hr.csv line 3: rating_2024_25 "Superb" is not one of the district\'s ratings — write '
        "one of: Ineffective, Developing, Effective, Highly Effective",
        'hr.csv line 4: prior_years_experience "75" is more than 60 — write a number of at most 60',
    ]


def test_a_rating_for_a_year_the_district_lacks_is_refused(cast, tmp_path):
    plan = prepare_hr(
        _write(tmp_path, ["N1001,Effective"], "employee_id,rating_2019_20"),
        cast.district,
        today=TODAY,
    )
    assert [str(e) for e in plan.errors] == [
        'hr.csv line 2: rating_2019_20 "Effective" is for school year 2019-20, which Northfield '
        "Public Schools does not have in Lattice — import the roster's academic sessions first,"
        " or remove the column"
    ]


def test_headers_that_differ_are_mapped_by_alias_or_by_choice(cast, tmp_path):
    path = _write(tmp_path, ["N1001,2017-08-21,Effective"], "Emp No,Start,Eval 2025-26")
    plan = prepare_hr(
        path,
        cast.district,
        today=TODAY,
        mapping={"Start": "hire_date", "Eval 2025-26": "rating_2025_26"},
    )
    assert plan.extra["mapping"] == {
        "Emp No": "employee_id",
        "Start": "hire_date",
        "Eval 2025-26": "rating_2025_26",
    }
    assert not plan.errors


def test_a_file_without_an_employee_id_column_asks_for_a_mapping(cast, tmp_path):
    plan = prepare_hr(_write(tmp_path, ["N1001"], "Badge"), cast.district, today=TODAY)
    assert plan.extra["needs_mapping"]
    assert "no column holds the employee id" in str(plan.errors.items[0])


def test_mapping_options_reject_unknown_columns():
    assert parse_mapping_options(["Emp No=employee_id"]) == {"Emp No": "employee_id"}
    with pytest.raises(ValueError, match="not a Lattice column"):
        parse_mapping_options(["Emp No=salary"])


def test_the_hr_command_imports_and_can_save_the_mapping(cast, tmp_path):
    from lattice.cli.imports import import_group
    from lattice.imports.models import ColumnMapping

    path = _write(tmp_path, ["N1001,2017-08-21"], "Badge,Start")
    result = CliRunner().invoke(
        import_group,
        [
            "hr",
            str(path),
            "--district",
            "northfield",
            "--mapping",
            "Badge=employee_id",
            "--mapping",
            "Start=hire_date",
            "--save-mapping",
            "--quiet",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert StaffMember.objects.get(pk=cast.teacher_staff.pk).hire_date == dt.date(2017, 8, 21)
    assert ColumnMapping.objects.get(district=cast.district).mapping["Badge"] == "employee_id"
