"""The councils' demo content, through the app's actions with choices drawn from the seed:

- a school leadership council at the demo teacher's school, with the principal ex officio,
  the demo teacher in a teacher seat, a chair and a secretary, and an educator seat open to
  the school's librarian and reading specialist too (New Bedford); one past meeting with
  attendance (quorum met) and published minutes; a decided proposal (a closed ranked-choice
  vote, in the decision register with a review date) and an open proposal that would add a
  hybrid role to the catalogue once it passes; its bylaws allow proxies, and the secretary,
  away on the day, has handed their vote in that poll to the demo teacher;
- a district curriculum council with teachers from several schools, rated Effective or
  better last year; its small-schools seat carries two votes (a voting share), and its
  bylaws allow absentee votes; it scored reading programmes to pilot, and voted to raise the
  stipend of the role most people hold: a passed decision waiting for the talent office to
  carry out.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from lattice.councils import actions
from lattice.councils.actions.carry_outs import stipend_roles
from lattice.councils.models import Body, BodyKind, BodyScope, PollKind, Presence, Workflow
from lattice.lib.actors import Actor
from lattice.lib.formatting import money
from lattice.people.models import Assignment, District, Position, StaffMember
from lattice.people.queries import current_school_year, today
from lattice.roles.queries import stipend_preview

TEACHER_SEAT = ["teacher", "from_school"]


def _staff(district: District, username: str) -> StaffMember | None:
    return StaffMember.objects.filter(district=district, user__username=username).first()


@transaction.atomic
def populate_demo_councils(district: District, seed: int, *, actor: Actor = None) -> dict[str, int]:
    rng = random.Random(seed)
    on = today()
    year = current_school_year(district, on)
    teacher = _staff(district, "teacher")
    if year is None or teacher is None:
        return {"bodies": 0}
    here = (
        Assignment.objects.filter(staff_member=teacher, school_year=year)
        .select_related("school")
        .first()
    )
    if here is None:
        return {"bodies": 0}
    school = here.school
    start = max(year.start, on - dt.timedelta(days=60))
    council = actions.create_body(
        actor,
        district,
        name=f"{school.name} Leadership Council",
        kind=BodyKind.LEADERSHIP_BOARD,
        purpose="Teachers and the principal share the school's decisions on professional "
        "learning time, schedules and teacher-leader roles.",
        scope=BodyScope.SCHOOL,
        school=school,
        workflow=Workflow.SIMPLE,
        allows_proxies=True,
        rights=[
            ("Professional learning time", "decides"),
            ("Teacher-leader roles", "recommends"),
            ("School budget", "consulted"),
        ],
    )
    colleagues = [
        a.staff_member
        for a in Assignment.objects.filter(
            school=school, school_year=year, position=Position.TEACHER, staff_member__active=True
        )
        .exclude(staff_member=teacher)
        .select_related("staff_member")
    ]
    rng.shuffle(colleagues)
    principal = (
        Assignment.objects.filter(school=school, school_year=year, position=Position.PRINCIPAL)
        .select_related("staff_member")
        .first()
    )
    teaching = [Position.TEACHER, Position.INSTRUCTIONAL_COACH]
    plan = [
        ("Chair", "chair", "elected", TEACHER_SEAT, teaching),
        ("Secretary", "secretary", "elected", TEACHER_SEAT, teaching),
    ]
    plan += [(f"Teacher seat {i}", "member", "elected", TEACHER_SEAT, teaching) for i in (1, 2)]
    # Open beyond classroom teachers (New Bedford): the school's librarian and reading
    # specialist may sit on this one.
    educators = [*teaching, Position.LIBRARIAN, Position.SPECIALIST]
    plan += [("Educator seat", "member", "elected", TEACHER_SEAT, educators)]
    seats = [
        actions.add_seat(
            actor,
            council,
            label=label,
            position=pos,
            selection=how,
            eligibility_rules=rules,
            eligible_positions=positions,
        )
        for label, pos, how, rules, positions in plan
    ]
    holders = [*colleagues[:2], teacher, *colleagues[2:4]]
    for seat, person in zip(seats, holders, strict=False):
        actions.fill_seat(actor, seat, person, start=start, how="elected")
    if principal is not None:
        ex = actions.add_seat(
            actor, council, label="Principal", position="member", selection="ex_officio"
        )
        actions.fill_seat(actor, ex, principal.staff_member, start=start, how="ex officio")
    chair = holders[0]

    when = timezone.make_aware(dt.datetime.combine(start + (on - start) // 2, dt.time(15, 30)))
    meeting = actions.schedule_meeting(
        actor,
        council,
        title="Monthly meeting",
        starts_at=when,
        ends_at=when + dt.timedelta(hours=1),
        location=f"{school.name} library",
        agenda=[
            "Welcome and last month's minutes",
            "Professional learning focus for next term",
            "Hybrid roles for next year",
        ],
    )
    focus = meeting.agenda.get(position=1)
    actions.add_agenda_item(
        actor,
        meeting,
        title="Results of the staff survey",
        parent=focus,
        owner=holders[1],
        minutes=10,
    )
    members = actions.members_on(council, when.date())
    for i, m in enumerate(members):
        presence = Presence.EXCUSED if i == len(members) - 1 else Presence.PRESENT
        actions.record_attendance(
            actor,
            meeting,
            m,
            presence,
            arrived_at=dt.time(15, 30) if presence == "present" else None,
            left_at=dt.time(16, 30) if presence == "present" else None,
        )
    decided = actions.raise_proposal(
        actor,
        council,
        chair,
        title="Focus of next term's PLC time",
        problem="Our PLC time is spread over too many goals and teachers say it helps little.",
        proposal="Give next term's PLC time to one focus, chosen by ranked vote.",
        rationale="One shared focus lets teams plan, try and compare lessons together.",
        meeting=meeting,
    )
    options = ["Reading across subjects", "Checking for understanding", "Student discourse"]
    poll = actions.start_poll(
        actor, decided, kind=PollKind.RANKED, options=options, anonymous=True, meeting=meeting
    )
    ids = list(poll.options.values_list("pk", flat=True))
    for m in members[:-1]:
        order = ids[:]
        rng.shuffle(order)
        if m == members[0]:
            order = ids[:]  # the chair's first choice leads the count in every seed
        actions.cast_ballot(actor, poll, m, {o: r for r, o in enumerate(order, start=1)})
    poll = actions.close_poll(actor, poll, owner=holders[1], review_on=on + dt.timedelta(days=150))
    actions.write_minutes(
        actor,
        meeting,
        "1. Last month's minutes were approved.\n"
        "2. The survey showed PLC time is spread too thin. The council voted by ranked "
        f"choice on one focus for next term: {poll.result.get('winner_names', ['—'])[0]}.\n"
        "3. A proposal for a hybrid data-coach role was raised and goes to a vote next month.",
        holders[1],
    )
    for _ in range(3):
        actions.advance_minutes(actor, meeting, holders[1])
    open_one = actions.raise_proposal(
        actor,
        council,
        teacher,
        title="A hybrid data-coach role",
        problem="Teams collect assessment data but have no time to read it together.",
        proposal="Create a hybrid role: a teacher who teaches half-time and coaches teams on "
        "reading their data the other half.",
        rationale="Teams that read their data together adjust teaching sooner.",
        cost=4000,
        carries_out="create_role",
        carry_out_fields={
            "key": "data-coach",
            "title": "Hybrid data coach",
            "role_type": "coach",
            "purpose": "Coach teams on reading their assessment data together.",
            "duties": "Meet each team monthly\nPrepare data summaries",
        },
    )
    consent = actions.start_poll(actor, open_one, kind=PollKind.CONSENT)
    secretary = holders[1] if len(holders) > 1 else None
    if secretary is not None and secretary != teacher:
        # Away on a course this week, the secretary hands their vote to the demo teacher.
        actions.give_proxy(actor, consent, secretary, teacher)
    brief = (
        "Data-coach role: what the teams asked for\n\n"
        "- A monthly hour with each team to read the latest assessment together\n"
        "- One-page summaries of the data before each PLC meeting\n"
        "- Half-time teaching, so the coach stays in the classroom\n"
    )
    actions.attach_files(
        actor,
        open_one,
        teacher,
        [SimpleUploadedFile("data-coach-brief.txt", brief.encode(), "text/plain")],
    )

    curriculum = actions.create_body(
        actor,
        district,
        name="District Curriculum Council",
        kind=BodyKind.CURRICULUM_COUNCIL,
        purpose="Teachers from every school review curriculum and recommend materials and "
        "pacing to the district.",
        scope=BodyScope.DISTRICT,
        workflow=Workflow.FORMAL,
        rights=[("Curriculum materials", "recommends"), ("Pacing guides", "decides")],
        allows_absentee_votes=True,
    )
    seated = 0
    taken = {p.pk for p in holders}
    pool = list(
        StaffMember.objects.filter(
            district=district,
            active=True,
            assignments__school_year=year,
            assignments__position=Position.TEACHER,
        )
        .exclude(pk__in=taken)
        .distinct()
        .order_by("pk")[:200]
    )
    rng.shuffle(pool)
    # The small-schools seat stands for several small schools' teachers: two votes.
    labels = [("Chair", "chair", 1), ("Secretary", "secretary", 1)]
    labels += [("Teacher seat 1", "member", 1), ("Teacher seat 2", "member", 1)]
    labels += [("Small-schools seat", "member", 2)]
    for label, pos, share in labels:
        seat = actions.add_seat(
            actor,
            curriculum,
            label=label,
            position=pos,
            selection="elected",
            eligibility_rules=["teacher", "effective_last_year"],
            constituency="The district's smallest schools" if share > 1 else "",
            share=share,
        )
        while pool:
            person = pool.pop()
            try:
                actions.fill_seat(actor, seat, person, start=start, how="elected")
            except actions.CouncilError:
                continue
            seated += 1
            break
    scored = _score_the_pilots(actor, curriculum, on, rng)
    stipend = _raise_a_stipend(actor, curriculum, on)
    return {
        "bodies": 2,
        "seats": len(seats) + 1 + len(labels),
        "members": len(members) + seated,
        "decisions": 1 + scored + stipend,
        "proposals": 2 + stipend,
        "stipend_decisions_to_carry_out": stipend,
    }


def _raise_a_stipend(actor: Actor, council: Body, on: dt.date) -> int:
    """The curriculum council voted to raise the stipend of the catalogue role most people
    hold; the decision waits for the talent office to carry it out (the decision page shows
    its preview and the confirm button). Returns the decisions it entered."""
    members = actions.members_on(council, on)
    held = [
        (preview.holders, role.pk, role, preview)
        for role in stipend_roles(council)
        if (preview := stipend_preview(role, role.stipend_dollars + 500, on)).holders
    ]
    if len(members) < 2 or not held:
        return 0
    _, _, role, preview = max(held, key=lambda h: h[:2])
    proposal = actions.raise_proposal(
        actor,
        council,
        members[0],
        title=f"A fairer stipend for the {role.title} role",
        problem=f"Holders of the {role.title} role now plan and lead curriculum work each "
        "month; the stipend was set before that work was added.",
        proposal=f"Pay the {role.title} role {money(preview.after)} a year, from now, to "
        "everyone who holds it.",
        rationale="The added hours are about 20 a year; $500 pays them at the district's "
        "hourly rate for extra duties.",
        cost=preview.cost,
        carries_out="change_stipend",
        carry_out_fields={"role": role.pk, "stipend_dollars": preview.after},
    )
    actions.second_proposal(actor, proposal, members[1])
    poll = actions.start_poll(actor, proposal, kind=PollKind.YES_NO)
    yes = poll.options.get(meaning="yes")
    for m in members:
        actions.cast_ballot(actor, poll, m, {yes.pk: 1})
    poll = actions.close_poll(actor, poll, review_on=on + dt.timedelta(days=120))
    return 1 if poll.result.get("passed") else 0


def _score_the_pilots(actor: Actor, council: Body, on: dt.date, rng: random.Random) -> int:
    """The curriculum council scored three reading programmes to pilot (a closed score vote:
    its page charts the spread behind each total); returns the decisions it entered."""
    members = actions.members_on(council, on)
    if len(members) < 2:
        return 0
    proposal = actions.raise_proposal(
        actor,
        council,
        members[0],
        title="Which reading programme to pilot next year",
        problem="Three programmes were shortlisted; the district can fund one pilot.",
        proposal="Pilot the programme members score highest, in four schools.",
        rationale="Scores show how strongly members hold each view, not only the favourite.",
    )
    actions.second_proposal(actor, proposal, members[1])
    options = ["Structured phonics plus", "Reading across subjects", "Book clubs for all"]
    poll = actions.start_poll(actor, proposal, kind=PollKind.SCORE, options=options)
    ids = list(poll.options.values_list("pk", flat=True))
    leaning = (4, 3, 2)  # the first is liked by most; the others split the room
    for m in members:
        ballot = {
            o: max(0, min(5, lean + rng.choice((-2, -1, 0, 1, 2))))
            for o, lean in zip(ids, leaning, strict=True)
        }
        actions.cast_ballot(actor, poll, m, ballot)
    poll = actions.close_poll(actor, poll, owner=members[0], review_on=on + dt.timedelta(days=200))
    return 1 if poll.result.get("passed") else 0
