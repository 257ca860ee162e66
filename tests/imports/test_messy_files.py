"""Real files are messy: every case the issue lists is read, or rejected with a clear fix."""

from __future__ import annotations

import datetime as dt

from lattice.imports.oneroster import ROLES_12, USERS_12
from lattice.people.models import Assignment, StaffMember
from tests.imports.files import ROLES, STAFF, STUDENTS, csv_text, write_package_11, write_package_12
from tests.imports.helpers import import_roster, messages, plan_for


def _rewrite(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))


def test_a_utf8_file_with_a_byte_order_mark_reads_its_first_header(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    users = folder / "users.csv"
    _rewrite(users, "\ufeff" + users.read_text(encoding="utf-8"))
    import_roster(folder, cast.district)
    assert StaffMember.objects.filter(sourced_id="u-new").exists()


def test_a_windows_1252_file_keeps_accented_names(cast, tmp_path):
    staff = [{**STAFF[2], "givenName": "José", "familyName": "Müller–Ñúñez"}]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=[ROLES[2]])
    users = folder / "users.csv"
    _rewrite(users, users.read_text(encoding="utf-8"), "cp1252")
    import_roster(folder, cast.district)
    person = StaffMember.objects.get(sourced_id="u-new")
    assert (person.given_name, person.family_name) == ("José", "Müller–Ñúñez")


def test_quoted_commas_and_newlines_stay_in_their_cell_and_lines_stay_right(cast, tmp_path):
    staff = [
        {**STAFF[0], "familyName": "Teacher, Jr.", "userIds": "{LDAP:ada}\n{LTI:77}"},
        {**STAFF[2], "email": "not-an-email"},
    ]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=[ROLES[0], ROLES[2]])
    plan = plan_for(folder, cast.district)
    # Ada's row spans lines 2-3, so Nia's row starts on line 4
    assert messages(plan) == [
        'users.csv line 4: email "not-an-email" is not an email address '
        "— correct the address or leave the cell empty"
    ]


def test_blank_lines_and_trailing_delimiters_are_ignored(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    for name in ("users.csv", "roles.csv", "orgs.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\r\n")
        path.write_text(
            "\r\n\r\n".join(line + "," for line in lines if line) + "\r\n\r\n",
            encoding="utf-8",
            newline="",
        )
    plan = import_roster(folder, cast.district)
    assert plan.counts()["tables"]["staff"]["create"] == 2


def test_duplicate_sourced_ids_are_reported_with_both_lines(cast, tmp_path):
    folder = write_package_12(tmp_path / "or", staff=[STAFF[0], STAFF[2], STAFF[0]])
    assert (
        'users.csv line 4: sourcedId "u-ada" already appears on line 2 — each user must '
        "appear once — remove the duplicate row" in messages(plan_for(folder, cast.district))
    )


def test_mixed_case_booleans_are_read(cast, tmp_path):
    staff = [{**STAFF[2], "enabledUser": "FALSE"}, {**STAFF[3], "enabledUser": "True"}]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=ROLES[2:4])
    import_roster(folder, cast.district)
    assert not StaffMember.objects.get(sourced_id="u-new").active
    assert StaffMember.objects.get(sourced_id="u-coach").active


def test_a_boolean_that_is_not_one_names_the_fix(cast, tmp_path):
    folder = write_package_12(
        tmp_path / "or", staff=[{**STAFF[2], "enabledUser": "maybe"}], roles=[ROLES[2]]
    )
    assert messages(plan_for(folder, cast.district)) == [
        'users.csv line 2: enabledUser "maybe" is not true or false — write true or false'
    ]


def test_iso_and_us_dates_are_both_read(cast, tmp_path):
    roles = [
        {**ROLES[0], "beginDate": "08/26/2019"},
        {**ROLES[2], "beginDate": "2025-08-20", "endDate": "6/30/2026"},
    ]
    folder = write_package_12(tmp_path / "or", staff=[STAFF[0], STAFF[2]], roles=roles)
    import_roster(folder, cast.district)
    assert Assignment.objects.get(sourced_id="r-ada").begin_date == dt.date(2019, 8, 26)
    assert Assignment.objects.get(sourced_id="r-new").end_date == dt.date(2026, 6, 30)


def test_an_ambiguous_date_is_rejected_with_both_readings(cast, tmp_path):
    roles = [{**ROLES[2], "beginDate": "03/04/2025"}]
    folder = write_package_12(tmp_path / "or", staff=[STAFF[2]], roles=roles)
    assert messages(plan_for(folder, cast.district)) == [
        'roles.csv line 2: beginDate "03/04/2025" is ambiguous: it could be Mar 4, 2025 '
        "(US month/day) or Apr 3, 2025 (day/month) — write dates as YYYY-MM-DD "
        "(e.g. 2024-08-26)"
    ]


def test_another_date_in_the_file_settles_an_ambiguous_one(cast, tmp_path):
    roles = [
        {**ROLES[2], "beginDate": "03/04/2025"},
        {**ROLES[3], "beginDate": "25/08/2025"},
    ]  # day-first file
    folder = write_package_12(tmp_path / "or", staff=STAFF[2:4], roles=roles)
    import_roster(folder, cast.district)
    assert Assignment.objects.get(sourced_id="r-new").begin_date == dt.date(2025, 4, 3)


def test_an_unknown_school_is_reported_as_the_issue_shows(cast, tmp_path):
    folder = write_package_11(tmp_path / "o11")
    users = folder / "users.csv"
    users.write_text(
        users.read_text(encoding="utf-8").replace('"sch-2,sch-3"', '"sch-2,sch-99"'),
        encoding="utf-8",
        newline="",
    )
    assert messages(plan_for(folder, cast.district)) == [
        'users.csv line 5: orgSourcedIds "sch-99" is not in orgs.csv — add the school or '
        "correct the id"
    ]


def test_all_errors_are_reported_at_once_up_to_a_cap(cast, tmp_path):
    staff = [
        {**STAFF[2], "sourcedId": f"u-{n}", "identifier": f"X{n}", "email": "bad"}
        for n in range(250)
    ]
    roles = [{**ROLES[2], "sourcedId": f"r-{n}", "userSourcedId": f"u-{n}"} for n in range(250)]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=roles)
    plan = plan_for(folder, cast.district)
    assert plan.errors.total == 250
    assert len(plan.errors.items) == 200
    assert plan.errors.truncated == 50


def test_student_rows_are_never_echoed_in_errors(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    users = folder / "users.csv"
    users.write_text(
        csv_text(USERS_12, STAFF + [{**s, "email": "bad address"} for s in STUDENTS]),
        encoding="utf-8",
        newline="",
    )
    roles = folder / "roles.csv"
    roles.write_text(
        csv_text(ROLES_12, [*ROLES, {**ROLES[-2], "orgSourcedId": "sch-99"}]),
        encoding="utf-8",
        newline="",
    )
    found = messages(plan_for(folder, cast.district))
    # A student's role pointing at a missing school is reported (the school's id is not a
    # student's data); the student's own values never are: no names, ids or emails.
    assert 'roles.csv line 13: orgSourcedId "sch-99" is not in orgs.csv' in found[0]
    assert "userSourcedId (empty) names a user who is not in users.csv" in " ".join(found)
    assert not any(word in line for line in found for word in ("Kid", "stu-", "bad address"))
