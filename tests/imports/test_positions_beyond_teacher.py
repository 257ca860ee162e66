"""Positions beyond teacher (New Bedford): a roster's nurses, librarians and specialists, and a
new hire's job title, land in their own positions; a title or extension role Lattice has no
position for is named with the file, line and fix."""

from __future__ import annotations

import re

from lattice.imports import actions
from lattice.imports.hr.columns import POSITION_WORDS
from lattice.imports.service import prepare_hr
from lattice.people.models import Position, StaffMember
from tests.imports.files import ROLES, STAFF, write_package_12
from tests.imports.helpers import TODAY, import_roster, plan_for

BEYOND = [
    ("u-rosa", "Rosa", "Nurse", "ext:nurse"),
    ("u-lena", "Lena", "Librarian", "ext:Library_Media_Specialist"),
    ("u-dev", "Dev", "Specialist", "ext:readingSpecialist"),
    ("u-odd", "Odd", "Role", "ext:dietitian"),
]


def _package(tmp_path):  # type: ignore[no-untyped-def]
    staff = STAFF + [
        {"sourcedId": sid, "enabledUser": "true", "username": sid[2:], "givenName": given,
         "familyName": family, "identifier": f"B-{sid}", "email": f"{sid[2:]}@example.org"}
        for sid, given, family, _ in BEYOND
    ]  # fmt: skip
    roles = ROLES + [
        {"sourcedId": f"r-{sid}", "userSourcedId": sid, "roleType": "primary", "role": role,
         "orgSourcedId": "sch-1"}
        for sid, _, _, role in BEYOND
    ]  # fmt: skip
    return write_package_12(tmp_path / "or", staff=staff, roles=roles)


def test_an_imported_nurse_librarian_and_specialist_get_their_own_positions(cast, tmp_path):
    import_roster(_package(tmp_path), cast.district)
    positions = {
        sid: StaffMember.objects.get(district=cast.district, sourced_id=sid)
        .assignments.get()
        .position
        for sid, *_ in BEYOND
    }
    assert positions == {
        "u-rosa": Position.NURSE,
        "u-lena": Position.LIBRARIAN,
        "u-dev": Position.SPECIALIST,
        "u-odd": Position.OTHER,
    }


def test_an_extension_role_without_a_position_is_kept_as_other_staff_with_a_warning(cast, tmp_path):
    plan = plan_for(_package(tmp_path), cast.district)
    assert not plan.errors
    (warning,) = [str(w) for w in plan.warnings if '"ext:dietitian"' in str(w)]
    assert warning.startswith("roles.csv line ")
    assert "is an extension role Lattice has no position for" in warning
    assert "ext:nurse, ext:librarian, ext:specialist" in warning
    assert not [w for w in plan.warnings if '"ext:nurse"' in str(w)]


def test_a_new_hire_s_job_title_maps_to_the_position(cast, tmp_path):
    header = "employee_id,given_name,family_name,email,hire_date,school,position,fte"
    rows = [
        "N4001,Rosa,Almeida,,2025-08-18,Alder Elementary,School Nurse,",
        "N4002,Lena,Books,,2025-08-18,Alder Elementary,Library Media Specialist,",
        "N4003,Dev,Patel,,2025-08-18,Alder Elementary,Reading specialist,",
        "N4004,Pia,Para,,2025-08-18,Alder Elementary,Paraprofessional,",
    ]
    path = tmp_path / "hr.csv"
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    plan = prepare_hr(path, cast.district, today=TODAY)
    assert not plan.errors, [str(e) for e in plan.errors]
    actions.apply_plan(None, plan)
    hires = {
        eid: StaffMember.objects.get(district=cast.district, employee_id=eid)
        .assignments.get()
        .position
        for eid in ("N4001", "N4002", "N4003", "N4004")
    }
    assert hires == {
        "N4001": Position.NURSE,
        "N4002": Position.LIBRARIAN,
        "N4003": Position.SPECIALIST,
        "N4004": Position.AIDE,
    }


def test_every_position_s_own_name_is_a_position_an_hr_file_may_write() -> None:
    for value, label in Position.choices:
        assert POSITION_WORDS[re.sub(r"[^a-z]", "", str(label).lower())] == value
