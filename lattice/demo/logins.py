"""Picking the demo personas from the simulated people and making their log-ins."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from lattice.demo.careers import DistrictState, Person
from lattice.demo.personas import DEMO_TOTP_SECRET, PERSONAS, demo_password_hash
from lattice.people.actions import SetValues
from lattice.people.models import AccessGrant


def login_steps(districts: list[DistrictState], result: Any) -> Iterator[Any]:
    """The demo accounts, their office grants, and links from accounts to staff members.

    Personas are picked from the finished simulation: the longest-serving principal, the
    teacher at their school with the richest history, and so on; the same seed picks the
    same people."""
    main = districts[0]
    second = districts[1] if len(districts) > 1 else None
    chosen: dict[str, Person] = {}
    principals = sorted(
        (s.principal for s in main.schools if s.principal is not None),
        key=lambda p: (-p.years_present, p.staff.employee_id),
    )
    chosen["principal"] = principals[0]
    if len(principals) > 1:
        chosen["principal2"] = principals[1]

    def richest(school_index: int | None, exclude_school: int | None) -> Person | None:
        candidates = [
            p
            for p in main.teachers
            if (school_index is None or p.school == school_index)
            and p.school != exclude_school
            and p.rating is not None
        ]
        candidates.sort(key=lambda p: (-(p.richness + 2 * p.years_present), p.staff.employee_id))
        return candidates[0] if candidates else None

    teacher = richest(chosen["principal"].school, None) or richest(None, None)
    if teacher is not None:
        chosen["teacher"] = teacher
        other = (
            richest(chosen["principal2"].school, teacher.school) if "principal2" in chosen else None
        ) or richest(None, teacher.school)
        if other is not None:
            chosen["teacher2"] = other
    chosen["officer"] = main.office[0]
    if second is not None:
        chosen["officer2"] = second.office[0]

    password = demo_password_hash()
    user_model = get_user_model()
    users: dict[str, Any] = {}
    for persona in PERSONAS:
        person = chosen.get(persona.key)
        if persona.needs_staff and person is None:
            continue
        first, last = (
            (person.staff.given_name, person.staff.family_name)
            if person
            else (persona.first_name, persona.last_name)
        )
        users[persona.key] = user_model(
            username=persona.username,
            password=password,
            first_name=first,
            last_name=last,
            email=person.staff.email if person else f"{persona.username}@example.org",
            is_superuser=persona.superuser,
            is_staff=persona.superuser,
            is_active=True,
        )
    yield list(users.values())
    grants = []
    if "officer" in users:
        grants.append(
            AccessGrant(
                user=users["officer"], district=main.row, role=AccessGrant.Role.TALENT_OFFICER
            )
        )
    if "officer2" in users and second is not None:
        grants.append(
            AccessGrant(
                user=users["officer2"],
                district=second.row,
                role=AccessGrant.Role.TALENT_OFFICER,
            )
        )
    if "network" in users:
        grants.append(
            AccessGrant(
                user=users["network"],
                network=main.row.network,
                role=AccessGrant.Role.NETWORK_OFFICER,
            )
        )
    yield grants
    yield [
        Authenticator(
            user=users[persona.key],
            type=Authenticator.Type.TOTP,
            data={"secret": DEMO_TOTP_SECRET},
        )
        for persona in PERSONAS
        if persona.two_factor and persona.key in users
    ]
    for key, person in chosen.items():
        if key in users:
            yield SetValues([person.staff], {"user": users[key]})
            result.persona_staff[key] = person.staff.pk
    for district in districts:
        result.teachers_now[district.plan.key] = len(district.teachers)
