"""The people app's demo content: staff beyond classroom teachers at the principal's school
(New Bedford broadened who counts as a teacher leader and who is supported) — a school nurse,
a librarian and a reading specialist, each in their own position, so the demo shows a
leadership role or a coaching program opened to them and the teacher counts leaving them out.
Registered into :mod:`lattice.people.demo_content` by the people app; through its actions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lattice.lib.actors import Actor
from lattice.people import actions
from lattice.people.models import Assignment, District, Position, StaffMember
from lattice.people.queries import current_school_year, today

# (employee id suffix, given name, family name, position, the district's title, subject)
SUPPORT_STAFF = (
    ("N1", "Rosa", "Almeida", Position.NURSE, "School nurse (RN)", ""),
    ("L1", "Grace", "Okafor", Position.LIBRARIAN, "Library media specialist", ""),
    ("S1", "Dev", "Patel", Position.SPECIALIST, "Reading specialist", "Reading"),
)


def populate_demo_support_staff(
    district: District, seed: int, *, actor: Actor = None
) -> dict[str, int]:
    """Add the nurse, the librarian and the reading specialist to the school the demo
    `principal` log-in leads this year (nothing when there is none)."""
    year = current_school_year(district, today())
    principal = StaffMember.objects.filter(district=district, user__username="principal").first()
    lead = (
        Assignment.objects.filter(
            staff_member=principal, school_year=year, position=Position.PRINCIPAL
        )
        .select_related("school")
        .first()
        if principal is not None and year is not None
        else None
    )
    if lead is None or year is None:
        return {"support_staff": 0}
    domain = (principal.email.split("@", 1)[1] if principal and "@" in principal.email
              else f"{district.key}.example.org")  # fmt: skip
    for suffix, given, family, position, title, subject in SUPPORT_STAFF:
        staff, _ = actions.save_staff_member(
            actor, district, employee_id=f"DEMO-{suffix}", given_name=given, family_name=family,
            email=f"{given.lower()}.{family.lower()}@{domain}",
            hire_date=dt.date(year.start.year - 6, 8, 20), prior_years_experience=Decimal(2),
        )  # fmt: skip
        actions.add_assignment(
            actor, staff, school=lead.school, school_year=year, position=position, title=title,
            subject=subject,
        )  # fmt: skip
    return {"support_staff": len(SUPPORT_STAFF)}
