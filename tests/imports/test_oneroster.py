"""OneRoster 1.2 and 1.1 packages: what is stored, what is counted, what is matched."""

from __future__ import annotations

import datetime as dt

from lattice.audit.models import AuditEntry
from lattice.imports.models import ReviewItem
from lattice.people.models import Assignment, Position, School, SchoolYear, StaffMember
from tests.imports.files import (
    ROLES,
    STAFF,
    write_package_11,
    write_package_12,
    zip_folder,
)
from tests.imports.helpers import import_roster, plan_for, row_counts


def test_a_12_package_creates_schools_years_staff_and_assignments(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    nia = StaffMember.objects.get(district=cast.district, sourced_id="u-new")
    assert (nia.employee_id, nia.preferred_name, nia.email) == (
        "N3001",
        "Nee",
        "nia@northfield.example.org",
    )
    cedar = School.objects.get(district=cast.district, sourced_id="sch-3")
    assignment = Assignment.objects.get(staff_member=nia)
    assert (
        assignment.school,
        assignment.school_year.label,
        assignment.position,
        assignment.begin_date,
    ) == (cedar, "2025-26", Position.TEACHER, dt.date(2025, 8, 20))
    assert SchoolYear.objects.get(district=cast.district, label="2025-26").sourced_id == "sy-2026"


def test_existing_people_are_matched_by_employee_id_and_keep_their_records(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    ada = StaffMember.objects.get(pk=cast.teacher_staff.pk)
    assert ada.sourced_id == "u-ada"
    assert ada.ratings.count() == 2
    # her hand-entered 2025-26 assignment at Alder is adopted, not duplicated
    assert ada.assignments.filter(school_year=cast.year).count() == 1
    assert ada.assignments.get(school_year=cast.year).sourced_id == "r-ada"


def test_students_parents_and_guardians_are_counted_and_never_stored(cast, tmp_path):
    plan = import_roster(write_package_12(tmp_path / "or"), cast.district)
    assert plan.counted["student"] == 5
    assert plan.counted["parent"] == 1
    assert not StaffMember.objects.filter(sourced_id__startswith="stu-").exists()
    assert "Kid" not in str(plan.preview())
    assert not AuditEntry.objects.filter(object_label__contains="Kid").exists()


def test_classes_and_enrolments_are_checked_not_stored_and_other_files_ignored(cast, tmp_path):
    folder = write_package_12(tmp_path / "or", extra={"demographics.csv": "sourcedId\r\nx\r\n"})
    plan = plan_for(folder, cast.district)
    assert plan.checked_files == ["classes.csv", "enrollments.csv"]
    assert plan.ignored_files == ["demographics.csv"]


def test_a_person_without_identifier_gets_the_sourced_id_as_employee_id_and_a_note(cast, tmp_path):
    plan = import_roster(write_package_12(tmp_path / "or"), cast.district)
    coach = StaffMember.objects.get(sourced_id="u-coach")
    assert coach.employee_id == "u-coach"
    assert any("employee id is their OneRoster sourcedId" in note for note in plan.notes)


def test_ext_roles_map_to_positions_and_district_roles_make_no_assignment(cast, tmp_path):
    plan = import_roster(write_package_12(tmp_path / "or"), cast.district)
    coach = StaffMember.objects.get(sourced_id="u-coach")
    assignment = coach.assignments.get()
    assert (assignment.position, assignment.title) == (
        Position.INSTRUCTIONAL_COACH,
        "ext:instructionalCoach",
    )
    assert plan.skipped["district-level roles (no school assignment)"] == 1


def test_bulk_mode_marks_absent_people_inactive_and_never_deletes_them(cast, tmp_path):
    before = StaffMember.objects.count()
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    ben = StaffMember.objects.get(pk=cast.teacher_other_school_staff.pk)
    assert not ben.active
    assert StaffMember.objects.count() == before + 2
    assert StaffMember.objects.get(pk=cast.other_district_teacher_staff.pk).active


def test_a_zip_with_files_in_a_subfolder_reads_like_the_folder(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    archive = zip_folder(folder, tmp_path / "roster.zip")
    assert plan_for(archive, cast.district).counts() == plan_for(folder, cast.district).counts()


def test_a_11_package_reads_role_and_org_list_from_users(cast, tmp_path):
    plan = import_roster(write_package_11(tmp_path / "o11"), cast.district)
    assert plan.version == "1.1"
    assert plan.counted["guardian"] == 1
    coach = StaffMember.objects.get(sourced_id="u-coach")
    assert sorted(coach.assignments.values_list("school__name", flat=True)) == [
        "Birch Middle",
        "Cedar High",
    ]


def test_the_version_is_read_from_headers_when_the_manifest_is_missing(cast, tmp_path):
    folder = write_package_11(tmp_path / "o11")
    (folder / "manifest.csv").unlink()
    plan = plan_for(folder, cast.district)
    assert plan.version == "1.1"
    assert not plan.errors
    assert any("No manifest.csv" in note for note in plan.notes)


def test_a_second_import_of_the_same_files_changes_nothing(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    import_roster(folder, cast.district)
    counts = row_counts()
    plan = import_roster(folder, cast.district)
    table = plan.counts()["tables"]
    assert table["staff"] == {"create": 0, "update": 0, "unchanged": 4, "deactivate": 0}
    assert table["assignments"]["unchanged"] == 4
    assert not plan.has_changes
    changed = {t: n for t, n in row_counts().items() if counts[t] != n}
    assert changed == {"imports_importrun": counts["imports_importrun"] + 1}


def test_each_changed_person_gets_one_audit_entry_listing_changed_fields(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    entry = AuditEntry.objects.get(
        staff_member=cast.teacher_staff,
        action="people.staff.update",
        summary__startswith="oneroster import",
    )
    assert "sourced_id" in entry.changed_fields
    assert "assignment r-ada" in entry.changed_fields
    imports = AuditEntry.objects.filter(action="imports.oneroster.apply")
    assert imports.count() == 1
    assert imports.get().after["counts"]["tables"]["staff"]["create"] == 2


def test_delta_mode_applies_tobedeleted_and_keeps_absent_people(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "full"), cast.district)
    stamp = "2025-09-01T10:00:00.000Z"
    staff = [
        {**STAFF[2], "status": "tobedeleted", "dateLastModified": stamp},
        {**STAFF[3], "status": "active", "dateLastModified": stamp, "familyName": "Coachman"},
    ]
    roles = [{**ROLES[2], "status": "tobedeleted", "dateLastModified": stamp}]
    delta = write_package_12(
        tmp_path / "delta", staff=staff, roles=roles, mode="delta", orgs=[], sessions=[]
    )
    plan = import_roster(delta, cast.district)
    assert plan.mode == "delta"
    assert not StaffMember.objects.get(sourced_id="u-new").active
    assert StaffMember.objects.get(sourced_id="u-coach").family_name == "Coachman"
    assert StaffMember.objects.get(sourced_id="u-ada").active  # absent from a delta: kept
    assert Assignment.objects.get(sourced_id="r-new").end_date == dt.date(2025, 10, 1)


def test_delta_mode_requires_status_and_date_last_modified(cast, tmp_path):
    staff = [{**STAFF[0], "status": "", "dateLastModified": ""}]
    delta = write_package_12(tmp_path / "delta", staff=staff, roles=[ROLES[0]], mode="delta")
    text = [str(p) for p in plan_for(delta, cast.district).errors]
    assert (
        "users.csv line 2: status (empty) must be active or tobedeleted in a delta file — "
        "write active or tobedeleted" in text
    )
    assert any("dateLastModified (empty) is required in a delta file" in t for t in text)


def test_a_row_matching_two_people_goes_to_the_review_list_not_a_guess(cast, tmp_path):
    # identifier points at Ada, email at Pat: Lattice must not pick one
    staff = [
        {
            **STAFF[0],
            "sourcedId": "u-x",
            "identifier": "N1001",
            "email": "pat.principal@northfield.example.org",
        }
    ]
    roles = [{**ROLES[0], "userSourcedId": "u-x"}]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=roles)
    plan = import_roster(folder, cast.district)
    assert plan.counts()["review"] == 1
    item = ReviewItem.objects.get()
    assert item.sourced_id == "u-x"
    assert {c["id"] for c in item.candidates} == {cast.teacher_staff.pk, cast.principal_staff.pk}
    assert not StaffMember.objects.filter(sourced_id="u-x").exists()
    # people who might be this row are not deactivated while the question is open
    assert StaffMember.objects.get(pk=cast.teacher_staff.pk).active


def test_a_resolved_review_item_is_followed_by_the_next_import(cast, tmp_path):
    from lattice.imports import actions

    staff = [
        {
            **STAFF[0],
            "sourcedId": "u-x",
            "identifier": "N1001",
            "email": "pat.principal@northfield.example.org",
        }
    ]
    roles = [{**ROLES[0], "userSourcedId": "u-x"}]
    folder = write_package_12(tmp_path / "or", staff=staff, roles=roles)
    import_roster(folder, cast.district)
    actions.resolve_review_item(
        cast.user("officer"), ReviewItem.objects.get(), staff=cast.teacher_staff
    )
    plan = import_roster(folder, cast.district)
    assert plan.counts()["review"] == 0
    assert StaffMember.objects.get(pk=cast.teacher_staff.pk).sourced_id == "u-x"


def test_a_file_for_another_district_is_refused(cast, tmp_path):
    folder = write_package_12(tmp_path / "or")
    import_roster(folder, cast.district)
    text = [str(p) for p in plan_for(folder, cast.other_district).errors]
    assert text == []  # Southport has no OneRoster id yet: the file's district is adopted
    cast.other_district.sourced_id = "d-9"
    cast.other_district.save()
    text = [str(p) for p in plan_for(folder, cast.other_district).errors]
    assert text == [
        'orgs.csv line 2: sourcedId "d-1" is not Southport City Schools\'s '
        "OneRoster id (d-9) — import Southport City Schools's own roster, or choose "
        "the matching district"
    ]


def test_without_a_district_the_district_is_created_from_orgs(db, tmp_path):
    plan = import_roster(write_package_12(tmp_path / "or"), None)
    assert plan.district is not None
    assert (plan.district.key, plan.district.sourced_id) == ("northfield", "d-1")
    assert StaffMember.objects.filter(district=plan.district).count() == 4
