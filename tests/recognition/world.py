"""A small recognition world on the persona cast, built by the app's actions.

- Northfield defines three achievements: a mentor term (earned by serving), the shared
  curriculum lead (by review) and Teacher of the Year (by a program);
- Ada (teacher) holds the curriculum credential and made it public; Ben (teacher at Birch)
  holds one he keeps private;
- the Teacher of the Year program takes nominations today: Ben nominated Ada; Rae Reviewer
  (Birch) sits on its panel and may review Ada (Alder), never a Birch nominee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lattice.recognition import actions, programs
from lattice.recognition.models import Achievement, Award, Nomination, PanelSeat, Program
from tests.cast import Cast


@dataclass
class World:
    mentor: Achievement
    curriculum: Achievement
    toy: Achievement
    ada_award: Award
    ben_award: Award
    program: Program
    ada_nomination: Nomination
    rae_seat: PanelSeat


def build_world(cast: Cast) -> World:
    d = cast.district
    mentor = actions.define_achievement(
        None,
        d,
        key="mentor-term",
        name="Mentor: a term served",
        description="Served a term as a mentor.",
        criteria="Hold the mentor role a year.",
        achievement_type="ext:RoleServed",
        earned_by="role_served",
        role_key="mentor",
        tlms_functions="4c",
    )
    curriculum = actions.define_achievement(
        None,
        d,
        key="curriculum-lead",
        name="Shared curriculum lead",
        description="Led shared curriculum work.",
        criteria="Lead a curriculum team a year.",
        achievement_type="MicroCredential",
        tlms_functions="3a 5b",
    )
    toy = actions.define_achievement(
        None,
        d,
        key="teacher-of-the-year",
        name="Teacher of the Year",
        description="Chosen by the district's panel.",
        criteria="Selected by the panel.",
        achievement_type="Award",
        earned_by="recognition",
    )
    ada_award = actions.award(None, curriculum, cast.teacher_staff, narrative="Grade 4 ELA")
    actions.set_public(None, ada_award, True)
    ben_award = actions.award(None, curriculum, cast.teacher_other_school_staff)
    t = timezone.localdate()
    program = programs.create_program(
        None,
        d,
        cast.year,
        name="Teacher of the Year",
        level="district",
        criteria="Lifts students, colleagues and families.",
        opens=t - dt.timedelta(days=5),
        closes=t + dt.timedelta(days=5),
        decide_by=t + dt.timedelta(days=20),
        achievement=toy,
    )
    nomination = programs.nominate(
        None,
        program,
        cast.teacher_staff,
        kind="colleague",
        nominator=cast.teacher_other_school_staff,
        statement="Ada runs the best reading workshop in the district and mentors two teams.",
    )
    seat = programs.seat_reviewer(None, program, cast.reviewer_staff)
    return World(mentor, curriculum, toy, ada_award, ben_award, program, nomination, seat)


def world(cast: Cast) -> World:
    """The world for this cast, built once (the access matrix calls it from URL builders)."""
    found: Any = getattr(cast, "_recognition_world", None)
    if found is None:
        found = build_world(cast)
        cast._recognition_world = found  # type: ignore[attr-defined]
    return found
