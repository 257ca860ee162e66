"""The fixed cast of personas every permission test uses.

Two districts in one network. Northfield has two schools (Alder Elementary, Birch Middle)
and the current school year 2025-26 plus 2024-25; Southport has one school.

- ``teacher``: Ada Teacher, teaches at Alder; ``teacher_other_school``: Ben Other at Birch;
- ``principal``: Pat Principal leads Alder; ``other_principal``: Olive Head leads Birch;
- ``moved_principal``: Mo Moved led Alder in 2024-25 and co-leads Birch (with Olive) in
  2025-26: Alder's people of 2024-25 stay hers to read, but nothing at Alder this year is —
  no postings, applications, role assignments or proposals;
- ``officer``: Northfield's talent officer; ``other_officer``: Southport's;
- ``network_officer``: sees aggregates of both districts; ``superuser``; ``anonymous``;
- ``reviewer``: Rae Reviewer, a teacher at Birch whom later apps seat on review panels
  (pathway peer review, role selection); in the people app she is just another teacher;
- ``officer_awaiting_code``: the officer's own account in a session that has entered the
  password but not yet the second factor (two-factor sign-in, issue 16).

Every persona's password is ``PASSWORD``. Officers, the network officer and the superuser
must use two-factor sign-in (the default sign-in policy), so they are enrolled with an
authenticator app whose key is ``TOTP_SECRET``; ``client_for`` signs them in with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lattice.people import actions
from lattice.people.models import (
    AccessGrant,
    District,
    Network,
    Position,
    School,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32; test data only
AWAITING_CODE = "officer_awaiting_code"

PERSONAS = (
    "teacher",
    "teacher_other_school",
    "principal",
    "other_principal",
    "moved_principal",
    "officer",
    "other_officer",
    "network_officer",
    "reviewer",
    "anonymous",
    AWAITING_CODE,
)


@dataclass
class Cast:
    network: Network
    district: District
    other_district: District
    alder: School
    birch: School
    harbor: School
    year: SchoolYear
    last_year: SchoolYear
    other_year: SchoolYear
    teacher_staff: StaffMember
    teacher_other_school_staff: StaffMember
    principal_staff: StaffMember
    other_principal_staff: StaffMember
    moved_principal_staff: StaffMember
    other_district_teacher_staff: StaffMember
    reviewer_staff: StaffMember
    users: dict[str, Any]

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def _school(
    district: District, key: str, name: str, years: list[SchoolYear], frl: str, level: str
) -> School:
    school = School.objects.create(district=district, key=key, name=name)
    for year in years:
        SchoolYearProfile.objects.create(
            school=school,
            school_year=year,
            level=level,
            frl_share=Decimal(frl),
            title_i=Decimal(frl) >= 0.5,
        )
    return school


def _person(
    district: District,
    employee_id: str,
    given: str,
    family: str,
    school: School,
    years: list[SchoolYear],
    position: str = Position.TEACHER,
    username: str | None = None,
) -> tuple[StaffMember, Any]:
    staff, _ = actions.save_staff_member(
        None,
        district,
        employee_id=employee_id,
        given_name=given,
        family_name=family,
        email=f"{given.lower()}.{family.lower()}@{district.key}.example.org",
        hire_date=dt.date(2019, 8, 15),
        prior_years_experience=Decimal("2"),
    )
    for year in years:
        actions.add_assignment(
            None,
            staff,
            school=school,
            school_year=year,
            position=position,
            subject="Mathematics",
            grades="3-5",
        )
    user = None
    if username:
        user = actions.create_login(None, username=username, password=PASSWORD, staff=staff)
    return staff, user


def enrol_totp(user: Any, secret: str = TOTP_SECRET) -> None:
    """Give ``user`` an authenticator app (allauth's MFA) whose key is ``secret``."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})


def totp_code(secret: str = TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app holding ``secret`` shows (now, or at ``at``)."""
    from lattice.accounts.totp import current_code

    return current_code(secret, at)


def build_cast() -> Cast:
    network = actions.create_network(None, key="river-valley", name="River Valley Network")
    labels = ["Ineffective", "Developing", "Effective", "Highly Effective"]
    district = actions.create_district(
        None,
        key="northfield",
        name="Northfield Public Schools",
        network=network,
        rating_labels=labels,
    )
    other = actions.create_district(
        None, key="southport", name="Southport City Schools", network=network, rating_labels=labels
    )
    last_year = SchoolYear.objects.create(
        district=district, label="2024-25", start=dt.date(2024, 7, 1), end=dt.date(2025, 6, 30)
    )
    year = SchoolYear.objects.create(
        district=district, label="2025-26", start=dt.date(2025, 7, 1), end=dt.date(2026, 6, 30)
    )
    other_year = SchoolYear.objects.create(
        district=other, label="2025-26", start=dt.date(2025, 7, 1), end=dt.date(2026, 6, 30)
    )
    alder = _school(district, "alder", "Alder Elementary", [last_year, year], "0.72", "elementary")
    birch = _school(district, "birch", "Birch Middle", [last_year, year], "0.31", "middle")
    harbor = _school(other, "harbor", "Harbor High", [other_year], "0.55", "high")

    users: dict[str, Any] = {"anonymous": None}
    teacher, users["teacher"] = _person(
        district, "N1001", "Ada", "Teacher", alder, [last_year, year], username="teacher"
    )
    other_teacher, users["teacher_other_school"] = _person(
        district, "N1002", "Ben", "Other", birch, [year], username="teacher2"
    )
    principal, users["principal"] = _person(
        district,
        "N2001",
        "Pat",
        "Principal",
        alder,
        [year],
        Position.PRINCIPAL,
        username="principal",
    )
    other_principal, users["other_principal"] = _person(
        district,
        "N2002",
        "Olive",
        "Head",
        birch,
        [last_year, year],
        Position.PRINCIPAL,
        username="principal2",
    )
    moved_principal, users["moved_principal"] = _person(
        district, "N2003", "Mo", "Moved", alder, [last_year], Position.PRINCIPAL, "principal3"
    )
    actions.add_assignment(
        None,
        moved_principal,
        school=birch,
        school_year=year,
        position=Position.PRINCIPAL,
        subject="Mathematics",
        grades="3-5",
    )
    reviewer, users["reviewer"] = _person(
        district, "N1003", "Rae", "Reviewer", birch, [last_year, year], username="reviewer"
    )
    far_teacher, _ = _person(other, "S1001", "Cy", "Faraway", harbor, [other_year])
    for staff, label in [
        (teacher, "Effective"),
        (other_teacher, "Highly Effective"),
        (far_teacher, "Developing"),
    ]:
        actions.record_rating(
            None, staff, year if staff.district == district else other_year, label
        )
    actions.record_rating(None, teacher, last_year, "Developing")

    users["officer"] = actions.create_login(
        None, username="officer", password=PASSWORD, first_name="Opal", last_name="Officer"
    )
    actions.grant_access(
        None, users["officer"], role=AccessGrant.Role.TALENT_OFFICER, district=district
    )
    users["other_officer"] = actions.create_login(
        None, username="officer2", password=PASSWORD, first_name="Otto", last_name="Elsewhere"
    )
    actions.grant_access(
        None, users["other_officer"], role=AccessGrant.Role.TALENT_OFFICER, district=other
    )
    users["network_officer"] = actions.create_login(
        None, username="network", password=PASSWORD, first_name="Nia", last_name="Network"
    )
    actions.grant_access(
        None, users["network_officer"], role=AccessGrant.Role.NETWORK_OFFICER, network=network
    )
    from django.contrib.auth import get_user_model

    users["superuser"] = get_user_model().objects.create_superuser(
        "root", "root@example.org", PASSWORD
    )
    for persona in ("officer", "other_officer", "network_officer", "superuser"):
        enrol_totp(users[persona])
    users[AWAITING_CODE] = users["officer"]
    return Cast(
        network=network,
        district=district,
        other_district=other,
        alder=alder,
        birch=birch,
        harbor=harbor,
        year=year,
        last_year=last_year,
        other_year=other_year,
        teacher_staff=teacher,
        teacher_other_school_staff=other_teacher,
        principal_staff=principal,
        other_principal_staff=other_principal,
        moved_principal_staff=moved_principal,
        other_district_teacher_staff=far_teacher,
        reviewer_staff=reviewer,
        users=users,
    )


def sign_in(client: Any, user: Any, *, second_factor: bool = True) -> None:
    """Sign ``client`` in as ``user``; with ``second_factor``, as if the code was entered."""
    from lattice.accounts import second_factor as factor

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if second_factor and factor.is_enrolled(user):
        session = client.session
        session[factor.SESSION_KEY] = factor.verified_mark(user, "totp")
        session.save()
