"""Shared curriculum teams: the talent office forms a team per subject and grade band; its
teacher leaders write units in versions, ask teachers of other schools to review them against
the rubric, pilot them, hear from the teachers who taught them and adopt them. Adoption enters
each member's year on the team into their ledger as a role served, through the registry the
pathways app records into (:mod:`lattice.lib.roles_served`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction

from lattice.audit.log import record
from lattice.lib.actors import Actor
from lattice.lib.roles_served import RoleServed, role_served
from lattice.network.actions.common import NetworkError, require
from lattice.network.models import (
    CurriculumService,
    CurriculumTeam,
    CurriculumTeamMember,
    Unit,
    UnitFeedback,
    UnitReview,
    UnitStatus,
    UnitVersion,
)
from lattice.network.models.curriculum import RUBRIC, RUBRIC_SCALE
from lattice.people.models import District, School, StaffMember
from lattice.people.queries import current_school_year
from lattice.roles.queries import home_school

MIN_REVIEWS = 2
ROLE_KEY = "curriculum_team"


def school_of(staff: StaffMember, on: dt.date) -> School | None:
    """The person's school this school year (their largest assignment)."""
    year = current_school_year(staff.district, on)
    return home_school(staff, year) if year is not None else None


@transaction.atomic
def create_team(
    actor: Actor, district: District, *, subject: str, grade_band: str, purpose: str, on: dt.date
) -> CurriculumTeam:
    require(subject=subject, grade_band=grade_band)
    subject, grade_band = subject.strip()[:80], grade_band.strip()[:20]
    if CurriculumTeam.objects.filter(
        district=district, subject__iexact=subject, grade_band__iexact=grade_band
    ).exists():
        raise NetworkError(
            f"subject: {district} already has a {subject} team for grades {grade_band}."
        )
    team = CurriculumTeam.objects.create(
        district=district,
        subject=subject,
        grade_band=grade_band,
        purpose=purpose.strip(),
        created_on=on,
    )
    record(
        actor=actor,
        action="network.curriculum_team.create",
        obj=team,
        district=district,
        after={"subject": subject, "grade_band": grade_band},
    )
    return team


@transaction.atomic
def add_team_member(
    actor: Actor, team: CurriculumTeam, staff: StaffMember, *, lead: bool = False, on: dt.date
) -> CurriculumTeamMember:
    """A teacher leader joins the team (the office seats them, with their agreement)."""
    if staff.district_id != team.district_id:
        raise NetworkError(
            f"member: {staff} works in another district; choose {team.district}'s staff."
        )
    if team.members.filter(staff_member=staff, left_on__isnull=True).exists():
        raise NetworkError(f"member: {staff} is already on the {team} team.")
    member = CurriculumTeamMember.objects.create(
        team=team, staff_member=staff, lead=lead, joined_on=on
    )
    record(
        actor=actor,
        action="network.curriculum_team.join",
        obj=team,
        district=team.district,
        staff_member=staff,
        after={"lead": lead},
    )
    return member


def seat_on(team: CurriculumTeam, staff: StaffMember | None) -> CurriculumTeamMember | None:
    """``staff``'s open seat on the team, if any."""
    if staff is None:
        return None
    return team.members.filter(staff_member=staff, left_on__isnull=True).first()


def _member(team: CurriculumTeam, member: CurriculumTeamMember | None) -> CurriculumTeamMember:
    if member is None or member.team_id != team.pk or member.left_on is not None:
        raise NetworkError("team: only the team's members write and move its units.")
    return member


def _version(
    unit: Unit,
    member: CurriculumTeamMember,
    goals: str,
    outline: str,
    assessment: str,
    change_note: str,
    on: dt.date,
) -> UnitVersion:
    require(goals=goals, outline=outline, assessment=assessment)
    number = (unit.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return UnitVersion.objects.create(
        unit=unit,
        number=number,
        goals=goals.strip(),
        outline=outline.strip(),
        assessment=assessment.strip(),
        change_note=change_note.strip()[:300],
        written_by=member,
        written_on=on,
    )


@transaction.atomic
def start_unit(
    actor: Actor,
    team: CurriculumTeam,
    member: CurriculumTeamMember | None,
    *,
    title: str,
    goals: str,
    outline: str,
    assessment: str,
    on: dt.date,
) -> Unit:
    """A team member drafts a new unit: version 1."""
    author = _member(team, member)
    require(title=title)
    unit = Unit.objects.create(team=team, title=title.strip()[:200])
    _version(unit, author, goals, outline, assessment, "First draft", on)
    record(
        actor=actor,
        action="network.unit.draft",
        obj=unit,
        district=team.district,
        staff_member=author.staff_member,
        after={"version": 1},
    )
    return unit


@transaction.atomic
def revise_unit(
    actor: Actor,
    unit: Unit,
    member: CurriculumTeamMember | None,
    *,
    goals: str,
    outline: str,
    assessment: str,
    change_note: str,
    on: dt.date,
) -> UnitVersion:
    """A new version (the old ones stay, with their reviews and feedback); the unit goes back
    to draft, to be reviewed again."""
    author = _member(unit.team, member)
    require(change_note=change_note)
    before = unit.status
    version = _version(unit, author, goals, outline, assessment, change_note, on)
    unit.status = UnitStatus.DRAFT
    unit.save(update_fields=["status"])
    record(
        actor=actor,
        action="network.unit.revise",
        obj=unit,
        district=unit.team.district,
        staff_member=author.staff_member,
        before={"status": before},
        after={"version": version.number, "status": unit.status},
    )
    return version


@transaction.atomic
def ask_for_review(
    actor: Actor,
    unit: Unit,
    member: CurriculumTeamMember | None,
    reviewers: Sequence[StaffMember],
    *,
    on: dt.date,
) -> list[UnitReview]:
    """Send the current version to peer review by teachers of other schools: never the
    writer's school, never the team itself."""
    _member(unit.team, member)
    if unit.status != UnitStatus.DRAFT:
        raise NetworkError(
            f"status: the unit is {unit.get_status_display().lower()}; only a draft goes to review."
        )
    if len(reviewers) < MIN_REVIEWS:
        raise NetworkError(
            f"reviewers: choose at least {MIN_REVIEWS} reviewers from other schools."
        )
    version = unit.current
    assert version is not None  # a unit is created with its first version
    writer_school = school_of(version.written_by.staff_member, on)
    team_staff = set(
        unit.team.members.filter(left_on__isnull=True).values_list("staff_member_id", flat=True)
    )
    asked = []
    for person in reviewers:
        school = school_of(person, on)
        if person.district_id != unit.team.district_id or school is None:
            raise NetworkError(
                f"reviewers: {person} has no school in {unit.team.district} this year."
            )
        if person.pk in team_staff:
            raise NetworkError(
                f"reviewers: {person} is on the team; reviewers come from outside it."
            )
        if writer_school is not None and school.pk == writer_school.pk:
            raise NetworkError(
                f"reviewers: {person} works at {school.name}, the writer's school; choose a "
                "teacher of another school."
            )
        asked.append(
            UnitReview.objects.create(
                version=version, reviewer=person, reviewer_school=school, asked_on=on
            )
        )
    unit.status = UnitStatus.REVIEW
    unit.save(update_fields=["status"])
    record(
        actor=actor,
        action="network.unit.review_ask",
        obj=unit,
        district=unit.team.district,
        after={"version": version.number, "reviewers": len(asked)},
    )
    return asked


@transaction.atomic
def submit_review(
    actor: Actor,
    review: UnitReview,
    reviewer: StaffMember | None,
    *,
    scores: Mapping[str, int],
    comments: str,
    ready: bool,
    on: dt.date,
) -> UnitReview:
    """The reviewer scores each criterion of the rubric 1-4 and says whether the unit is
    ready to pilot."""
    if reviewer is None or review.reviewer_id != reviewer.pk:
        raise NetworkError("review: only the teacher asked can write this review.")
    if review.submitted_on is not None:
        raise NetworkError("review: this review is submitted; it cannot be changed.")
    if (
        review.version.unit.status != UnitStatus.REVIEW
        or review.version != review.version.unit.current
    ):
        raise NetworkError("review: the unit is no longer in review of this version.")
    clean = {}
    for key, label in RUBRIC:
        value = scores.get(key)
        if value not in RUBRIC_SCALE:
            raise NetworkError(f"{key}: score '{label}' from 1 (not yet) to 4 (exemplary).")
        clean[key] = int(value)
    require(comments=comments)
    review.scores, review.comments, review.ready = clean, comments.strip(), ready
    review.submitted_on = on
    review.save()
    record(
        actor=actor,
        action="network.unit.review",
        obj=review.version.unit,
        district=reviewer.district,
        staff_member=reviewer,
        after={"ready": ready, **clean},
    )
    return review


@transaction.atomic
def start_pilot(actor: Actor, unit: Unit, member: CurriculumTeamMember | None) -> Unit:
    """After peer review: at least two reviews submitted, none asking for a revision."""
    _member(unit.team, member)
    if unit.status != UnitStatus.REVIEW:
        raise NetworkError("status: a unit is piloted after its peer review.")
    version = unit.current
    done = list(UnitReview.objects.filter(version=version, submitted_on__isnull=False))
    if len(done) < MIN_REVIEWS:
        raise NetworkError(
            f"reviews: {len(done)} of the {MIN_REVIEWS} reviews needed are in; wait for the rest."
        )
    if any(r.ready is False for r in done):
        raise NetworkError("reviews: a reviewer asked for a revision; write a new version first.")
    unit.status = UnitStatus.PILOT
    unit.save(update_fields=["status"])
    record(
        actor=actor,
        action="network.unit.pilot",
        obj=unit,
        district=unit.team.district,
        after={"reviews": len(done)},
    )
    return unit


@transaction.atomic
def report_teaching(
    actor: Actor,
    unit: Unit,
    teacher: StaffMember,
    *,
    taught_on: dt.date,
    worked: str,
    change: str = "",
    on: dt.date,
) -> UnitFeedback:
    """A teacher who taught the unit (in the pilot or since adoption) says how it went."""
    if unit.status not in (UnitStatus.PILOT, UnitStatus.ADOPTED):
        raise NetworkError("status: feedback comes from teaching the unit, once it is piloted.")
    if taught_on > on:
        raise NetworkError(f"taught_on: {taught_on} is in the future; report after teaching.")
    require(worked=worked)
    school = school_of(teacher, on)
    if teacher.district_id != unit.team.district_id or school is None:
        raise NetworkError(f"teacher: {teacher} has no school in {unit.team.district} this year.")
    version = unit.current
    assert version is not None
    note = UnitFeedback.objects.create(
        version=version,
        teacher=teacher,
        school=school,
        taught_on=taught_on,
        worked=worked.strip(),
        change=change.strip(),
    )
    record(
        actor=actor,
        action="network.unit.feedback",
        obj=unit,
        district=teacher.district,
        staff_member=teacher,
        after={"version": version.number},
    )
    return note


@transaction.atomic
def adopt_unit(
    actor: Actor, unit: Unit, member: CurriculumTeamMember | None, *, on: dt.date
) -> list[CurriculumService]:
    """The team adopts a piloted unit once a teacher who taught it has reported. Each open
    member's year on the team is then entered into their ledger as a role served (once a
    school year); returns the service newly recorded."""
    _member(unit.team, member)
    if unit.status != UnitStatus.PILOT:
        raise NetworkError("status: a unit is adopted after its pilot.")
    if not UnitFeedback.objects.filter(version=unit.current).exists():
        raise NetworkError("feedback: adopt once a teacher who piloted the unit has reported.")
    unit.status, unit.adopted_on = UnitStatus.ADOPTED, on
    unit.save(update_fields=["status", "adopted_on"])
    record(
        actor=actor,
        action="network.unit.adopt",
        obj=unit,
        district=unit.team.district,
        after={"version": unit.current.number if unit.current else None},
    )
    return record_service(actor, unit.team, on=on, reason=f"Adopted “{unit.title}”")


def record_service(
    actor: Actor, team: CurriculumTeam, *, on: dt.date, reason: str
) -> list[CurriculumService]:
    """Enter the year's service of each open member into the ledger, once a school year."""
    year = current_school_year(team.district, on)
    if year is None:
        return []
    made = []
    for member in team.members.filter(left_on__isnull=True).select_related("staff_member"):
        if CurriculumService.objects.filter(member=member, school_year_start=year.start).exists():
            continue
        made.append(
            CurriculumService.objects.create(
                member=member, school_year_start=year.start, recorded_on=on, reason=reason[:300]
            )
        )
        role_served(
            actor,
            RoleServed(
                staff_id=member.staff_member_id,
                district_id=team.district_id,
                role_key=ROLE_KEY,
                title=f"Shared curriculum team: {team}"[:200],
                school_year_start=year.start,
                source=f"network.CurriculumTeamMember:{member.pk}",
            ),
        )
    return made
