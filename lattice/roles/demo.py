"""Leadership roles for the demo district: a catalogue, this year's role holders, an open posting.

``populate_demo_roles(district, seed)`` runs after the demo's people and pathways content
(registered with ``lattice.people.demo_content``). It goes through the app's actions, and
every choice comes from ``random.Random(seed)``. The mix is deliberately a little under Iowa's
25% target and uneven across schools, so the coverage dashboard has something to say (share
vs target, equity by poverty level, the pipeline).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lattice.people.models import District, Position, RatingRecord, School, StaffMember
from lattice.people.queries import today
from lattice.roles import actions, queries
from lattice.roles.models import HrRoleLink, PositionScope

# (template, share of the year's teachers holding it) — below Iowa's 10/10/5 on purpose.
DEMO_MIX = (("iowa-model", 0.08), ("iowa-mentor", 0.07), ("iowa-lead", 0.04))
OTHER_TEMPLATES = ("coach", "plc-lead")
STRONG = {"Effective", "Highly Effective"}


@transaction.atomic
def populate_demo_roles(district: District, seed: int, *, actor: Any = None) -> dict[str, int]:
    """Give ``district`` a role catalogue, role holders for the current year and one posting.

    One transaction: the role holders' standings are recomputed once, together, at the end.
    """
    rng = random.Random(seed)
    on = today()
    year = queries.current_year(district, on)
    if year is None:
        return {"roles": 0, "assignments": 0, "postings": 0}
    roles = {
        key: actions.install_template(actor, district, key, activate=True) for key, _ in DEMO_MIX
    }
    for key in OTHER_TEMPLATES:
        roles[key] = actions.install_template(actor, district, key, activate=True)

    by_school = queries.teaching_staff_by_school(district, year)
    strong = set(
        RatingRecord.objects.filter(staff_member__district=district, label__in=STRONG).values_list(
            "staff_member_id", flat=True
        )
    )
    # Schools differ in how much leadership they grow: a per-school propensity.
    pool: list[int] = []
    for school_id in sorted(by_school):
        propensity = rng.uniform(0.4, 1.6)
        for staff_id in sorted(by_school[school_id] & strong):
            if rng.random() < min(propensity * 0.35, 1.0):
                pool.append(staff_id)
    rng.shuffle(pool)
    # The `teacher` log-in holds no role yet: the open posting below is theirs to apply for.
    persona = StaffMember.objects.filter(district=district, user__username="teacher").first()
    pool = [pk for pk in pool if persona is None or pk != persona.pk]
    teachers = sum(len(ids) for ids in by_school.values())
    people = StaffMember.objects.in_bulk(pool)
    assigned = 0
    for key, share in DEMO_MIX:
        for _ in range(round(teachers * share)):
            if not pool:
                break
            actions.assign_role(actor, roles[key], people[pool.pop()], year)
            assigned += 1

    # The district's HR data lists instructional coaches (hybrid teacher 0.6 + coach 0.4);
    # the talent office has reviewed the mapping of that position to its coach role, so the
    # coaches hold the role in Lattice (coverage, "Roles you hold", the stipend).
    actions.save_position_mappings(
        actor, district, [(Position.INSTRUCTIONAL_COACH, "", roles["coach"])]
    )
    actions.sync_hr_roles(actor, district, on)  # (also queued by the save; the second is a no-op)
    hr_coaches = HrRoleLink.objects.filter(role_assignment__role__district=district).count()

    postings = 0
    if by_school:
        mentor = roles["iowa-mentor"]
        per_school = mentor.position_scope == PositionScope.PER_SCHOOL
        # At the demo teacher's school, so the `teacher` log-in can apply and be paid for it.
        home = next((sid for sid, ids in by_school.items() if persona and persona.pk in ids), None)
        pick = home if home is not None else rng.choice(sorted(by_school))
        school = School.objects.get(pk=pick) if per_school else None
        actions.create_posting(
            actor,
            mentor,
            school=school,
            school_year=year,
            positions=2,
            opens_on=on - dt.timedelta(days=7),
            closes_on=on + dt.timedelta(days=21),
        )
        postings = 1
    return {
        "roles": len(roles),
        "assignments": assigned,
        "hr_coaches": hr_coaches,
        "postings": postings,
    }
