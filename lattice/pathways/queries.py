"""Reads for the pathways pages and for other apps (``current_standing``).

Callers check access first (``lattice.pathways.access``); these functions take objects the
caller may already see.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from lattice.pathways.compute import Outcome, adoption_in_force, compute, policy_of
from lattice.pathways.models import (
    Application,
    Claim,
    ClaimStatus,
    Placement,
    PolicyAdoption,
)
from lattice.pathways.records import SchoolFacts, staff_for_records
from lattice.people.models import Assignment, District, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year, today
from lattice.rules.context import dollars
from lattice.rules.policy import Route
from lattice.rules.records import school_year_end, school_year_label, school_year_of
from lattice.rules.standing import Unit


def current_standing(staff: StaffMember, on: dt.date | None = None) -> Placement | None:
    """The person's placement in force on ``on`` (today): pathway/stage, interval/step/lane,
    units banked and salary, from the latest history row; None when never placed."""
    on = on or today()
    return (
        Placement.objects.filter(staff_member=staff, effective_on__lte=on)
        .order_by("-effective_on", "-id")
        .first()
    )


def teaching_staff(district: District | int) -> QuerySet[StaffMember]:
    """Active people of the district who ever held a teaching assignment (pathways are theirs)."""
    district_id = district if isinstance(district, int) else district.pk
    teachers = Assignment.objects.filter(position__in=list(TEACHING_POSITIONS)).values(
        "staff_member_id"
    )
    return StaffMember.objects.filter(district_id=district_id, active=True, pk__in=teachers)


def age_in_days(when: dt.datetime, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return max((now - when).days, 0)


def age_label(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "1 day"
    if days < 14:
        return f"{days} days"
    return f"{days // 7} weeks"


# --- the teacher's page ---------------------------------------------------------------------


@dataclass
class ChartPoint:
    label: str
    where: str
    total: int
    banked: int


@dataclass
class PathView:
    """What "My path" shows, from one engine run."""

    outcome: Outcome
    where: str
    chart: list[ChartPoint]
    explanation: list[tuple[str, list[str]]]  # (school year, plain sentences)
    moves: list[dict[str, Any]]
    pay_lines: list[tuple[str, str]]


def where_label(
    outcome: Outcome, pathway: str | None, interval: int | None, step: int | None, lane: str | None
) -> str:
    parts = []
    if pathway:
        name = next((p.name for p in outcome.policy.pathways if p.key == pathway), pathway)
        parts.append(name + (f" interval {interval}" if interval else ""))
    if step is not None:
        parts.append(f"step {step}" + (f", lane {lane}" if lane else ""))
    return ", ".join(parts) or "on the district's schedule"


def route_label(move: Any) -> str:
    """How a move happens, in a few words: by units, by application, by ratings."""
    if move.key == "next-interval":
        return ""
    if any(q.decided_by_people for q in move.requirements):
        return "by application: " + move.key.replace("-", " ")
    if any(q.key == "units" for q in move.requirements):
        return "by units"
    return ""


def path_view(outcome: Outcome) -> PathView:
    standing = outcome.standing
    assert standing is not None
    chart = [
        ChartPoint(
            school_year_label(y.school_year),
            where_label(outcome, y.pathway, y.interval, y.step, y.lane),
            y.salary.total,
            y.units_banked,
        )
        for y in standing.years
    ]
    by_year: dict[str, list[str]] = {}
    for line in standing.trace:
        if line.unit is Unit.DOLLARS:
            continue
        key = school_year_label(line.school_year) if line.school_year is not None else "Start"
        by_year.setdefault(key, []).append(line.plain)
    moves = []
    for move in outcome.moves:
        moves.append(
            {
                "title": move.title,
                "ready": move.ready,
                "key": move.key,
                "route": route_label(move),
                "requirements": [
                    {
                        "text": q.text,
                        "met": q.met,
                        "gap": q.gap,
                        "people": q.decided_by_people,
                    }
                    for q in move.requirements
                ],
            }
        )
    pay = [(dollars(line.amount), line.label) for line in standing.salary.lines]
    return PathView(
        outcome,
        where_label(outcome, standing.pathway, standing.interval, standing.step, standing.lane),
        chart,
        list(by_year.items()),
        moves,
        pay,
    )


# --- claims ---------------------------------------------------------------------------------


@dataclass
class QueueRow:
    claim: Claim
    waited_days: int

    @property
    def waited(self) -> str:
        return age_label(self.waited_days)


def claim_queue(district: District) -> list[QueueRow]:
    """Claims waiting for the talent office, oldest first, with how long each has waited."""
    on = today()
    claims = (
        Claim.objects.filter(district=district, status=ClaimStatus.SUBMITTED)
        .select_related("staff_member")
        .prefetch_related("evidence")
        .order_by("submitted_on", "submitted_at", "id")
    )
    return [QueueRow(c, max((on - c.submitted_on).days, 0)) for c in claims]


def claims_of(staff: StaffMember) -> list[QueueRow]:
    """A person's claims, newest first; a waiting claim's age counts from its submission."""
    on = today()
    claims = staff.claims.prefetch_related("evidence").order_by("-submitted_on", "-id")
    return [QueueRow(c, max((on - c.submitted_on).days, 0)) for c in claims]


# --- district views -------------------------------------------------------------------------


@dataclass
class Movement:
    staff: StaffMember
    before: str
    after: str
    on: dt.date
    cost: int


@dataclass
class PipelineRow:
    staff: StaffMember
    standing: str
    move: str


@dataclass
class DistrictOverview:
    district: District
    adoption: PolicyAdoption | None
    pathway_names: list[str]
    by_school: list[tuple[str, list[int], int]]  # school, counts per pathway, total
    by_interval: list[tuple[str, int]]
    claims_waiting: int
    oldest_wait: int
    median_wait: int
    oldest_claims: list[QueueRow]
    movements: list[Movement]
    movement_cost: int
    pipeline: list[PipelineRow]
    placed: int
    year_label: str
    unplaced: int = 0
    notes: list[str] = field(default_factory=list)


def latest_placements(district: District, on: dt.date) -> dict[int, list[Placement]]:
    """Each person's placement history up to ``on`` (oldest first), for active people."""
    history: dict[int, list[Placement]] = defaultdict(list)
    rows = (
        Placement.objects.filter(district=district, effective_on__lte=on, staff_member__active=True)
        .select_related("staff_member")
        .order_by("staff_member_id", "effective_on", "id")
    )
    for row in rows:
        history[row.staff_member_id].append(row)
    return history


def district_overview(district: District, on: dt.date | None = None) -> DistrictOverview:
    on = on or today()
    adoption = adoption_in_force(district, on)
    year = current_school_year(district, on)
    history = latest_placements(district, on)
    current = {pk: rows[-1] for pk, rows in history.items()}
    pathway_names: list[str] = []
    if adoption is not None:
        pathway_names = [p.name for p in policy_of(adoption).pathways]
    school_of: dict[int, str] = {}
    if year is not None:
        for staff_id, school in (
            Assignment.objects.filter(school_year=year, position__in=list(TEACHING_POSITIONS))
            .order_by("-fte", "id")
            .values_list("staff_member_id", "school__name")
        ):
            school_of.setdefault(staff_id, school)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    intervals: Counter[str] = Counter()
    for staff_id, placement in current.items():
        school = school_of.get(staff_id, "No assignment this year")
        name = placement.pathway_name or placement.pathway or "—"
        if name not in pathway_names:
            pathway_names.append(name)
        counts[school][name] += 1
        intervals[placement.standing_label] += 1
    by_school = [
        (school, [counts[school][p] for p in pathway_names], sum(counts[school].values()))
        for school in sorted(counts)
    ]
    order = {name: i for i, name in enumerate(pathway_names)}

    def interval_key(item: tuple[str, int]) -> tuple[int, int, str]:
        label = item[0]
        head = next((n for n in pathway_names if label.startswith(n)), label)
        digits = "".join(ch for ch in label[len(head) :] if ch.isdigit())
        return (order.get(head, 99), int(digits or 0), label)

    queue = claim_queue(district)
    waits = [row.waited_days for row in queue]
    movements: list[Movement] = []
    if year is not None:
        for rows in history.values():
            for before, after in itertools.pairwise(rows):
                if year.start <= after.effective_on <= min(year.end, on) and (
                    before.standing_label != after.standing_label
                ):
                    movements.append(
                        Movement(
                            after.staff_member,
                            before.standing_label,
                            after.standing_label,
                            after.effective_on,
                            after.total_salary - before.total_salary,
                        )
                    )
    movements.sort(key=lambda m: (m.on, m.staff.family_name))
    applied = set(
        Application.objects.filter(cohort__district=district).values_list(
            "staff_member_id", "cohort__transition_key"
        )
    )
    pipeline = _pipeline(district, adoption, current, applied, on) if adoption else []
    pipeline.sort(key=lambda p: (p.staff.family_name, p.staff.given_name))
    return DistrictOverview(
        district=district,
        adoption=adoption,
        pathway_names=pathway_names,
        by_school=by_school,
        by_interval=sorted(intervals.items(), key=interval_key),
        claims_waiting=len(queue),
        oldest_wait=max(waits, default=0),
        median_wait=int(median(waits)) if waits else 0,
        oldest_claims=queue[:10],
        movements=movements,
        movement_cost=sum(m.cost for m in movements),
        pipeline=pipeline,
        placed=len(current),
        year_label=year.label if year else "",
    )


def _pipeline(
    district: District,
    adoption: PolicyAdoption,
    current: dict[int, Placement],
    applied: set[tuple[int, str]],
    on: dt.date,
) -> list[PipelineRow]:
    """Teachers the rules let apply for a people-decided move who have not applied.

    Ratings are judged at the end of the last completed school year (see
    ``actions.applications.application_gaps``); the pathway is today's.
    """
    policy = policy_of(adoption)
    moves = [t for t in policy.transitions if t.route is Route.DECISION]
    from_pathways = {t.from_pathway for t in moves}
    candidates = [pk for pk, p in current.items() if p.pathway in from_pathways]
    year = school_year_of(on)
    judged = on if on >= school_year_end(year) else school_year_end(year - 1)
    facts = SchoolFacts.for_district(district.pk)
    rows = []
    for person in staff_for_records(StaffMember.objects.filter(pk__in=candidates)):
        placement = current[person.pk]
        open_moves = [
            t
            for t in moves
            if t.from_pathway == placement.pathway and (person.pk, t.key) not in applied
        ]
        if not open_moves:
            continue
        outcome = compute(person, judged, adoption=adoption, school_facts=facts)
        if outcome is None or not outcome.ok:
            continue
        for move in outcome.moves:
            if move.key in {t.key for t in open_moves} and move.ready:
                rows.append(PipelineRow(person, placement.standing_label, move.title))
    return rows


def placement_snapshot(rows: list[Placement]) -> dict[str, Any]:
    """The newest engine snapshot in a person's history."""
    for row in reversed(rows):
        if row.snapshot:
            return row.snapshot
    return {}
