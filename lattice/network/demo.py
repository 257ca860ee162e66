"""The demo network's shared life: a library of real resources (summaries in Lattice's words,
each with its public source), both districts sharing comparisons, and a Teach to Lead idea
with a team across the two districts, a logic model, an action plan and feedback.

It also gives the main district a shared curriculum team whose first unit went through peer
review, a pilot and adoption, two closed rounds of the trust pulse, and a network cabinet with
a member from each district.

``populate_demo_network(district, seed)`` runs on the main demo district after the roles
content (registered with ``lattice.people.demo_content``), through this app's actions.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.councils.actions import fill_seat
from lattice.councils.models import Body
from lattice.lib.actors import Actor
from lattice.network import actions
from lattice.network.models import Measure, ResourceKind
from lattice.network.models.ideas import TeamRole
from lattice.network.models.pulse import QUESTIONS
from lattice.pathways.policies import shipped_text
from lattice.people.models import District, Position, StaffMember
from lattice.people.queries import current_school_year, today

DESE = "https://doe.mass.edu/edeffectiveness/leadership/default.html"

LIBRARY: tuple[dict[str, Any], ...] = (
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "Revere: leadership boards and councils",
        "summary": "Revere began in 2010 with two Evaluation Teacher Leaders in every building, "
        "open to any teacher who applied; they became the experts on the new evaluation system "
        "and the colleagues others asked first. The work grew into a district leadership board "
        "supported by seven councils that share decisions with the administration.",
        "body": "What other districts can borrow:\n- Start small and visible: two respected "
        "teachers per building, chosen by open application.\n- Give the role a clear job (know "
        "the system, adapt it, answer colleagues) before giving it a council.\n- Fear fell and "
        "buy-in rose when teachers heard about evaluation from peers rather than from the "
        "office.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Leadership Boards and "
        "Councils: Decentralizing Decision-Making (Revere Public Schools)",
        "source_url": DESE,
        "tags": "councils, shared decisions, evaluation",
    },
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "Springfield: the Effective Educator Coach program",
        "summary": "Experienced Springfield teachers coached new and struggling colleagues, first "
        "in ten schools in 2011-12 and district-wide from 2013-14. Coaches valued control over "
        "what, how and when they coached; spreading to every school stretched coach capacity, "
        "and how much principals took part varied from school to school.",
        "body": "Lessons:\n- Let coaches shape the content and timing of their work.\n- Plan "
        "caseloads before scaling up: a district-wide roll-out strains the coaches you have.\n"
        "- Agree what the principal does all year, not only at selection.",
        "source_title": "SRI International and Abt Associates (2015), Research brief: "
        "Springfield Public Schools Effective Educator Coach program",
        "source_url": "https://www.sri.com/publication/education-learning-pubs/"
        "teaching-quality-pubs/research-brief-springfield-public-schools-effective-educator-"
        "coach-program/",
        "tags": "coaching, mentoring, scaling up",
    },
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "New Bedford: who can be a teacher leader?",
        "summary": "New Bedford turned interventionists into Teaching and Learning Specialists "
        "who support teachers rather than students. Specialists are chosen by application on "
        "ratings, recommendations and student growth; their conversations with teachers stay "
        "confidential, and teachers ask for support rather than being sent to it.",
        "body": "The district's definition: a strong teacher of students and a strong teacher of "
        "peers. Keeping support confidential and teacher-requested is what made teachers use "
        "it.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Who Can Be a Teacher "
        "Leader? Broadening the Definition in New Bedford",
        "source_url": DESE,
        "tags": "trust, coaching, selection",
    },
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "Northampton: moving to a shared curriculum, teachers leading the way",
        "summary": "Northampton first asked every teacher to write and share units, and it did "
        "not work: too little time, uneven capacity, and not everyone wants to write curriculum. "
        "The district then leaned on department chairs and a smaller group of teacher leaders, "
        "who now run a two-year review cycle for each subject.",
        "body": "Lessons:\n- Ask the people who want to write curriculum, and give them time.\n"
        "- A fixed cycle per subject (review and research, then training and roll-out) makes the "
        "work predictable.\n- Rate the core materials against a shared scale before replacing "
        "them.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Moving to a Shared "
        "Curriculum: Teachers Leading the Way in Northampton",
        "source_url": "https://northamptonschools.org/project/curriculum/",
        "tags": "curriculum, department leads",
    },
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "Wakefield: slow and steady wins the race, building trust",
        "summary": "Facing a new evaluation framework, new curriculum frameworks and new tests at "
        "once, Wakefield slowed down: it broke expectations into small pieces and grew coaches "
        "from its own teachers, who observe, suggest, find resources and guide team meetings.",
        "body": "The questions Wakefield kept asking: who serves, and how do we add support "
        "without adding burdens? Trust came from pace and from colleagues, not from "
        "announcements.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Slow and Steady Wins the "
        "Race: Building Trust in Wakefield (2015)",
        "source_url": DESE,
        "tags": "trust, coaching, pace",
    },
    {
        "kind": ResourceKind.CASE_STUDY,
        "title": "Wareham: from coach to supervisor",
        "summary": "Wareham's Instructional Leaders had coached colleagues while teaching since "
        "2009-10. When one principal per building had to evaluate everyone, the district asked "
        "whether these leaders should also evaluate peers, knowing that moving a trusted coach "
        "into evaluation changes the relationship.",
        "body": "Take-away: decide openly whether a role supports or evaluates, and change it "
        "deliberately; trust is not built in a day.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: From Coach to Supervisor "
        "(Wareham Public Schools)",
        "source_url": DESE,
        "tags": "evaluation, trust, hybrid roles",
    },
    {
        "kind": ResourceKind.TEMPLATE,
        "title": "Planning guide for distributed leadership",
        "summary": "A planning tool from the state and eight districts for sharing feedback and "
        "support to teachers beyond the principal. It sets out four approaches, from the most "
        "formal to the most collaborative: peer assistance and review, secondary evaluators, "
        "instructional coaches, and collaborative learning; a district starts with the one it "
        "is most ready for.",
        "body": "Use it as a planning template: for the approach you choose, check readiness "
        "(trust, evaluator capacity, contract, time, budget), make the design decisions (who "
        "gives feedback to whom, training, formative or formal use, time and pay), then write a "
        "delivery plan with milestones and measures.",
        "source_title": "Massachusetts DESE, An Interactive Planning Guide for Distributed "
        "Leadership (Distributed Leadership PLN, 2015-16)",
        "source_url": "https://docslib.org/doc/746613/an-interactive-planning-guide-for-"
        "distributed-leadership",
        "tags": "planning, distributed leadership, evaluation",
    },
    {
        "kind": ResourceKind.TEMPLATE,
        "title": "Teach to Lead logic model",
        "summary": "The worksheet Teach to Lead teams fill in with their critical friends: the "
        "problem, then inputs, activities, outputs, outcomes and measures, ending in an action "
        "plan with owners and dates.",
        "body": "Work from the root cause of the problem to a theory of change before listing "
        "activities; every outcome needs a measure the team can collect.",
        "source_title": "Teach to Lead (US Department of Education, National Board for "
        "Professional Teaching Standards, ASCD): summits and leadership labs",
        "source_url": "http://teachtolead.org/what-we-do/labs/",
        "tags": "teach to lead, planning",
    },
    {
        "kind": ResourceKind.ROLE,
        "title": "Teaching and Learning Specialist (New Bedford)",
        "summary": "A teacher of peers: observes, holds pre- and post-observation conversations "
        "and models lessons for colleagues who ask, in confidence, never evaluating them.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Who Can Be a Teacher "
        "Leader? (New Bedford Public Schools)",
        "source_url": DESE,
        "tags": "coaching, trust, role descriptions",
        "role_spec": {
            "title": "Teaching and Learning Specialist",
            "role_type": "coach",
            "purpose": "Support teachers who ask for it, in confidence, with observation, "
            "conversation and modelling.",
            "duties": [
                "Observe lessons at a teacher's request",
                "Hold pre- and post-observation conversations",
                "Model lessons and practices",
            ],
            "tlms_domains": ["learning", "instruction"],
            "peer_relation": "supports",
            "release_percent": 50,
            "stipend_dollars": 3_000,
        },
    },
    {
        "kind": ResourceKind.ROLE,
        "title": "Evaluation Teacher Leader (Revere)",
        "summary": "Two respected teachers per building, chosen by open application, who know "
        "the evaluation system best and are the colleagues others ask first.",
        "source_title": "Massachusetts DESE, Teacher Leadership case: Leadership Boards and "
        "Councils (Revere Public Schools)",
        "source_url": DESE,
        "tags": "evaluation, role descriptions",
        "role_spec": {
            "title": "Evaluation Teacher Leader",
            "role_type": "lead",
            "purpose": "Be the building's go-to colleague on the evaluation system and help "
            "adapt it.",
            "duties": [
                "Become expert in the evaluation system",
                "Answer colleagues' and evaluators' questions",
                "Help adapt the system to the building",
            ],
            "tlms_domains": ["culture", "learning"],
            "peer_relation": "supports",
            "positions": 2,
            "stipend_dollars": 1_500,
            "extra_days": 3,
        },
    },
    {
        "kind": ResourceKind.POLICY,
        "title": "Iowa Teacher Leadership and Compensation system (2013)",
        "summary": "Iowa's state model for career pathways with model, mentor and lead teacher "
        "roles, paid as supplements and covering a set share of teachers. Copy it as an "
        "adoption draft to see every teacher's placement and pay under it before deciding.",
        "source_title": "Iowa Department of Education, Teacher Leadership and Compensation "
        "(TLC) system; Iowa Code 284.15-16",
        "source_url": "https://educateiowa.gov/pk-12/educator-quality/teacher-leadership-and-"
        "compensation-tlc-system",
        "tags": "policy, pay, career pathways",
        "policy_file": "iowa-tlc-2013.toml",
    },
    {
        "kind": ResourceKind.TEMPLATE,
        "title": "Differentiated roles school readiness rubric (Denver)",
        "summary": "A rubric a school fills in before taking on teacher-leader roles: vision, "
        "the school leader, capacity, culture and structures, with a timeline for applying.",
        "source_title": "Denver Public Schools, Differentiated Roles School Readiness Toolkit "
        "(2014-15)",
        "source_url": "https://vdocuments.mx/2014-15-school-readiness-toolkit-edison-2014-09-"
        "26-differentiated-roles-school.html",
        "tags": "planning, readiness, hybrid roles",
    },
)

IDEA = {
    "title": "Open classrooms across our two districts",
    "summary": "Teachers from Maplewood and Cedar Falls visit each other's classrooms once a "
    "term in small groups, around one shared problem of practice, and debrief together.",
}
LOGIC_MODEL = {
    "problem": "New teachers in both districts rarely see a colleague teach after their first "
    "year; practice stays behind closed doors.",
    "inputs": "Four half-days of cover per term; a shared calendar; two host teachers per school.",
    "activities": "Termly visit rounds in groups of four, a debrief protocol, a short "
    "reflection afterwards.",
    "outputs": "Three rounds a year; every participant hosts once and visits twice.",
    "outcomes": "Teachers try practices they saw; more teachers ask for coaching.",
    "measures": "Rounds held, participants, and the share who tried something new (reflection "
    "form).",
}


def _teachers(district: District, n: int, rng: random.Random) -> list[StaffMember]:
    year = current_school_year(district)
    pool = list(
        StaffMember.objects.filter(
            district=district,
            active=True,
            assignments__school_year=year,
            assignments__position=Position.TEACHER,
            user__isnull=True,
        )
        .distinct()
        .order_by("pk")[:200]
    )
    return rng.sample(pool, min(n, len(pool)))


@transaction.atomic
def populate_demo_network(district: District, seed: int, *, actor: Actor = None) -> dict[str, int]:
    network = district.network
    if network is None:
        return {"resources": 0, "ideas": 0}
    rng = random.Random(seed)
    on = today()
    members = list(network.districts.order_by("pk"))
    for i, member in enumerate(members):
        actions.record_joined(
            actor,
            member,
            joined_on=dt.date(2014, 9, 1) if i == 0 else dt.date(2015, 1, 15),
            note="founding member" if i == 0 else "",
        )
    neighbour = next((m for m in members if m.pk != district.pk), None)
    for entry in LIBRARY:
        fields = {k: v for k, v in entry.items() if k != "policy_file"}
        if "policy_file" in entry:
            fields["policy_toml"] = shipped_text(entry["policy_file"])
        actions.add_resource(actor, network, shared_by=None, **fields)
    actions.save_sharing(actor, network, district, set(Measure.values))
    if neighbour is not None:
        actions.save_sharing(
            actor,
            network,
            neighbour,
            {Measure.LEADERS_PER_100, Measure.COVERAGE, Measure.ROLE_TYPES, Measure.PATHWAYS},
        )
    ideas = 0
    local = _teachers(district, 2, rng)
    far = _teachers(neighbour, 2, rng) if neighbour is not None else []
    if len(local) == 2:
        lead, colleague = local
        idea = actions.post_idea(actor, lead, network, **IDEA)
        seat = idea.team.get()
        actions.join_team(actor, idea, colleague)
        if far:
            actions.join_team(actor, idea, far[0])
        friend = (
            actions.join_team(
                actor, idea, far[1] if len(far) > 1 else colleague, role=TeamRole.FRIEND
            )
            if len(far) > 1
            else None
        )
        actions.save_logic_model(actor, idea, seat, **LOGIC_MODEL)
        owner_two = idea.team.filter(role=TeamRole.MEMBER).first() or seat
        for days, text, owner, needs in (
            (21, "Agree the shared problem of practice and the debrief protocol", seat, ""),
            (
                45,
                "Book cover and publish the first round's calendar",
                owner_two,
                "Four half-days of cover",
            ),
            (90, "Hold the first visit round and collect reflections", seat, "Reflection form"),
        ):
            actions.add_plan_step(
                actor,
                idea,
                seat,
                description=text,
                owner=owner,
                due=on + dt.timedelta(days=days),
                resources=needs,
            )
        if friend is not None:
            actions.give_feedback(
                actor,
                idea,
                friend,
                text="Name one measure you can collect "
                "in the first round itself, so the team sees early whether "
                "visits change practice.",
            )
        actions.give_feedback(
            actor,
            idea,
            seat,
            text="Problem of practice agreed: questioning "
            "in mathematics discussions. Cover is booked for the first "
            "round.",
        )
        ideas = 1
    convenings = _convenings(actor, network, district, neighbour, rng, on)
    curriculum = _curriculum(actor, district, rng, on)
    rounds = _pulse(actor, district, rng, on)
    cabinet = actions.convene_cabinet(
        actor, network, district, name=f"{network.name} cabinet",
        purpose="Teacher leaders and talent officers of every member district agree what the "
        "network studies next, plan its convenings and choose the comparisons it shares.",
    )  # fmt: skip
    seated = _seat_cabinet(actor, cabinet.body, [*local[:1], *far[:1]], on)
    return {
        "resources": len(LIBRARY), "ideas": ideas, "convenings": convenings,
        "units": curriculum["units"], "pulse_rounds": rounds, "cabinets": 1,
        "cabinet_members": seated,
    }  # fmt: skip


def _seat_cabinet(actor: Actor, body: Body, people: list[StaffMember], on: dt.date) -> int:
    """Each district's seat on the cabinet goes to one of its teachers (the Teach to Lead
    idea's lead from the main district, a team member from the neighbour), through the
    councils app's ``fill_seat`` as each district's office would appoint them."""
    seated = 0
    for person in people:
        seat = body.seats.filter(constituency_district_id=person.district_id).first()
        if seat is not None:
            fill_seat(actor, seat, person, start=on - dt.timedelta(days=30), how="appointed")
            seated += 1
    return seated


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _convenings(
    actor: Actor,
    network: Any,
    district: District,
    neighbour: District | None,
    rng: random.Random,
    on: dt.date,
) -> int:
    """One past convening (with attendance and materials) and one coming up."""
    past_day = on - dt.timedelta(days=45)
    past = actions.create_convening(
        actor,
        network,
        title="Fall convening: building trust slowly",
        starts_on=past_day,
        ends_on=past_day,
        place="Lakes Region Collaborative, Room 2",
        keynote="“Trust is not built in a day”: a principal and two coaches on moving from "
        "coaching to peer review",
        summary="The member districts compared how they choose teacher leaders and how they "
        "keep coaching confidential.",
    )
    people = _teachers(district, 30, rng) + (_teachers(neighbour, 12, rng) if neighbour else [])
    titles = (
        ("Choosing teacher leaders by open application", "Maplewood talent office", 9, 20),
        ("Coaching that stays confidential", "Cedar Falls coaches", 11, 15),
        ("Writing a logic model with critical friends", "Network office", 13, 25),
    )
    for index, (title, speaker, hour, seats) in enumerate(titles):
        session = actions.add_session(
            actor, past, title=title, speaker=speaker, starts_at=_at(past_day, hour), capacity=seats
        )
        for person in people[index::3][:seats]:
            seat = actions.register(actor, session, person, on=past_day - dt.timedelta(days=7))
            if rng.random() < 0.85:
                actions.check_in(actor, seat, on=past_day)
    resources = {r.title: r for r in network.resources.all()}
    for title, note in (
        ("Wakefield: slow and steady wins the race, building trust", "the keynote's case"),
        ("Teach to Lead logic model", "the worksheet used in the afternoon session"),
    ):
        if title in resources:
            actions.add_material(
                actor, past, title=title, resource=resources[title], note=note, on=past_day
            )
    actions.add_material(
        actor,
        past,
        title="DESE Teacher Leadership page",
        url=DESE,
        note="every case discussed",
        on=past_day,
    )
    next_day = on + dt.timedelta(days=60)
    upcoming = actions.create_convening(
        actor,
        network,
        title="Winter convening: shared curriculum",
        starts_on=next_day,
        ends_on=next_day,
        place="Cedar Falls High School library",
        keynote="Teachers leading the way: department chairs on a shared curriculum",
    )
    actions.add_session(
        actor,
        upcoming,
        title="Rating core materials together",
        speaker="Maplewood curriculum leads",
        starts_at=_at(next_day, 9),
        capacity=30,
    )
    actions.add_session(
        actor,
        upcoming,
        title="Peer review of a unit across schools",
        speaker="Cedar Falls teacher leaders",
        starts_at=_at(next_day, 11),
        capacity=3,
    )
    return 2


# --- shared curriculum, the trust pulse and a network cabinet --------------------------------

UNIT_V1 = {
    "goals": "Students write and solve one-step equations, and explain each step as keeping "
    "a balance.",
    "outline": "1. Hanger diagrams: what keeps a balance.\n2. From hangers to equations.\n"
    "3. Solving by doing the same to both sides.\n4. Writing equations for word problems.\n"
    "5. Checking a solution by substitution.",
    "assessment": "A short quiz after lesson 3; an end-of-unit task: write and solve an "
    "equation for a school-fair budget, explaining every step.",
}
UNIT_V2_CHANGE = (
    "Reviewers asked for more support for English learners: added a word bank and sentence "
    "frames to lessons 2 and 4, and a worked example before the end-of-unit task."
)
REVIEWS = (
    ({"alignment": 4, "coherence": 3, "rigor": 3, "supports": 2, "assessment": 3}, False,
     "Strong sequence from hangers to symbols. English learners need a word bank and sentence "
     "frames before lesson 4's word problems."),
    ({"alignment": 3, "coherence": 4, "rigor": 3, "supports": 2, "assessment": 4}, True,
     "The end-of-unit task is excellent. Add a worked example before it for students who "
     "struggle to start."),
)  # fmt: skip


def _by_school(district: District, people: list[StaffMember], on: dt.date) -> dict[int, list]:
    found: dict[int, list[StaffMember]] = {}
    for person in people:
        school = actions.school_of(person, on)
        if school is not None:
            found.setdefault(school.pk, []).append(person)
    return found


def _curriculum(
    actor: Actor, district: District, rng: random.Random, on: dt.date
) -> dict[str, int]:
    """A Mathematics 6-8 team of three teacher leaders; one unit through two versions, peer
    review by teachers of other schools, a pilot with teachers' feedback, and adoption (which
    records the members' year on the team as a role served); a second unit in draft."""
    schools = _by_school(district, _teachers(district, 60, rng), on)
    groups = [people for people in schools.values() if len(people) >= 2]
    if len(groups) < 2:
        return {"units": 0}
    writers, others = groups[0], [p for g in groups[1:] for p in g]
    team = actions.create_team(
        actor, district, subject="Mathematics", grade_band="6-8", on=on - dt.timedelta(200),
        purpose="Write and keep the middle-school mathematics units every school teaches, "
        "two units a term, reviewed across schools before any classroom pilots them.",
    )  # fmt: skip
    lead = actions.add_team_member(actor, team, writers[0], lead=True, on=team.created_on)
    second = actions.add_team_member(actor, team, writers[1], on=team.created_on)
    third = actions.add_team_member(actor, team, others[0], on=team.created_on)
    unit = actions.start_unit(
        actor, team, lead, title="Equations as balance", on=on - dt.timedelta(120), **UNIT_V1
    )
    reviewers = others[1:3]
    asked = actions.ask_for_review(actor, unit, second, reviewers, on=on - dt.timedelta(110))
    for review, (scores, ready, text) in zip(asked, REVIEWS, strict=True):
        actions.submit_review(
            actor, review, review.reviewer, scores=scores, comments=text, ready=ready,
            on=on - dt.timedelta(100),
        )  # fmt: skip
    actions.revise_unit(
        actor, unit, lead, on=on - dt.timedelta(90), change_note=UNIT_V2_CHANGE[:300],
        goals=UNIT_V1["goals"], outline=UNIT_V1["outline"].replace(
            "4. Writing", "4. Word bank and sentence frames, then writing"
        ), assessment=UNIT_V1["assessment"] + " A worked example comes first.",
    )  # fmt: skip
    asked = actions.ask_for_review(actor, unit, lead, reviewers, on=on - dt.timedelta(85))
    for review in asked:
        actions.submit_review(
            actor, review, review.reviewer, ready=True, on=on - dt.timedelta(80),
            scores={"alignment": 4, "coherence": 4, "rigor": 3, "supports": 3, "assessment": 4},
            comments="The word bank and the worked example answer what we asked. Ready to pilot.",
        )  # fmt: skip
    actions.start_pilot(actor, unit, lead)
    for person, worked, change in (
        (third.staff_member, "The hanger diagrams made 'do the same to both sides' click.",
         "Lesson 3 needs a second day."),
        (others[3] if len(others) > 3 else second.staff_member,
         "Students used the sentence frames to explain their steps aloud.", ""),
    ):  # fmt: skip
        actions.report_teaching(
            actor, unit, person, taught_on=on - dt.timedelta(40), worked=worked, change=change,
            on=on - dt.timedelta(35),
        )  # fmt: skip
    actions.adopt_unit(actor, unit, lead, on=on - dt.timedelta(30))
    actions.start_unit(
        actor, team, third, title="Ratios and rates", on=on - dt.timedelta(10),
        goals="Students reason about ratios with tables, tape diagrams and double number lines.",
        outline="1. Ratio language.\n2. Equivalent ratios in tables.\n3. Unit rates.",
        assessment="A recipe-scaling task.",
    )  # fmt: skip
    return {"units": 2}


def _pulse(actor: Actor, district: District, rng: random.Random, on: dt.date) -> int:
    """Two closed rounds of the trust pulse, in autumn and in winter; trust rises a little
    between them, as Wakefield's slow and steady work would hope. Answers come from a sample
    of staff at each school (a school with fewer than ten answers is pooled at the close)."""
    year = current_school_year(district)
    everyone = list(
        StaffMember.objects.filter(
            district=district, active=True, assignments__school_year=year,
            assignments__position=Position.TEACHER,
        ).distinct().order_by("pk")
    )  # fmt: skip
    schools = _by_school(district, rng.sample(everyone, min(240, len(everyone))), on)
    people = [p for group in schools.values() for p in group]
    keys = [key for key, _ in QUESTIONS]
    for weeks, title, lift in ((20, "Trust pulse: autumn", 0.0), (6, "Trust pulse: winter", 0.4)):
        opens = on - dt.timedelta(weeks=weeks)
        pulse = actions.open_round(
            actor, district, title=title, opens_on=opens, closes_on=opens + dt.timedelta(14)
        )
        for person in people:
            if rng.random() < 0.2:
                continue  # not everyone answers
            answers = {
                key: max(1, min(5, round(rng.gauss(3.2 + lift + (0.3 if i == 0 else 0), 0.9))))
                for i, key in enumerate(keys)
            }
            actions.answer_pulse(actor, pulse, person, answers, on=opens + dt.timedelta(3))
        actions.close_round(actor, pulse)
    return 2
