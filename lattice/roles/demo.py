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

from lattice.lib.actors import Actor
from lattice.people.models import District, Position, RatingRecord, School, StaffMember
from lattice.people.queries import today
from lattice.roles import actions, queries
from lattice.roles.models import HrRoleLink, PositionScope

# (template, share of the year's teachers holding it) — below Iowa's 10/10/5 on purpose.
DEMO_MIX = (("iowa-model", 0.08), ("iowa-mentor", 0.07), ("iowa-lead", 0.04))
OTHER_TEMPLATES = ("coach", "plc-lead")
STRONG = {"Effective", "Highly Effective"}


@transaction.atomic
def populate_demo_roles(district: District, seed: int, *, actor: Actor = None) -> dict[str, int]:
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
        posting = actions.create_posting(
            actor,
            mentor,
            school=school,
            school_year=year,
            positions=2,
            opens_on=on - dt.timedelta(days=7),
            closes_on=on + dt.timedelta(days=21),
        )
        postings = 1
        # A reviewer from another school sits on its panel (the `teacher2` log-in), told so.
        other = StaffMember.objects.filter(district=district, user__username="teacher2").first()
        if other is not None and posting.school_id not in _schools_of(other, year):
            actions.seat_reviewer(actor, posting, other)
    proposals = _demo_proposals(district, year, rng)
    return {
        "roles": len(roles),
        "assignments": assigned,
        "hr_coaches": hr_coaches,
        "postings": postings,
        "proposals": proposals,
    }


def _schools_of(staff: StaffMember, year: Any) -> set[int]:
    return set(staff.assignments.filter(school_year=year).values_list("school_id", flat=True))


# Proposals the demo's teachers make: (log-in, title, problem, duties, what happens next).
DEMO_PROPOSALS = (
    (
        "teacher",
        "Family literacy nights lead",
        "Families of our youngest readers ask how to help at home; few come to conferences.",
        "Plan four family literacy evenings a year\nSend a take-home reading kit each term",
        "returned",
    ),
    (
        "teacher2",
        "Data team facilitator",
        "Grade teams look at assessment data once a year and rarely change what they teach.",
        "Lead a data meeting for each grade team every six weeks\nKeep the team's action log",
        "submitted",
    ),
    (
        "teacher",
        "Peer observation coordinator",
        "Teachers rarely see each other teach; new teachers ask to watch experienced ones.",
        "Arrange two peer observations a term for each new teacher\nRun the debrief",
        "principal_ok",
    ),
)


def _demo_proposals(district: District, year: Any, rng: random.Random) -> int:
    """Two teacher proposals: one the principal returned for changes (its proposer sees the
    note and edits it), one waiting for the principal of the other school; each step
    notifies whoever it now waits on, as in use."""
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(username__in=["principal"])}
    made = 0
    for username, title, problem, duties, then in DEMO_PROPOSALS:
        proposer = StaffMember.objects.filter(district=district, user__username=username).first()
        if proposer is None or year is None:
            continue
        school_id = next(iter(sorted(_schools_of(proposer, year))), None)
        if school_id is None:
            continue
        proposal = actions.submit_proposal(
            proposer.user,
            proposer,
            school=School.objects.get(pk=school_id),
            co_proposers=[],
            title=title,
            problem=problem,
            duties=duties,
            success_measure="Attendance at the events and the share of families who say they "
            "read at home more often.",
            release_percent=0,
            extra_days=rng.choice([2, 3, 4]),
            stipend_dollars=rng.choice([1500, 2000, 2500]),
            positions=1,
        )
        made += 1
        principal = users.get("principal")
        if then == "principal_ok" and principal is not None:
            actions.review_proposal(
                principal, proposal, stage="principal", decision="approve", note=""
            )
        if then == "returned" and principal is not None:
            actions.review_proposal(
                principal,
                proposal,
                stage="principal",
                decision="return",
                note="A good idea. Say how many families each evening is for, and ask for "
                "the days in the spring term rather than the autumn.",
            )
    return made
