"""Explanations: a standing and its trace as structured data and as plain English.

``explain_data`` returns JSON-ready dicts (every trace line with amount, unit, rule, source and
school year); ``explain_text`` returns what a teacher reads. Both come from one ``place`` and
one ``eligibility`` call; nothing here computes pay or movement.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lattice.lib.formatting import money
from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.policy import Model, Policy
from lattice.rules.records import TeacherRecord, school_year_label
from lattice.rules.standing import Move, Salary, Standing, YearStanding


def _salary(salary: Salary) -> dict[str, Any]:
    return {
        "base": salary.base,
        "supplements": salary.supplements,
        "bonuses": salary.bonuses,
        "one_time": salary.one_time,
        "total": salary.total,
        "lines": [
            {
                "kind": line.kind.value,
                "label": line.label,
                "amount": line.amount,
                "rule": line.rule,
                "source": line.source,
            }
            for line in salary.lines
        ],
    }


def _year(year: YearStanding) -> dict[str, Any]:
    return {
        "school_year": school_year_label(year.school_year),
        "pathway": year.pathway,
        "interval": year.interval,
        "step": year.step,
        "lane": year.lane,
        "roles": list(year.roles),
        "units_earned": year.units_earned,
        "units_spent": year.units_spent,
        "units_lapsed": year.units_lapsed,
        "units_banked": year.units_banked,
        "salary": _salary(year.salary),
    }


def _move(move: Move) -> dict[str, Any]:
    return {
        "key": move.key,
        "title": move.title,
        "to_pathway": move.to_pathway,
        "ready": move.ready,
        "source": move.source,
        "requirements": [
            {
                "key": r.key,
                "text": r.text,
                "met": r.met,
                "gap": r.gap,
                "decided_by_people": r.decided_by_people,
            }
            for r in move.requirements
        ],
    }


def standing_data(standing: Standing, moves: tuple[Move, ...] = ()) -> dict[str, Any]:
    return {
        "policy": standing.policy,
        "teacher_id": standing.teacher_id,
        "as_of": standing.as_of.isoformat(),
        "pathway": standing.pathway,
        "interval": standing.interval,
        "step": standing.step,
        "lane": standing.lane,
        "roles": list(standing.roles),
        "units_earned": standing.units_earned,
        "units_spent": standing.units_spent,
        "units_lapsed": standing.units_lapsed,
        "units_banked": standing.units_banked,
        "salary": _salary(standing.salary),
        "years": [_year(y) for y in standing.years],
        "trace": [line.as_dict() for line in standing.trace],
        "eligibility": [_move(m) for m in moves],
    }


def explain_data(policy: Policy, record: TeacherRecord, as_of: date) -> dict[str, Any]:
    standing = place(policy, record, as_of)
    return standing_data(standing, eligibility(policy, record, as_of, standing))


def _where(policy: Policy, standing: Standing) -> str:
    parts = []
    if standing.pathway is not None:
        name = policy.pathway(standing.pathway).name
        word = "stage" if policy.model is Model.LADDER else "pathway"
        parts.append(
            f"{name} {word}" + (f", interval {standing.interval}" if standing.interval else "")
        )
    if standing.step is not None and policy.steps is not None:
        lane = next(lane.name for lane in policy.steps.lanes if lane.key == standing.lane)
        parts.append(f"step {standing.step}, {lane} lane")
    if standing.roles:
        parts.append("role: " + ", ".join(standing.roles))
    return "; ".join(parts) or "on the district's schedule"


def render_text(policy: Policy, standing: Standing, moves: tuple[Move, ...]) -> str:
    out = [
        f"{policy.name} ({policy.key}, version {policy.version})",
        f"Teacher {standing.teacher_id}, as of {standing.as_of.isoformat()}",
        "",
        "Where you stand",
        f"  {_where(policy, standing)}.",
    ]
    if policy.ledger is not None:
        lapsed = f", {standing.units_lapsed} lapsed" if standing.units_lapsed else ""
        out.append(
            f"  Units: {standing.units_earned} earned, {standing.units_spent} spent on moves, "
            f"{standing.units_banked} banked{lapsed}."
        )
    salary = standing.salary
    out.append(
        f"  Pay in {school_year_label(standing.years[-1].school_year)}: {money(salary.total)}"
    )
    for pay in salary.lines:
        out.append(f"    {money(pay.amount):>10}  {pay.kind.value}: {pay.label}")
    out += ["", "How you got here"]
    current: int | None = -1
    for line in standing.trace:
        if line.school_year != current:
            current = line.school_year
            out.append(f"  {school_year_label(current) if current is not None else 'Start'}")
        out.append(f"    - {line.plain}")
        out.append(f"      ({line.text})")
    out += ["", "What you can do next"]
    if not moves:
        out.append("  No further moves under this policy.")
    for move in moves:
        status = "ready" if move.ready else "not yet"
        out.append(f"  * {move.title} [{status}]")
        for req in move.requirements:
            mark = "yes" if req.met else ("decided by people" if req.decided_by_people else "no")
            shown = req.gap and req.gap != req.text and not req.decided_by_people
            gap = f" — {req.gap}" if shown else ""
            out.append(f"      [{mark}] {req.text}{gap}")
    cited = sorted(
        {s.strip() for line in standing.trace for s in line.source.split(",") if s.strip()}
    )
    if cited:
        out += ["", "Sources"]
        out += [f"  {key}: {policy.source_url(key)}" for key in cited if policy.source_url(key)]
    return "\n".join(out)


def explain_text(policy: Policy, record: TeacherRecord, as_of: date) -> str:
    standing = place(policy, record, as_of)
    return render_text(policy, standing, eligibility(policy, record, as_of, standing))
