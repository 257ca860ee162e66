"""A small network world on top of the persona cast (both cast districts are members of the
River Valley Network), built by the network app's actions.

- the library: a case study tagged ``trust``, a role description (a confidential coach) and a
  policy (the shipped Iowa TLC file);
- Northfield shares every comparison; Southport shares none yet;
- Ada (teacher, Northfield) posted an idea; Ben (teacher_other_school) joined the team; Rae
  (reviewer) is its critical friend; the team wrote a logic model and one plan step; Ada sits
  on Alder's school council, where she may raise the idea;
- Northfield's Mathematics 3-5 curriculum team, led by Ada, has a draft unit, a unit in peer
  review (Ben's review still to write, Rae's in) and a unit in its pilot;
- Northfield's trust pulse has a closed round and an open one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from lattice.councils import actions as councils
from lattice.councils.models import Body, Selection
from lattice.network import actions
from lattice.network.models import (
    Convening,
    ConveningSession,
    CurriculumTeam,
    Idea,
    Measure,
    PlanStep,
    PulseRound,
    Resource,
    ResourceKind,
    TeamMember,
    Unit,
    UnitReview,
)
from lattice.network.models.ideas import TeamRole
from lattice.pathways.policies import shipped_text
from tests.cast import Cast

COACH_SPEC = {
    "title": "Teaching and Learning Specialist",
    "role_type": "coach",
    "purpose": "Support teachers who ask, in confidence.",
    "duties": ["Observe on request", "Model lessons"],
    "peer_relation": "supports",
    "release_percent": 50,
    "stipend_dollars": 3000,
}


@dataclass
class World:
    case_study: Resource
    role: Resource
    policy: Resource
    idea: Idea
    lead_seat: TeamMember
    friend_seat: TeamMember
    step: PlanStep
    convening: Convening
    session: ConveningSession
    team: CurriculumTeam
    draft_unit: Unit
    review_unit: Unit
    pilot_unit: Unit
    bens_review: UnitReview
    closed_round: PulseRound
    open_round: PulseRound
    council: Body


def build_world(cast: Cast) -> World:
    net = cast.network
    case_study = actions.add_resource(
        None, net, kind=ResourceKind.CASE_STUDY, title="Slow and steady: building trust",
        summary="A district slowed down and grew coaches from its own teachers.",
        body="Small pieces, colleagues first, mentoring on request.",
        source_title="Massachusetts DESE, Wakefield case (2015)", tags="trust, coaching",
    )  # fmt: skip
    role = actions.add_resource(
        None, net, kind=ResourceKind.ROLE, title="Teaching and Learning Specialist",
        summary="A teacher of peers who never evaluates.", source_title="DESE, New Bedford case",
        source_url="https://doe.mass.edu/edeffectiveness/leadership/", tags="coaching",
        role_spec=COACH_SPEC,
    )  # fmt: skip
    policy = actions.add_resource(
        None, net, kind=ResourceKind.POLICY, title="Iowa TLC (2013)",
        summary="Iowa's career pathways.", source_title="Iowa Department of Education",
        policy_toml=shipped_text("iowa-tlc-2013.toml"), tags="policy",
    )  # fmt: skip
    actions.save_sharing(None, net, cast.district, set(Measure.values))
    idea = actions.post_idea(
        None, cast.teacher_staff, net, title="Open classrooms", summary="Visit each other."
    )
    lead_seat = idea.team.get()
    actions.join_team(None, idea, cast.teacher_other_school_staff)
    friend_seat = actions.join_team(None, idea, cast.reviewer_staff, role=TeamRole.FRIEND)
    actions.save_logic_model(None, idea, lead_seat, problem="Practice stays private.")
    step = actions.add_plan_step(
        None, idea, lead_seat, description="Agree the protocol", owner=lead_seat,
        due=dt.date(2026, 1, 15),
    )  # fmt: skip
    today = timezone.localdate()
    convening = actions.create_convening(
        None, net, title="Winter convening", starts_on=today, ends_on=today, place="Town hall"
    )
    morning = timezone.make_aware(dt.datetime.combine(today, dt.time(0, 5)))
    session = actions.add_session(
        None, convening, title="Open classrooms", starts_at=morning, capacity=3
    )
    actions.register(None, session, cast.teacher_staff, on=today)
    council = councils.create_body(
        None, cast.district, name="Alder council", kind="school_council", purpose="Decide.",
        scope="school", school=cast.alder,
    )  # fmt: skip
    council_seat = councils.add_seat(
        None, council, label="Teacher seat", position="member", selection=Selection.APPOINTED
    )
    councils.fill_seat(None, council_seat, cast.teacher_staff)
    team, units, bens = _curriculum(cast, today)
    closed, opened = _pulse(cast, today)
    return World(
        case_study, role, policy, idea, lead_seat, friend_seat, step, convening, session,
        team, *units, bens, closed, opened, council,
    )  # fmt: skip


UNIT = {"goals": "Place fractions.", "outline": "1. Halves. 2. Thirds.", "assessment": "Exit."}


def _curriculum(cast: Cast, on: dt.date) -> tuple[CurriculumTeam, list[Unit], UnitReview]:
    team = actions.create_team(
        None, cast.district, subject="Mathematics", grade_band="3-5", purpose="", on=on
    )
    lead = actions.add_team_member(None, team, cast.teacher_staff, lead=True, on=on)
    units = [
        actions.start_unit(None, team, lead, title=title, on=on, **UNIT)
        for title in ("Area and perimeter", "Fractions", "Multiplication")
    ]
    reviewers = [cast.teacher_other_school_staff, cast.reviewer_staff]
    scores = {"alignment": 3, "coherence": 3, "rigor": 3, "supports": 3, "assessment": 3}
    bens, raes = actions.ask_for_review(None, units[1], lead, reviewers, on=on)
    actions.submit_review(None, raes, raes.reviewer, scores=scores, comments="Good.", ready=True,
                          on=on)  # fmt: skip
    for review in actions.ask_for_review(None, units[2], lead, reviewers, on=on):
        actions.submit_review(None, review, review.reviewer, scores=scores, comments="Good.",
                              ready=True, on=on)  # fmt: skip
    actions.start_pilot(None, units[2], lead)
    return team, units, bens


def _pulse(cast: Cast, on: dt.date) -> tuple[PulseRound, PulseRound]:
    closed = actions.open_round(
        None, cast.district, title="Autumn pulse", opens_on=on - dt.timedelta(60),
        closes_on=on - dt.timedelta(45),
    )  # fmt: skip
    actions.close_round(None, closed)
    opened = actions.open_round(
        None, cast.district, title="Winter pulse", opens_on=on - dt.timedelta(1),
        closes_on=on + dt.timedelta(14),
    )  # fmt: skip
    return closed, opened


def world(cast: Cast) -> World:
    """The world for this cast, built once (the access matrix calls it from URL builders)."""
    found: Any = getattr(cast, "_network_world", None)
    if found is None:
        found = build_world(cast)
        cast._network_world = found  # type: ignore[attr-defined]
    return found
