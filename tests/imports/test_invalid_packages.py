"""The invalid-package corpus: one package per rule of the OneRoster 1.1 / 1.2 CSV
specifications, each refused by ``lattice import oneroster`` with a message that names the
file, line, column, value and fix — and nothing written.

Each case starts from the valid 1.2 (or 1.1) package of ``tests/imports/files.py`` and breaks
one rule. Messages are asserted in full where the wording is the point.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from lattice.cli.imports import import_group
from lattice.imports.columns import ROLES_12, SESSIONS_12, USERS_11, USERS_12
from lattice.imports.models import ImportRun
from tests.imports.files import (
    CLASSES,
    CLASSES_HEADER,
    ENROLLMENTS,
    ENROLLMENTS_HEADER,
    ORGS,
    ORGS_HEADER,
    PARENTS,
    ROLES,
    SESSIONS,
    STAFF,
    STUDENTS,
    csv_text,
    manifest,
    write_package_11,
    write_package_12,
)
from tests.imports.helpers import row_counts


def _rewrite(folder: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    (folder / name).write_text(csv_text(header, rows), encoding="utf-8", newline="")


def _users(folder: Path, staff: list[dict[str, str]]) -> None:
    _rewrite(folder, "users.csv", USERS_12, staff + STUDENTS + PARENTS)


def orgs_parent_missing(folder: Path) -> None:
    orgs = [
        *ORGS,
        {
            "sourcedId": "dept-1",
            "name": "Science",
            "type": "department",
            "parentSourcedId": "sch-404",
        },
    ]
    _rewrite(folder, "orgs.csv", ORGS_HEADER, orgs)


def school_under_school(folder: Path) -> None:
    orgs = [*ORGS[:3], {**ORGS[3], "parentSourcedId": "sch-1"}]
    _rewrite(folder, "orgs.csv", ORGS_HEADER, orgs)


def org_type_unknown(folder: Path) -> None:
    _rewrite(folder, "orgs.csv", ORGS_HEADER, [*ORGS[:3], {**ORGS[3], "type": "campus"}])


def org_status_unknown(folder: Path) -> None:
    _rewrite(folder, "orgs.csv", ORGS_HEADER, [*ORGS[:3], {**ORGS[3], "status": "archived"}])


def session_type_unknown(folder: Path) -> None:
    sessions = [*SESSIONS[:2], {**SESSIONS[2], "type": "quarter"}]
    _rewrite(folder, "academicSessions.csv", SESSIONS_12, sessions)


def session_parent_missing(folder: Path) -> None:
    sessions = [*SESSIONS[:2], {**SESSIONS[2], "parentSourcedId": "sy-1999"}]
    _rewrite(folder, "academicSessions.csv", SESSIONS_12, sessions)


def school_year_not_a_year(folder: Path) -> None:
    sessions = [SESSIONS[0], {**SESSIONS[1], "schoolYear": "20X5"}, SESSIONS[2]]
    _rewrite(folder, "academicSessions.csv", SESSIONS_12, sessions)


def session_date_not_a_date(folder: Path) -> None:
    sessions = [SESSIONS[0], {**SESSIONS[1], "endDate": "2026-02-30"}, SESSIONS[2]]
    _rewrite(folder, "academicSessions.csv", SESSIONS_12, sessions)


def date_time_not_one(folder: Path) -> None:
    _rewrite(folder, "orgs.csv", ORGS_HEADER, [*ORGS[:3], {**ORGS[3], "dateLastModified": "soon"}])


def enabled_user_not_boolean(folder: Path) -> None:
    _users(folder, [STAFF[0], {**STAFF[1], "enabledUser": "maybe"}, *STAFF[2:]])


def primary_org_missing(folder: Path) -> None:
    _users(folder, [{**STAFF[0], "primaryOrgSourcedId": "sch-404"}, *STAFF[1:]])


def role_user_missing(folder: Path) -> None:
    roles = [*ROLES, {**ROLES[0], "sourcedId": "r-ghost", "userSourcedId": "u-ghost"}]
    _rewrite(folder, "roles.csv", ROLES_12, roles)


def role_org_missing(folder: Path) -> None:
    _rewrite(folder, "roles.csv", ROLES_12, [{**ROLES[0], "orgSourcedId": "sch-404"}, *ROLES[1:]])


def role_type_unknown(folder: Path) -> None:
    _rewrite(folder, "roles.csv", ROLES_12, [{**ROLES[0], "roleType": "main"}, *ROLES[1:]])


def role_from_11_in_12(folder: Path) -> None:
    _rewrite(
        folder,
        "roles.csv",
        ROLES_12,
        [*ROLES[:1], {**ROLES[1], "role": "administrator"}, *ROLES[2:]],
    )


def role_date_not_a_date(folder: Path) -> None:
    _rewrite(folder, "roles.csv", ROLES_12, [{**ROLES[0], "beginDate": "2019-13-45"}, *ROLES[1:]])


def enrolment_class_missing(folder: Path) -> None:
    rows = [*ENROLLMENTS, {**ENROLLMENTS[1], "sourcedId": "e-x", "classSourcedId": "cls-404"}]
    _rewrite(folder, "enrollments.csv", ENROLLMENTS_HEADER, rows)


def enrolment_user_missing(folder: Path) -> None:
    rows = [*ENROLLMENTS, {**ENROLLMENTS[1], "sourcedId": "e-x", "userSourcedId": "stu-404"}]
    _rewrite(folder, "enrollments.csv", ENROLLMENTS_HEADER, rows)


def enrolment_role_unknown(folder: Path) -> None:
    rows = [{**ENROLLMENTS[0], "role": "principal"}, *ENROLLMENTS[1:]]
    _rewrite(folder, "enrollments.csv", ENROLLMENTS_HEADER, rows)


def class_term_missing(folder: Path) -> None:
    _rewrite(folder, "classes.csv", CLASSES_HEADER, [{**CLASSES[0], "termSourcedIds": "t-404"}])


def class_type_unknown(folder: Path) -> None:
    _rewrite(folder, "classes.csv", CLASSES_HEADER, [{**CLASSES[0], "classType": "lecture"}])


def header_only_users(folder: Path) -> None:
    (folder / "users.csv").write_text(",".join(USERS_12) + "\r\n", encoding="utf-8")


def absent_file_present(folder: Path) -> None:
    text = manifest("1.2").replace("file.orgs,bulk", "file.orgs,absent")
    (folder / "manifest.csv").write_text(text, encoding="utf-8", newline="")


def manifest_mode_unknown(folder: Path) -> None:
    text = manifest("1.2").replace("file.users,bulk", "file.users,full")
    (folder / "manifest.csv").write_text(text, encoding="utf-8", newline="")


def two_packages(folder: Path) -> None:
    other = folder / "second-district"
    write_package_12(other)


def role_from_12_in_11(folder: Path) -> None:
    users = (folder / "users.csv").read_text(encoding="utf-8")
    (folder / "users.csv").write_text(
        users.replace(",administrator,", ",principal,"), encoding="utf-8", newline=""
    )


CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "an org's parent is missing",
        orgs_parent_missing,
        'orgs.csv line 6: parentSourcedId "sch-404" is not in orgs.csv — add the parent org '
        "to orgs.csv, correct the id, or leave it empty",
    ),
    (
        "a school's parent is a school",
        school_under_school,
        'orgs.csv line 5: parentSourcedId "sch-1" is a school (orgs.csv line 3), not a district'
        " — a school's parent must be its district — set parentSourcedId to the district's "
        "sourcedId",
    ),
    (
        "an org type outside the vocabulary",
        org_type_unknown,
        'orgs.csv line 5: type "campus" is not a OneRoster 1.2 org type — write one of '
        "department, district, local, national, school, state, or ext:…",
    ),
    (
        "a status outside the vocabulary",
        org_status_unknown,
        'orgs.csv line 5: status "archived" is not a OneRoster 1.2 status',
    ),
    (
        "a session type outside the vocabulary",
        session_type_unknown,
        'academicSessions.csv line 4: type "quarter" is not a OneRoster 1.2 session type',
    ),
    (
        "a session's parent is missing",
        session_parent_missing,
        'academicSessions.csv line 4: parentSourcedId "sy-1999" is not a session in '
        "academicSessions.csv",
    ),
    (
        "a schoolYear that is not a year",
        school_year_not_a_year,
        'academicSessions.csv line 3: schoolYear "20X5" is not a year (four digits) — write the '
        "year the school year ends, e.g. 2026 for 2025-26",
    ),
    (
        "a date that is not a real date",
        session_date_not_a_date,
        'academicSessions.csv line 3: endDate "2026-02-30" is not a real date',
    ),
    (
        "a date-time that is not one",
        date_time_not_one,
        'orgs.csv line 5: dateLastModified "soon" is not a date and time',
    ),
    (
        "a boolean that is not one",
        enabled_user_not_boolean,
        'users.csv line 3: enabledUser "maybe" is not true or false — write true or false',
    ),
    (
        "a user's primary org is missing",
        primary_org_missing,
        'users.csv line 2: primaryOrgSourcedId "sch-404" is not in orgs.csv',
    ),
    (
        "a role's user is missing",
        role_user_missing,
        'roles.csv line 13: userSourcedId "u-ghost" is not in users.csv — add the user to '
        "users.csv or remove the role",
    ),
    (
        "a role's org is missing",
        role_org_missing,
        'roles.csv line 2: orgSourcedId "sch-404" is not in orgs.csv',
    ),
    (
        "a roleType outside the vocabulary",
        role_type_unknown,
        'roles.csv line 2: roleType "main" is not primary or secondary',
    ),
    (
        "a 1.1 role in a 1.2 package",
        role_from_11_in_12,
        'roles.csv line 3: role "administrator" is a OneRoster 1.1 role, not a 1.2 one — write '
        "siteAdministrator or districtAdministrator (1.2), or export OneRoster 1.1",
    ),
    (
        "a role date that is not a date",
        role_date_not_a_date,
        'roles.csv line 2: beginDate "2019-13-45" is not a real date',
    ),
    (
        "an enrolment's class is missing",
        enrolment_class_missing,
        'enrollments.csv line 8: classSourcedId "cls-404" is not in classes.csv',
    ),
    (
        "an enrolment's user is missing",
        enrolment_user_missing,
        "enrollments.csv line 8: userSourcedId (empty) names a user who is not in users.csv",
    ),
    (
        "an enrolment role outside the vocabulary",
        enrolment_role_unknown,
        'enrollments.csv line 2: role "principal" is not a OneRoster 1.2 enrolment role',
    ),
    (
        "a class's term is missing",
        class_term_missing,
        'classes.csv line 2: termSourcedIds "t-404" is not a session in academicSessions.csv',
    ),
    (
        "a class type outside the vocabulary",
        class_type_unknown,
        'classes.csv line 2: classType "lecture" is not homeroom or scheduled',
    ),
    (
        "a bulk file with a header and no rows",
        header_only_users,
        "users.csv: has a header and no rows — OneRoster sends a file with its records or not "
        "at all: export it again, or leave users.csv out and mark it absent in manifest.csv",
    ),
    (
        "a file the manifest says is absent",
        absent_file_present,
        'manifest.csv line 6: file.orgs "absent" says orgs.csv is absent, but the package holds '
        "orgs.csv — remove orgs.csv, or set file.orgs to bulk or delta",
    ),
    (
        "a manifest mode outside the vocabulary",
        manifest_mode_unknown,
        'manifest.csv line 7: file.users "full" is not bulk, delta or absent',
    ),
    (
        "several packages in one upload",
        two_packages,
        "holds 2 OneRoster packages (., second-district) — upload one package at a time",
    ),
]


def _refused(folder: Path) -> str:
    before = row_counts()
    runs = ImportRun.objects.count()
    result = CliRunner().invoke(
        import_group,
        ["oneroster", str(folder), "--district", "northfield", "--quiet"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    after = row_counts()
    # the refused run is recorded in the history; nothing else changes
    assert ImportRun.objects.count() <= runs + 1
    after.pop("imports_importrun", None)
    before.pop("imports_importrun", None)
    assert after == before
    return result.output


@pytest.mark.parametrize(("rule", "breaks", "message"), CASES, ids=[c[0] for c in CASES])
def test_an_invalid_package_is_refused_with_nothing_written(cast, tmp_path, rule, breaks, message):
    folder = write_package_12(tmp_path / "or")
    breaks(folder)
    output = _refused(folder)
    assert message in output


def test_a_12_role_in_a_11_package_is_refused_with_nothing_written(cast, tmp_path):
    folder = write_package_11(tmp_path / "or")
    role_from_12_in_11(folder)
    output = _refused(folder)
    assert (
        'users.csv line 3: role "principal" is a OneRoster 1.2 role, not a 1.1 one — write '
        "administrator, teacher or aide (1.1), or export OneRoster 1.2" in output
    )


def test_a_zip_holding_two_packages_lists_both_and_is_refused(cast, tmp_path):
    buffer = io.BytesIO()
    one = write_package_12(tmp_path / "a")
    with zipfile.ZipFile(buffer, "w") as archive:
        for prefix in ("north/", "south/"):
            for file in sorted(one.iterdir()):
                archive.write(file, prefix + file.name)
    target = tmp_path / "two.zip"
    target.write_bytes(buffer.getvalue())
    output = _refused(target)
    assert "two.zip holds 2 OneRoster packages (two.zip/north, two.zip/south)" in output


def test_an_unknown_header_is_a_warning_with_a_did_you_mean(cast, tmp_path):
    from tests.imports.helpers import plan_for

    folder = write_package_12(tmp_path / "or")
    text = (folder / "users.csv").read_text(encoding="utf-8")
    (folder / "users.csv").write_text(
        text.replace("preferredGivenName", "preferedGivenName", 1), encoding="utf-8", newline=""
    )
    plan = plan_for(folder, cast.district)
    assert not plan.errors
    assert [str(w) for w in plan.warnings] == [
        'users.csv line 1: preferedGivenName "preferedGivenName" (column 18) is not a OneRoster '
        "1.2 column, so Lattice does not read it — did you mean preferredGivenName? rename it "
        "to the specification's name, or name extra columns metadata.…"
    ]


def test_school_years_come_from_terms_when_no_school_year_session_is_sent(cast, tmp_path):
    from lattice.people.models import SchoolYear
    from tests.imports.helpers import import_roster

    terms = [
        {
            "sourcedId": "t-fall",
            "title": "Fall 2026",
            "type": "term",
            "startDate": "2026-08-24",
            "endDate": "2026-12-18",
            "schoolYear": "2027",
        },
        {
            "sourcedId": "t-spring",
            "title": "Spring 2027",
            "type": "term",
            "startDate": "2027-01-04",
            "endDate": "2027-06-04",
            "schoolYear": "2027",
        },
    ]
    folder = write_package_12(tmp_path / "or", sessions=terms)
    _rewrite(folder, "classes.csv", CLASSES_HEADER, [{**CLASSES[0], "termSourcedIds": "t-fall"}])
    plan = import_roster(folder, cast.district)
    year = SchoolYear.objects.get(district=cast.district, label="2026-27")
    assert (year.start.isoformat(), year.end.isoformat()) == ("2026-08-24", "2027-06-04")
    assert any("come from the schoolYear column of its terms" in n for n in plan.notes)


def test_without_academic_sessions_the_error_names_the_package(db, tmp_path):
    folder = write_package_12(tmp_path / "or")
    (folder / "academicSessions.csv").unlink()
    (folder / "classes.csv").unlink()
    (folder / "enrollments.csv").unlink()
    text = manifest("1.2", classes=False).replace(
        "file.academicSessions,bulk", "file.academicSessions,absent"
    )
    (folder / "manifest.csv").write_text(text, encoding="utf-8", newline="")
    from tests.imports.helpers import messages, plan_for

    found = messages(plan_for(folder, None))
    assert found == [
        "the package: has no academicSessions.csv, and Lattice has no school year for this "
        "district — add academicSessions.csv with the school year (a schoolYear session)"
    ]


def test_a_11_package_checks_roles_against_the_11_vocabulary(cast, tmp_path):
    folder = write_package_11(tmp_path / "or")
    users = (folder / "users.csv").read_text(encoding="utf-8")
    assert ",administrator," in users  # 1.1's word for a school leader is accepted
    from tests.imports.helpers import plan_for

    assert not plan_for(folder, cast.district).errors
    _ = USERS_11


def test_a_package_without_a_district_org_says_so_in_plain_words(db, tmp_path):
    from tests.imports.helpers import messages, plan_for

    folder = write_package_12(tmp_path / "or")
    _rewrite(folder, "orgs.csv", ORGS_HEADER, [{**o, "parentSourcedId": ""} for o in ORGS[1:]])
    found = messages(plan_for(folder, None))
    assert (
        "orgs.csv: has no org whose type is district — add the district's row (type district) "
        "to orgs.csv, or choose the district with --district" in found
    )
