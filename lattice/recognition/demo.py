"""Recognition for the demo district: five achievements (three earned automatically from the
roles and pathways content), a decided Teacher of the Year program, and the `teacher` log-in's
credentials: one public and verifiable, plus a revoked one elsewhere in the district.

``populate_demo_recognition(district, seed)`` runs after the pathways and roles content
(registered with ``lattice.people.demo_content``) and goes through the app's actions.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from lattice.lib.actors import Actor
from lattice.people.models import District, SchoolYear, StaffMember
from lattice.people.queries import today
from lattice.recognition import actions, programs
from lattice.recognition.models import AchievementType, EarnedBy, NominatorKind

ACHIEVEMENTS: tuple[dict[str, Any], ...] = (
    dict(key="mentor-term", name="Mentor teacher: a term served",
         description="Served a full school-year term as a mentor teacher.",
         criteria="Hold the district's mentor teacher role for a school year, assigned through "
                  "the roles process.",
         achievement_type=AchievementType.ROLE_SERVED, earned_by=EarnedBy.ROLE_SERVED,
         role_key="mentor", tlms_functions="4c 3g"),
    dict(key="approved-project", name="Leadership project completed",
         description="Completed a leadership project the talent office approved and verified.",
         criteria="Complete an approved leadership project (a study group, a mentoring cycle, a "
                  "family-engagement plan) and have it verified in the career ledger.",
         evidence_required="The project's verified ledger claim and its report.",
         achievement_type=AchievementType.MICRO_CREDENTIAL, earned_by=EarnedBy.LEDGER_CLAIM,
         claim_kind="project", tlms_functions="2b 3c"),
    dict(key="model-pathway", name="Model teacher pathway",
         description="Reached the Model pathway of the district's career lattice.",
         criteria="Be placed on the Model pathway (or above) under the district's adopted policy.",
         achievement_type=AchievementType.PATHWAY_REACHED, earned_by=EarnedBy.PATHWAY,
         pathway_key="model", tlms_functions="4a"),
    dict(key="teacher-of-the-year", name="District Teacher of the Year",
         description="Chosen by an independent panel of colleagues as the district's Teacher "
                     "of the Year.",
         criteria="Nominated by a colleague, principal or self; selected by the panel on impact, "
                  "leadership among colleagues and work with families.",
         achievement_type=AchievementType.AWARD, earned_by=EarnedBy.RECOGNITION,
         tlms_functions="1c 6e 7e"),
    dict(key="shared-curriculum-lead", name="Shared curriculum lead",
         description="Led the district's shared curriculum work for a grade and subject.",
         criteria="Lead a curriculum team for a school year and publish the unit plans it wrote.",
         evidence_required="The published unit plans and the team's meeting record.",
         achievement_type=AchievementType.MICRO_CREDENTIAL, earned_by=EarnedBy.REVIEW,
         tlms_functions="3a 5b"),
)  # fmt: skip

STATEMENT = (
    "{name} turned a struggling grade team into one that plans together every week; "
    "colleagues ask to observe their classroom and families say their children love school."
)


@transaction.atomic
def populate_demo_recognition(
    district: District, seed: int, *, actor: Actor = None
) -> dict[str, int]:
    rng = random.Random(seed)
    on = today()
    made = {a["key"]: actions.define_achievement(actor, district, **a) for a in ACHIEVEMENTS}
    automatic = actions.award_roles_served(actor, district)
    automatic += actions.award_pathways(actor, district, on)
    automatic += actions.award_ledger_claims(actor, district)

    year = SchoolYear.objects.filter(district=district, start__lte=on).order_by("-start").first()
    teacher = StaffMember.objects.filter(district=district, user__username="teacher").first()
    if year is None or teacher is None:
        return {"achievements": len(made), "automatic_awards": automatic}
    staff = list(
        StaffMember.objects.filter(district=district, active=True, email__gt="")
        .exclude(pk=teacher.pk)
        .order_by("pk")
    )
    curriculum = actions.award(
        actor, made["shared-curriculum-lead"], teacher, on=on - dt.timedelta(days=30),
        narrative="Led the grade 4 ELA shared curriculum team; eight unit plans published.",
        source="talent office review",
    )  # fmt: skip
    actions.set_public(actor, curriculum, True)
    in_error = actions.award(
        actor, made["shared-curriculum-lead"], staff[0], on=on - dt.timedelta(days=40),
        source="talent office review",
    )  # fmt: skip
    actions.set_public(actor, in_error, True)
    actions.revoke(actor, in_error, reason="Awarded in error: the unit plans were not published.")

    program = programs.create_program(
        actor, district, year, name="District Teacher of the Year", level="district",
        criteria="A teacher whose practice and leadership lift students, colleagues and families.",
        opens=min(year.start, on - dt.timedelta(days=60)), closes=on, decide_by=on,
        achievement=made["teacher-of-the-year"], honourees=1,
    )  # fmt: skip
    nominees = [teacher, *rng.sample(staff[1:], 3)]
    for person in nominees:
        nominator = rng.choice([s for s in staff if s.pk != person.pk])
        programs.nominate(
            actor, program, person, kind=NominatorKind.COLLEAGUE, nominator=nominator,
            statement=STATEMENT.format(name=person.display_name), on=on,
        )  # fmt: skip
    pool = [s for s in staff if s not in nominees]
    rng.shuffle(pool)
    seats = []
    for reviewer in pool:
        seat = programs.seat_reviewer(actor, program, reviewer)
        seats.append(seat)
        if len(seats) == 3:
            break
    programs.open_review(actor, program)
    reviewed = False
    for seat in seats:
        for nomination in program.nominations.all():
            if not programs.may_review(seat, nomination):
                continue
            base = 4 if nomination.nominee_id == teacher.pk else rng.choice((2, 3))
            scores = {
                key: max(1, min(4, base - rng.choice((0, 0, 1)))) for key, _ in programs.RUBRIC
            }
            if nomination.nominee_id == teacher.pk:
                scores = {key: 4 for key, _ in programs.RUBRIC}
            programs.submit_review(actor, seat, nomination, scores=scores)
            reviewed = True
    if reviewed:  # a small demo district may seat no reviewer from another school
        programs.decide(actor, program)
    return {
        "achievements": len(made),
        "automatic_awards": automatic,
        "programs": 1,
        "nominations": program.nominations.count(),
    }
