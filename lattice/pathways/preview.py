"""What adopting a policy would do, before anything is written: the adoption plan.

:func:`plan_adoption` maps every teacher's standing today onto the candidate policy through
the crosswalk (``lattice.pathways.crosswalk``) and places them with the rules engine on the
date. The plan lists each teacher before and after, groups and counts them (placed, not
placed with why, starting later; gain, lose, same), and gives the year-one cost. The
adoption itself uses the same plan (and refuses while anyone would be unplaced or paid $0),
and the forecast's first year reads it too, so the preview, the adoption and the forecast
agree. Pay here is what the policy pays; role stipends (the roles app's) are the same before
and after, so they are left out of the comparison.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lattice.pathways import crosswalk as cw
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.models import Standing, StandingStatus
from lattice.pathways.projection import PENDING, PLACED, UNPLACED, Projection, project
from lattice.pathways.records import (
    PersonFacts,
    SchoolFacts,
    build_record,
    load_facts,
    teaching_ids,
)
from lattice.people.models import Assignment, District
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year, today
from lattice.rules import records as r
from lattice.rules.policy import Policy
from lattice.rules.ratings import for_district
from lattice.rules.standing import Unit

OUTCOMES = {
    "gain": "Gain pay",
    "lose": "Lose pay",
    "same": "Same pay",
    "unplaced": "Not placed",
    "pending": "Start later",
}


@dataclass
class PlanRow:
    """One teacher in the plan, as the preview table and its CSV show them."""

    staff_id: int
    employee_id: str
    name: str
    school: str
    group: str
    before: str
    before_pay: int
    after: str
    after_pay: int
    status: str
    problem: str = ""
    fix: str = ""
    explanation: list[str] = field(default_factory=list)

    @property
    def difference(self) -> int:
        return self.after_pay - self.before_pay if self.status == PLACED else 0

    @property
    def outcome(self) -> str:
        if self.status == UNPLACED:
            return "unplaced"
        if self.status == PENDING:
            return "pending"
        if self.difference > 0:
            return "gain"
        if self.difference < 0:
            return "lose"
        return "same"

    def as_dict(self) -> dict[str, Any]:
        return {
            "staff_id": self.staff_id, "employee_id": self.employee_id, "name": self.name,
            "school": self.school, "group": self.group, "before": self.before,
            "before_pay": self.before_pay, "after": self.after, "after_pay": self.after_pay,
            "status": self.status, "problem": self.problem, "fix": self.fix,
            "explanation": self.explanation,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanRow:
        return cls(**data)


@dataclass
class GroupRow:
    key: str
    label: str
    count: int
    rule: cw.Rule


@dataclass
class AdoptionPlan:
    policy: Policy
    effective_from: dt.date
    on: dt.date
    crosswalk: cw.Crosswalk
    rows: list[PlanRow]
    placements: dict[int, r.Placement | None]
    groups: list[GroupRow]
    problems: list[str] = field(default_factory=list)  # the crosswalk's own

    def summary(self) -> dict[str, Any]:
        return summarise(self.rows)

    @property
    def adoptable(self) -> bool:
        summary = self.summary()
        return not self.problems and summary["unplaced"] == 0


def summarise(rows: list[PlanRow]) -> dict[str, Any]:
    """The counts the preview leads with: placed, not placed (by why), gain/lose, cost."""
    outcomes = Counter(row.outcome for row in rows)
    placed = [row for row in rows if row.status == PLACED]
    reasons = Counter(row.problem.split(";")[0] for row in rows if row.status == UNPLACED)
    return {
        "teachers": len(rows),
        "placed": len(placed),
        "unplaced": outcomes["unplaced"],
        "pending": outcomes["pending"],
        "gain": outcomes["gain"],
        "lose": outcomes["lose"],
        "same": outcomes["same"],
        "before_total": sum(row.before_pay for row in placed),
        "after_total": sum(row.after_pay for row in placed),
        "cost": sum(row.difference for row in placed),
        "unplaced_reasons": reasons.most_common(10),
    }


def current_standings(district_id: int) -> dict[int, Standing]:
    rows = Standing.objects.filter(district_id=district_id, staff_member__active=True)
    return {s.staff_member_id: s for s in rows.defer("snapshot")}


def now_of(standing: Standing | None) -> cw.Now | None:
    """Where a stored standing says a teacher is today (None when not placed)."""
    if standing is None or standing.status != StandingStatus.PLACED:
        return None
    return cw.Now(
        pathway=standing.pathway,
        interval=standing.interval,
        step=standing.step,
        lane=standing.lane,
        units_banked=standing.units_banked,
        base_salary=standing.base_salary,
        label=standing.standing_label,
    )


def _now_of_projection(projection: Projection) -> cw.Now | None:
    if projection.status != PLACED:
        return None
    return cw.Now(
        pathway=projection.pathway,
        interval=projection.interval,
        step=projection.step,
        lane=projection.lane,
        units_banked=projection.units_banked,
        base_salary=projection.base_salary,
        label=projection.where,
    )


CHUNK = 2000  # people read and placed at a time, so memory stays bounded


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def standings_before(
    district: District, ids: list[int], effective_from: dt.date, school_facts: Any
) -> tuple[dict[int, cw.Now | None], dict[str, str], str]:
    """Where each teacher stands the day before ``effective_from`` under the policy in force
    then (facts dated from the effective day on count under the new policy), the groups with
    their labels, and that policy's name."""
    day = effective_from - dt.timedelta(days=1)
    old = adoption_in_force(district, day)
    if old is None:
        return {pk: None for pk in ids}, {cw.NOT_PLACED: "Not placed today"}, "no policy"
    policy = policy_of(old)
    nows: dict[int, cw.Now | None] = {}
    labels: dict[str, str] = {}
    for chunk in _chunks(ids):
        projections = project(
            load_facts(district.pk, chunk), policy, day, adoption_id=old.pk,
            school_facts=school_facts, with_moves=False,
            schedule_salary=(old.crosswalk or {}).get("new_hire_salary"),
        )  # fmt: skip
        for pk, projection in projections.items():
            now = nows[pk] = _now_of_projection(projection)
            if now is None:
                labels.setdefault(cw.NOT_PLACED, "Not placed before the date")
            else:
                labels.setdefault(now.group, projection.pathway_name or now.lane or now.group)
    labels = dict(sorted(labels.items(), key=lambda kv: (kv[0] == cw.NOT_PLACED, kv[1])))
    return nows, labels, f"{old.policy_key} v{old.version}"


def _schools(district: District, on: dt.date) -> dict[int, str]:
    year = current_school_year(district, on)
    out: dict[int, str] = {}
    if year is None:
        return out
    for staff_id, name in (
        Assignment.objects.filter(school_year=year, position__in=list(TEACHING_POSITIONS))
        .order_by("-fte", "id")
        .values_list("staff_member_id", "school__name")
    ):
        out.setdefault(staff_id, name)
    return out


def plan_adoption(
    district: District,
    policy: Policy,
    effective_from: dt.date,
    *,
    crosswalk: cw.Crosswalk | None = None,
    on: dt.date | None = None,
) -> AdoptionPlan:
    """Every teacher under ``policy`` from ``effective_from``, placed through ``crosswalk``
    (the proposed one when None), on ``on`` (the later of today and the effective date).

    People are read and placed ``CHUNK`` at a time; the plan keeps a small row per teacher.
    """
    policy = for_district(policy, district.rating_labels)
    on = max(on or today(), effective_from)
    ids = sorted(teaching_ids(district.pk))
    standings = current_standings(district.pk)
    school_facts = SchoolFacts.for_district(district.pk)
    nows, labels, old_name = standings_before(district, ids, effective_from, school_facts)
    if crosswalk is None:
        crosswalk = cw.propose(
            policy, labels, (n.base_salary for n in nows.values() if n is not None)
        )
    problems = cw.check(crosswalk, policy)
    switching = old_name != "no policy"
    candidate = policy
    if effective_from < policy.effective_from or (
        policy.effective_to is not None and on > policy.effective_to
    ):
        candidate = replace(policy, effective_from=effective_from, effective_to=None)
    schools = _schools(district, on)
    placements: dict[int, r.Placement | None] = {}
    rows = []
    for chunk in _chunks(ids):
        people = load_facts(district.pk, chunk)
        mine: dict[int, r.Placement | None] = {}
        for pk, person in people.items():
            start = person.start_for(None) if not switching else None
            if start is not None:
                mine[pk] = start.as_engine()
                continue
            record = build_record(person, policy, placement=None, school_facts=school_facts)
            mine[pk] = cw.placement_for(crosswalk, policy, effective_from, nows.get(pk), record,
                                        old_name)  # fmt: skip
        placements.update(mine)
        projections = project(
            people, candidate, on, placements=mine, school_facts=school_facts,
            schedule_salary=crosswalk.new_hire_salary, with_moves=False,
        )  # fmt: skip
        for pk, projection in projections.items():
            rows.append(_row(people[pk], projection, standings.get(pk), nows.get(pk), schools))
    rows.sort(key=lambda row: (row.name.split()[-1].lower(), row.name.lower(), row.employee_id))
    counts = Counter(row.group for row in rows)
    groups = [
        GroupRow(key, label, counts[key], crosswalk.rule_for(key) or cw.Rule(key, "", ""))
        for key, label in labels.items()
    ]
    return AdoptionPlan(policy, effective_from, on, crosswalk, rows, placements, groups, problems)


def _row(
    person: PersonFacts,
    projection: Projection,
    standing: Standing | None,
    now: cw.Now | None,
    schools: dict[int, str],
) -> PlanRow:
    today_now = now_of(standing)
    explanation = []
    if projection.standing is not None:
        explanation = [
            line.plain
            for line in projection.standing.trace
            if line.unit in (Unit.MOVE, Unit.UNITS_SPENT, Unit.UNITS_EARNED, Unit.NOTE)
        ][-6:]
    placed_now = today_now is not None and standing is not None
    return PlanRow(
        staff_id=person.staff_id,
        employee_id=person.employee_id,
        name=person.name,
        school=schools.get(person.staff_id, "No assignment this year"),
        group=now.group if now is not None else cw.NOT_PLACED,
        before=standing.standing_label if placed_now and standing else "not placed",
        before_pay=standing.total_salary if placed_now and standing else 0,
        after=projection.where,
        after_pay=projection.total if projection.status == PLACED else 0,
        status=projection.status,
        problem=projection.problem,
        fix=projection.fix,
        explanation=explanation,
    )


@dataclass(frozen=True)
class YearOne:
    """The first year of ``other`` against ``baseline`` (None: the standings in force today):
    what the district pays under each, the difference, and who gains or loses."""

    baseline: str
    other: str
    on: dt.date
    teachers: int
    baseline_total: int
    other_total: int
    gainers: int
    losers: int
    unplaced: int

    @property
    def cost(self) -> int:
        return self.other_total - self.baseline_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline, "other": self.other, "on": self.on.isoformat(),
            "teachers": self.teachers, "baseline_total": self.baseline_total,
            "other_total": self.other_total, "cost": self.cost, "gainers": self.gainers,
            "losers": self.losers, "unplaced": self.unplaced,
        }  # fmt: skip


def plan_in(
    plans: Iterable[AdoptionPlan], district: District, policy: Policy, on: dt.date
) -> AdoptionPlan:
    """The plan of ``policy`` effective ``on`` among ``plans`` (made earlier, so a caller that
    needs it twice places the district once), else a new one (the proposed crosswalk)."""
    wanted = for_district(policy, district.rating_labels)
    for plan in plans:
        if plan.effective_from == on and plan.on == on and plan.policy == wanted:
            return plan
    return plan_adoption(district, policy, on, on=on)


def pay_under(
    district: District,
    policy: Policy | None,
    on: dt.date,
    plans: Iterable[AdoptionPlan] = (),
) -> tuple[dict[int, int], set[int]]:
    """Each teacher's pay under ``policy`` on ``on`` as the adoption preview places them (the
    proposed crosswalk, effective that day), or under today's standings when None; and the
    teachers it cannot place."""
    if policy is None:
        standings = current_standings(district.pk)
        placed = {pk: s.total_salary for pk, s in standings.items() if s.status == PLACED}
        pay = {pk: placed.get(pk, 0) for pk in teaching_ids(district.pk)}
        return pay, set()
    plan = plan_in(plans, district, policy, on)
    pay = {row.staff_id: row.after_pay for row in plan.rows if row.status == PLACED}
    return pay, {row.staff_id for row in plan.rows if row.status == UNPLACED}


def year_one(
    district: District,
    baseline: Policy | None,
    other: Policy,
    on: dt.date | None = None,
    *,
    plans: Iterable[AdoptionPlan] = (),
) -> YearOne:
    """The year-one comparison the forecast shows; with ``baseline`` None it equals the
    adoption preview of ``other`` effective ``on`` (the same plan, row by row). ``plans``
    made already for these policies on ``on`` are used instead of placing everyone again."""
    on = on or today()
    plans = list(plans)
    if baseline is None:
        plan = plan_in(plans, district, other, on)
        summary = summarise(plan.rows)
        return YearOne(
            "today's standings", f"{other.key} v{other.version}", on, summary["placed"],
            summary["before_total"], summary["after_total"], summary["gain"], summary["lose"],
            summary["unplaced"],
        )  # fmt: skip
    base, base_unplaced = pay_under(district, baseline, on, plans)
    mine, mine_unplaced = pay_under(district, other, on, plans)
    both = set(base) & set(mine)
    return YearOne(
        f"{baseline.key} v{baseline.version}",
        f"{other.key} v{other.version}",
        on,
        len(both),
        sum(base[pk] for pk in both),
        sum(mine[pk] for pk in both),
        sum(1 for pk in both if mine[pk] > base[pk]),
        sum(1 for pk in both if mine[pk] < base[pk]),
        len(base_unplaced | mine_unplaced),
    )
