"""HR and evaluation files: the documented columns, XLSX, mapping, errors, idempotence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from click.testing import CliRunner

from lattice.imports import actions
from lattice.imports.hr.columns import parse_mapping_options
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
        "— import the roster first, add them as a new hire (columns given_name, family_name, "
        "hire_date, school, position), or correct the employee number",
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


HIRE_HEADER = (
    "employee_id,given_name,family_name,email,hire_date,school,position,fte,"
    "prior_years_experience,degree,rating_2025_26"
)
HIRE = (
    "N3001,Noor,Haddad,noor.haddad@northfield.example.org,2025-08-18,Birch Middle,teacher,0.8,4,MA,"
)


def test_a_new_employee_id_with_names_school_and_position_is_a_new_hire(cast, tmp_path):
    plan = _apply(_write(tmp_path, [HIRE, "N1001,,,,,,,,,,Developing"], HIRE_HEADER), cast.district)
    noor = StaffMember.objects.get(district=cast.district, employee_id="N3001")
    assert (noor.given_name, noor.family_name, noor.email) == (
        "Noor",
        "Haddad",
        "noor.haddad@northfield.example.org",
    )
    assert (noor.hire_date, noor.prior_years_experience) == (dt.date(2025, 8, 18), Decimal(4))
    assignment = noor.assignments.get()
    assert (assignment.school, assignment.school_year, assignment.position) == (
        cast.birch,
        cast.year,
        "teacher",
    )
    assert (assignment.fte, assignment.begin_date) == (Decimal("0.80"), dt.date(2025, 8, 18))
    assert Degree.objects.get(staff_member=noor).level == "masters"
    # the rest of the file is read as before: Ada's new rating
    assert RatingRecord.objects.get(
        staff_member=cast.teacher_staff, school_year=cast.year
    ).label == ("Developing")
    assert plan.counts()["tables"]["staff"]["create"] == 1
    assert plan.counts()["tables"]["assignments"]["create"] == 1


def test_the_new_hire_is_audited_with_what_the_file_said(cast, tmp_path):
    from lattice.audit.models import AuditEntry

    _apply(_write(tmp_path, [HIRE], HIRE_HEADER), cast.district)
    noor = StaffMember.objects.get(employee_id="N3001")
    entry = AuditEntry.objects.get(action="people.staff.create", staff_member=noor)
    assert entry.after["assignment"] == "Teacher at Birch Middle, 2025-26, 0.80 FTE"
    assert entry.after["hire_date"] == "2025-08-18"


def test_importing_the_same_hire_again_changes_nothing(cast, tmp_path):
    path = _write(tmp_path, [HIRE], HIRE_HEADER)
    _apply(path, cast.district)
    before = row_counts()
    plan = _apply(path, cast.district)
    assert not plan.has_changes
    assert row_counts() == before


def test_a_new_employee_id_without_the_hire_columns_names_what_is_missing(cast, tmp_path):
    rows = ["N3002,Noor,,,2025-08-18,Birch Middle,,,,,"]
    plan = prepare_hr(_write(tmp_path, rows, HIRE_HEADER), cast.district, today=TODAY)
    assert [str(e) for e in plan.errors] == [
        'hr.csv line 2: employee_id "N3002" is not a staff member of Northfield Public Schools '
        "— as a new hire the row also needs family_name, position — fill them, or correct the "
        "employee number"
    ]


def test_a_new_hires_school_position_fte_and_email_are_checked(cast, tmp_path):
    rows = ["N3003,Noor,Haddad,not-an-email,2025-08-18,Cedar High,janitor,1.5,,,"]
    plan = prepare_hr(_write(tmp_path, rows, HIRE_HEADER), cast.district, today=TODAY)
    assert [str(e) for e in plan.errors] == [
        'hr.csv line 2: email "not-an-email" is not an email address — write the work email, '
        "e.g. name@district.org, or leave it empty",
        'hr.csv line 2: school "Cedar High" is not a school of Northfield Public Schools — '
        "write the name or key of one of its schools: Alder Elementary, Birch Middle",
        'hr.csv line 2: position "janitor" is not a position Lattice knows — write one of '
        "teacher, principal, assistant principal, instructional coach, counselor, school nurse, "
        "librarian, specialist, aide, district administrator or other staff (or a title such as "
        "reading specialist, library media specialist, paraprofessional)",
        'hr.csv line 2: fte "1.5" is more than 1 — write a number of at most 1',
    ]
    assert not StaffMember.objects.filter(employee_id="N3003").exists()


def test_a_school_may_be_named_by_its_key_in_any_case(cast, tmp_path):
    rows = ["N3004,Noor,Haddad,,2025-08-18,ALDER,Instructional Coach,,,,"]
    _apply(_write(tmp_path, rows, HIRE_HEADER), cast.district)
    assignment = StaffMember.objects.get(employee_id="N3004").assignments.get()
    assert (assignment.school, assignment.position) == (cast.alder, "instructional_coach")


def test_a_new_employee_id_whose_email_belongs_to_someone_waits_on_the_review_list(cast, tmp_path):
    from lattice.imports.models import ImportRun, ReviewItem

    ada = cast.teacher_staff
    rows = [f"N3005,Ada,Teacher,{ada.email.upper()},2025-08-18,Alder Elementary,teacher,,,,"]
    path = _write(tmp_path, rows, HIRE_HEADER)
    plan = prepare_hr(path, cast.district, today=TODAY)
    assert not plan.errors
    run = actions.create_run(None, kind="hr", district=cast.district, origin="cli", file_names=[])
    actions.apply_plan(None, plan, run)
    assert not StaffMember.objects.filter(employee_id="N3005").exists()  # never a guess
    item = ReviewItem.objects.get(run=run)
    assert (item.kind, item.identifier, item.line) == ("hr", "N3005", 2)
    assert item.reason == (
        f"a new employee id, but email {ada.email.lower()} belongs to Ada Teacher (employee id "
        "N1001)"
    )
    assert run.status == ImportRun.Status.APPLIED


def test_linking_a_reviewed_hr_row_gives_the_person_its_employee_id(cast, tmp_path):
    from lattice.imports.models import ReviewItem

    ada = cast.teacher_staff
    rows = [f"N3005,Ada,Teacher,{ada.email},2025-08-18,Alder Elementary,teacher,,,,Developing"]
    path = _write(tmp_path, rows, HIRE_HEADER)
    run = actions.create_run(None, kind="hr", district=cast.district, origin="cli", file_names=[])
    actions.apply_plan(None, prepare_hr(path, cast.district, today=TODAY), run)
    actions.resolve_review_item(None, ReviewItem.objects.get(run=run), staff=ada)
    assert StaffMember.objects.get(pk=ada.pk).employee_id == "N3005"
    _apply(path, cast.district)  # the next import follows the decision: it updates Ada
    assert RatingRecord.objects.get(staff_member=ada, school_year=cast.year).label == "Developing"
    assert not StaffMember.objects.filter(employee_id="N3005").exclude(pk=ada.pk).exists()


def test_confirming_a_reviewed_hr_row_as_someone_new_adds_them_next_time(cast, tmp_path):
    from lattice.imports.models import ReviewItem

    ada = cast.teacher_staff
    rows = [f"N3006,Ada,Teacher,{ada.email},2025-08-18,Birch Middle,teacher,,,,"]
    path = _write(tmp_path, rows, HIRE_HEADER)
    run = actions.create_run(None, kind="hr", district=cast.district, origin="cli", file_names=[])
    actions.apply_plan(None, prepare_hr(path, cast.district, today=TODAY), run)
    actions.resolve_review_item(None, ReviewItem.objects.get(run=run), staff=None)
    _apply(path, cast.district)
    assert StaffMember.objects.get(employee_id="N3006").assignments.get().school == cast.birch


def test_undoing_an_hr_import_with_a_hire_makes_them_inactive_and_removes_the_rest(cast, tmp_path):
    from lattice.imports.undo import undo_import

    rows = [HIRE, "N1001,,,,,,,,,,Developing"]
    plan = prepare_hr(_write(tmp_path, rows, HIRE_HEADER), cast.district, today=TODAY)
    run = actions.create_run(None, kind="hr", district=cast.district, origin="cli", file_names=[])
    before = RatingRecord.objects.get(staff_member=cast.teacher_staff, school_year=cast.year).label
    actions.apply_plan(None, plan, run)
    undo_import(None, run)
    noor = StaffMember.objects.get(employee_id="N3001")
    assert not noor.active
    assert not noor.assignments.exists()
    assert not Degree.objects.filter(staff_member=noor).exists()
    after = RatingRecord.objects.get(staff_member=cast.teacher_staff, school_year=cast.year).label
    assert after == before
