"""Compute standings (reads only): people's facts → the rules engine → what a Standing stores.

:func:`project` places many people under one policy on one date: the standing writer stores
the results, the adoption preview shows them for a candidate policy, the forecast starts from
them, and a page asking about another date shows them without storing anything. Every
projection carries its status (placed, not placed with why and the fix, or starting later),
the salary parts, the pay lines of the year with their explanations, and the snapshot "My
path" shows: chart points, the explanation year by year, the next moves, what the top of a
pathway means and what banked units are for.

Role supplements in a policy's roles table are not paid from the standing: leadership-role
stipends are paid by the roles app from the role assignment (what the holder was promised),
so they are never counted twice. The standing lists such a line as ``paid_by_roles``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lattice.lib.formatting import day, money
from lattice.pathways.records import PersonFacts, SchoolFacts, WhatIf, build_record
from lattice.rules import records as r
from lattice.rules.context import RecordError
from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.ledger import units_transition
from lattice.rules.policy import Model, Policy, Route
from lattice.rules.records import school_year_label
from lattice.rules.standing import Move, PayKind, Standing, Unit

PLACED, UNPLACED, PENDING = "placed", "unplaced", "pending"
ROLE_RULE = "roles table"
FIX_RECORD = "correct the record named in the reason, then recompute"


@dataclass
class Projection:
    """One person's standing under one policy on one date, as stored and shown."""

    staff_id: int
    status: str
    on: dt.date
    pathway: str = ""
    pathway_name: str = ""
    interval: int | None = None
    step: int | None = None
    lane: str = ""
    units_earned: int = 0
    units_banked: int = 0
    base_salary: int = 0
    supplements: int = 0
    bonuses: int = 0
    one_time: int = 0
    problem: str = ""
    fix: str = ""
    snapshot: dict[str, Any] = field(default_factory=dict)
    pay_lines: list[dict[str, Any]] = field(default_factory=list)
    policy_label: str = ""
    years: list[dict[str, Any]] = field(default_factory=list)  # year by year, for history
    record: r.TeacherRecord | None = None
    standing: Standing | None = None
    moves: tuple[Move, ...] = ()

    @property
    def placed(self) -> bool:
        return self.status == PLACED

    @property
    def total(self) -> int:
        return self.base_salary + self.supplements + self.bonuses + self.one_time

    @property
    def where(self) -> str:
        if self.status == UNPLACED:
            return "not placed"
        if self.status == PENDING:
            return "starts later"
        return str(self.snapshot.get("where", ""))

    def stored_values(self) -> dict[str, Any]:
        """The columns a Standing row keeps (without dates and bookkeeping)."""
        return {
            "status": self.status,
            "pathway": self.pathway,
            "pathway_name": self.pathway_name,
            "interval": self.interval,
            "step": self.step,
            "lane": self.lane,
            "units_earned": self.units_earned,
            "units_banked": self.units_banked,
            "base_salary": self.base_salary,
            "supplements": self.supplements,
            "bonuses": self.bonuses,
            "one_time": self.one_time,
            "label": self.where[:200],
            "policy_label": self.policy_label[:120],
            "pay_lines": self.pay_lines,
            "problem": self.problem[:500],
            "fix": self.fix[:300],
            "snapshot": self.snapshot,
        }

    @property
    def fingerprint(self) -> str:
        """A checksum of the stored values: equal fingerprints, nothing to rewrite."""
        text = json.dumps(self.stored_values(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def where_label(policy: Policy, pathway: str | None, interval: int | None, step: int | None,
                lane: str | None) -> str:  # fmt: skip
    """``Professional interval 4``; ``step 9, Master's lane``; the stage name on a ladder."""
    parts = []
    if pathway:
        name = next((p.name for p in policy.pathways if p.key == pathway), pathway)
        parts.append(name + (f" interval {interval}" if interval else ""))
    if step is not None:
        lane_name = lane or ""
        if policy.steps is not None and lane:
            lane_name = next((x.name for x in policy.steps.lanes if x.key == lane), lane)
        parts.append(f"step {step}" + (f", {lane_name} lane" if lane_name else ""))
    return ", ".join(parts) or "on the district's schedule"


def route_label(move: Move) -> str:
    """How a move happens, in a few words: by units, by application, by ratings."""
    if move.key == "next-interval":
        return ""
    if any(q.decided_by_people for q in move.requirements):
        return "by application: " + move.key.replace("-", " ")
    if any(q.key == "units" for q in move.requirements):
        return "by units"
    return ""


def _pay_kind(kind: PayKind) -> str:
    return {"one-time": "one_time"}.get(kind.value, kind.value)


WHY = {
    "salary table": "the policy's salary table pays this for where you stand",
    "minimum salary": "the policy raises base pay to its minimum salary",
    "bonuses": "you meet this bonus's conditions this school year",
    "local schedule": "the district's own salary schedule, which the policy builds on",
    "stage pay": "your stage pays this in a high-poverty school",
    "base": "the base salary carried into the policy",
    ROLE_RULE: "the policy's roles table (the role's stipend is paid by Leadership roles)",
}


def _explain_line(policy: Policy, rule: str, year: int) -> str:
    """Why a pay line is paid, in a sentence: the rule behind it and the policy, named by its
    title and version in words (its key is a file name, not something a teacher reads)."""
    why = WHY.get(rule, "a pay element you earned")
    return f"{school_year_label(year)}: {why} — {policy.name}, version {policy.version}."


def _guidance(policy: Policy, standing: Standing) -> dict[str, str]:
    """Plain sentences: what the top of a pathway means, what banked units are for."""
    out: dict[str, str] = {}
    if policy.model is Model.LEDGER and policy.ledger and standing.pathway:
        pathway = policy.pathway(standing.pathway)
        per = policy.ledger.units_per_interval
        banked = standing.units_banked
        at_top = (standing.interval or 0) >= pathway.top_interval
        onward = units_transition(policy, pathway.key)
        decided = [
            t for t in policy.transitions
            if t.route is Route.DECISION and t.from_pathway == pathway.key
        ]  # fmt: skip
        if not at_top:
            need = per - banked % per if banked < per else 0
            nxt = pathway.salary[(standing.interval or 1)]
            out["banked"] = (
                f"Every {per} units you bank move you up one interval. You have {banked} "
                f"banked: {need} more move you to {pathway.name} interval "
                f"{(standing.interval or 1) + 1} ({money(nxt)})."
            )
        elif onward is not None:
            target = policy.pathway(onward.to_pathway)
            needs = (
                f" once you hold {' or '.join(onward.certificate_any)}"
                if onward.certificate_any
                else ""
            )
            out["top"] = (
                f"You are at the top of the {pathway.name} pathway (interval "
                f"{pathway.top_interval}). {per} banked units move you to {target.name} "
                f"interval {onward.to_interval}{needs}."
            )
            out["banked"] = f"You have {banked} units banked toward that move."
        else:
            how = (
                " The next move is by application: "
                + ", ".join(t.key.replace("-", " ") for t in decided)
                + "."
                if decided
                else ""
            )
            out["top"] = (
                f"You are at the top of the {pathway.name} pathway (interval "
                f"{pathway.top_interval}): units no longer raise your pay here.{how}"
            )
            out["banked"] = (
                f"You have {banked} units banked. They stay on your record and count toward "
                "any move the policy bases on units; this pathway has no further interval."
            )
    elif policy.model is Model.STEPS and policy.steps and standing.step is not None:
        if standing.step >= policy.steps.top_step:
            out["top"] = (
                f"You are on the top step ({standing.step}) of the scale: your pay now rises "
                "only by moving to a higher lane (a further degree or graduate credits)."
            )
    elif policy.model is Model.LADDER and standing.pathway:
        keys = [p.key for p in policy.pathways]
        if standing.pathway == keys[-1]:
            out["top"] = f"You are at the top stage of the ladder ({policy.pathways[-1].name})."
    return out


def pay_lines_of(policy: Policy, standing: Standing) -> list[dict[str, Any]]:
    """The policy's pay lines of the standing's school year, each with its explanation."""
    pay = []
    year = standing.years[-1].school_year
    for line in standing.salary.lines:
        by_roles = line.rule == ROLE_RULE
        pay.append(
            {
                "kind": _pay_kind(line.kind),
                "label": line.label,
                "amount": line.amount,
                "explanation": _explain_line(policy, line.rule, year),
                "rule": line.rule,
                "paid_by_roles": by_roles,
            }
        )
    return pay


def _snapshot(policy: Policy, standing: Standing, moves: Iterable[Move]) -> dict[str, Any]:
    """What "My path" shows, from one engine run."""
    year = standing.years[-1].school_year
    chart = []
    for y in standing.years:
        roles = sum(line.amount for line in y.salary.lines if line.rule == ROLE_RULE)
        chart.append(
            [
                school_year_label(y.school_year),
                where_label(policy, y.pathway, y.interval, y.step, y.lane),
                y.salary.total - roles,
                y.units_banked,
            ]
        )
    by_year: dict[str, list[str]] = {}
    for line in standing.trace:
        if line.unit is Unit.DOLLARS:
            continue
        key = school_year_label(line.school_year) if line.school_year is not None else "Start"
        by_year.setdefault(key, []).append(line.plain)
    return {
        "policy": {
            "key": policy.key,
            "version": policy.version,
            "name": policy.name,
            "model": policy.model.value,
            "units_per_interval": policy.ledger.units_per_interval if policy.ledger else None,
            "pathways": [p.key for p in policy.pathways],
        },
        "where": where_label(
            policy, standing.pathway, standing.interval, standing.step, standing.lane
        ),
        "year": school_year_label(year),
        "chart": chart,
        "explanation": list(by_year.items()),
        "moves": [
            {
                "title": m.title,
                "ready": m.ready,
                "key": m.key,
                "route": route_label(m),
                "requirements": [
                    {"text": q.text, "met": q.met, "gap": q.gap, "people": q.decided_by_people}
                    for q in m.requirements
                ],
            }
            for m in moves
        ],
        **_guidance(policy, standing),
    }


def _placed(
    person: PersonFacts, policy: Policy, on: dt.date, record: r.TeacherRecord,
    standing: Standing, moves: Iterable[Move],
) -> Projection:  # fmt: skip
    salary = standing.salary
    supplements = sum(
        line.amount
        for line in salary.lines
        if line.kind is PayKind.SUPPLEMENT and line.rule != ROLE_RULE
    )
    names = {p.key: p.name for p in policy.pathways}
    earned = 0
    years = []
    for y in standing.years:
        earned += y.units_earned
        roles = sum(line.amount for line in y.salary.lines if line.rule == ROLE_RULE)
        years.append(
            {
                "year": y.school_year,
                "pathway": y.pathway or "",
                "pathway_name": names.get(y.pathway or "", ""),
                "interval": y.interval,
                "step": y.step,
                "lane": y.lane or "",
                "units_earned": earned,
                "units_banked": y.units_banked,
                "base_salary": y.salary.base,
                "supplements": y.salary.supplements - roles,
                "bonuses": y.salary.bonuses,
                "one_time": y.salary.one_time,
            }
        )
    projection = Projection(
        staff_id=person.staff_id,
        status=PLACED,
        on=on,
        pathway=standing.pathway or "",
        pathway_name=names.get(standing.pathway or "", ""),
        interval=standing.interval,
        step=standing.step,
        lane=standing.lane or "",
        units_earned=standing.units_earned,
        units_banked=standing.units_banked,
        base_salary=salary.base,
        supplements=supplements,
        bonuses=salary.bonuses,
        one_time=salary.one_time,
        snapshot=_snapshot(policy, standing, moves),
        pay_lines=pay_lines_of(policy, standing),
        policy_label=f"{policy.key} v{policy.version}",
        years=years,
        record=record,
        standing=standing,
        moves=tuple(moves),
    )
    if projection.total <= 0:
        projection.status = UNPLACED
        projection.problem = (
            f"{policy.key} would pay {person.name} $0 "
            f"({', '.join(line.label for line in salary.lines) or 'no pay line'})"
        )
        projection.fix = (
            "record the salary the district pays them (the adoption's crosswalk carries it, "
            "or give a new-hire salary)"
        )
    return projection


def project_person(
    person: PersonFacts,
    policy: Policy,
    on: dt.date,
    *,
    adoption_id: int | None = None,
    placement: r.Placement | bool | None = True,
    school_facts: SchoolFacts | None = None,
    schedule_salary: int | None = None,
    with_moves: bool = True,
    what_if: WhatIf | None = None,
) -> Projection:
    """Place one person (see :func:`project`)."""
    try:
        record = build_record(
            person, policy, adoption_id=adoption_id, placement=placement,
            school_facts=school_facts, schedule_salary=schedule_salary, through=on,
            what_if=what_if,
        )  # fmt: skip
    except (ValueError, KeyError) as error:
        return Projection(person.staff_id, UNPLACED, on, problem=str(error), fix=FIX_RECORD)
    start = max(record.start, policy.effective_from)
    if on < start:
        return Projection(
            person.staff_id,
            PENDING,
            on,
            problem=f"placement under {policy.key} starts on {day(start)}",
            record=record,
        )
    try:
        standing = place(policy, record, on)
        moves = eligibility(policy, record, on, standing) if with_moves else ()
    except RecordError as error:
        return Projection(
            person.staff_id, UNPLACED, on, problem=str(error), fix=FIX_RECORD, record=record
        )
    return _placed(person, policy, on, record, standing, moves)


def project(
    people: Mapping[int, PersonFacts],
    policy: Policy,
    on: dt.date,
    *,
    adoption_id: int | None = None,
    placements: Mapping[int, r.Placement | None] | None = None,
    school_facts: SchoolFacts | None = None,
    schedule_salary: int | None = None,
    with_moves: bool = True,
) -> dict[int, Projection]:
    """Place every person in ``people`` under ``policy`` on ``on``.

    ``placements`` (the crosswalk's, by staff id) replace the recorded starting placements;
    without it each person's placement recorded for ``adoption_id`` is used.
    """
    out = {}
    if school_facts is None and people:
        school_facts = SchoolFacts.for_district(next(iter(people.values())).district_id)
    for staff_id, person in people.items():
        placement: r.Placement | bool | None = True
        if placements is not None:
            placement = placements.get(staff_id)
        out[staff_id] = project_person(
            person, policy, on, adoption_id=adoption_id, placement=placement,
            school_facts=school_facts, schedule_salary=schedule_salary, with_moves=with_moves,
        )  # fmt: skip
    return out
