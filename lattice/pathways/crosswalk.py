"""The crosswalk: how a district's teachers move from today's standing onto a new policy.

Adopting or switching policy places every teacher on a starting position under the new
policy, effective on its date, from where they stand today. Teachers are grouped by where
they stand now (their pathway or stage; their lane under a step-and-lane policy; "not
placed" when they have no standing) and each group gets one rule:

- ``target``: the new pathway or stage for the group; ``entry`` uses the new policy's own
  entry rule (a ladder's stage for the teacher's years of experience); empty for models
  without pathways (step-and-lane, roles, elements).
- ``position``, how the interval or step is chosen:
  ``keep`` the same interval or step (clipped to the new pathway's top);
  ``first`` interval 1;
  ``pay`` the lowest interval (or step, in the lane the teacher's degree and credits meet)
  paying at least today's base salary, else the top one ("no one loses base pay");
  ``experience`` the step for the teacher's years of experience (a step-and-lane policy's
  entry rule: its entry step plus one a year, ``lattice.rules.experience``).
- Models that pay the district's own schedule (ladder, roles, designations: the allotment
  comes on top) or build on a base salary (elements) carry each teacher's base salary today
  into the policy; teachers without one, and hires after the adoption, are paid
  ``new_hire_salary``.
- Units banked today carry over when the group keeps its pathway under a unit ledger.

:func:`propose` gives the rules a talent officer starts from; they review them on the
adoption preview. The same crosswalk places teachers in the preview, in the adoption itself
and in the forecast's first year, so the three agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lattice.rules import records as r
from lattice.rules.experience import experience_of
from lattice.rules.ladder import stage_for_experience
from lattice.rules.policy import Model, Policy
from lattice.rules.steps import lane_index, step_for_experience

NOT_PLACED = ""  # the group of teachers without a standing today
ENTRY = "entry"
POSITIONS = {
    "keep": "the same interval or step",
    "first": "interval 1",
    "pay": "the lowest interval or step paying at least today's base salary",
    "experience": "the step for their years of experience",
    "carry": "today's base salary",
}


@dataclass(frozen=True)
class Now:
    """Where a teacher stands today (their stored standing), as the crosswalk reads it."""

    pathway: str
    interval: int | None
    step: int | None
    lane: str
    units_banked: int
    base_salary: int
    label: str

    @property
    def group(self) -> str:
        return self.pathway or self.lane or "placed"


@dataclass(frozen=True)
class Rule:
    source: str
    target: str
    position: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "target": self.target, "position": self.position}


@dataclass(frozen=True)
class Crosswalk:
    rules: tuple[Rule, ...]
    new_hire_salary: int | None = None
    carry_units: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)  # group key → label as shown

    def rule_for(self, group: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.source == group), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rules": [rule.as_dict() for rule in self.rules],
            "new_hire_salary": self.new_hire_salary,
            "carry_units": self.carry_units,
            "labels": dict(self.labels),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Crosswalk:
        return cls(
            rules=tuple(
                Rule(str(x["source"]), str(x["target"]), str(x["position"]))
                for x in data.get("rules", [])
            ),
            new_hire_salary=data.get("new_hire_salary"),
            carry_units=bool(data.get("carry_units", True)),
            labels=dict(data.get("labels", {})),
        )


def pays_schedule(policy: Policy) -> bool:
    """Whether ``policy`` has no salary table of its own and builds on a carried salary."""
    return policy.model.pays_district_schedule or policy.model is Model.ELEMENTS


def targets(policy: Policy) -> list[tuple[str, str]]:
    """(key, label) of what a group may be mapped to under ``policy``."""
    if policy.model is Model.LEDGER:
        return [(p.key, p.name) for p in policy.pathways]
    if policy.model is Model.LADDER:
        return [(ENTRY, "entry stage for their experience")] + [
            (p.key, p.name) for p in policy.pathways
        ]
    return [("", "no pathways under this policy")]


def positions(policy: Policy) -> list[tuple[str, str]]:
    """(key, label) of the position rules that make sense under ``policy``."""
    if policy.model is Model.LEDGER:
        keys = ["keep", "pay", "first"]
    elif policy.model is Model.STEPS:
        keys = ["experience", "pay", "keep"]
    else:
        keys = ["carry"]
    return [(k, POSITIONS[k]) for k in keys]


def _default_rule(policy: Policy, group: str) -> Rule:
    keys = [p.key for p in policy.pathways]
    if policy.model is Model.LEDGER:
        if group in keys:
            return Rule(group, group, "keep")
        return Rule(group, keys[0], "first" if group == NOT_PLACED else "pay")
    if policy.model is Model.LADDER:
        return Rule(group, group if group in keys else ENTRY, "carry")
    if policy.model is Model.STEPS:
        return Rule(group, "", "experience")
    return Rule(group, "", "carry")


def propose(
    policy: Policy, groups: Mapping[str, str], current_salaries: Iterable[int] = ()
) -> Crosswalk:
    """The crosswalk a talent officer starts from: a rule per group (key → label shown).

    The new-hire salary defaults to the lowest base salary the district pays a teacher today.
    """
    salaries = [s for s in current_salaries if s > 0]
    return Crosswalk(
        rules=tuple(_default_rule(policy, group) for group in groups),
        new_hire_salary=min(salaries) if salaries and pays_schedule(policy) else None,
        labels=dict(groups),
    )


def check(crosswalk: Crosswalk, policy: Policy) -> list[str]:
    """What is wrong with ``crosswalk`` under ``policy``, each with its fix (empty: fine)."""
    problems = []
    allowed_targets = {k for k, _ in targets(policy)}
    allowed_positions = {k for k, _ in positions(policy)}
    for rule in crosswalk.rules:
        label = crosswalk.labels.get(rule.source, rule.source or "not placed")
        if rule.target not in allowed_targets:
            problems.append(
                f"{label}: '{rule.target}' is not a {policy.key} pathway or stage — choose one "
                "of " + ", ".join(k or "(none)" for k in sorted(allowed_targets))
            )
        if rule.position not in allowed_positions:
            problems.append(
                f"{label}: '{rule.position}' does not apply under {policy.key} — choose one of "
                + ", ".join(sorted(allowed_positions))
            )
    if pays_schedule(policy) and not crosswalk.new_hire_salary:
        problems.append(
            f"{policy.key} pays the district's own salary schedule: give the salary for "
            "teachers without a salary today and for new hires"
        )
    return problems


def _lowest_paying(salaries: list[int], at_least: int) -> int:
    """1-based position of the lowest salary ≥ ``at_least``, else the top position."""
    for index, salary in enumerate(salaries, start=1):
        if salary >= at_least:
            return index
    return len(salaries)


def placement_for(
    crosswalk: Crosswalk,
    policy: Policy,
    effective_from: dt.date,
    now: Now | None,
    record: r.TeacherRecord,
    old_policy: str,
) -> r.Placement | None:
    """The starting placement ``crosswalk`` gives a teacher on ``effective_from``.

    None for a teacher hired after it (the policy's own entry rules place them at hire).
    ``record`` is their record under ``policy`` (degrees and credits pick a lane).
    """
    if record.hire_date > effective_from:
        return None
    group = now.group if now is not None else NOT_PLACED
    rule = crosswalk.rule_for(group) or _default_rule(policy, group)
    came_from = f"from {now.label} under {old_policy}" if now is not None else "not placed before"
    note = f"crosswalk {came_from}"
    salary = now.base_salary if now is not None and now.base_salary else None
    if policy.model is Model.LEDGER:
        pathway = policy.pathway(rule.target)
        top = pathway.top_interval
        if rule.position == "keep" and now is not None:
            interval = min(max(now.interval or now.step or 1, 1), top)
        elif rule.position == "pay" and salary:
            interval = _lowest_paying(list(pathway.salary), salary)
        else:
            interval = 1
        units = now.units_banked if now is not None and crosswalk.carry_units else 0
        if now is None or now.pathway != rule.target or not crosswalk.carry_units:
            units = 0
        return r.Placement(effective_from, pathway.key, interval, units, None, note)
    if policy.model is Model.STEPS:
        steps = policy.steps
        assert steps is not None
        years = experience_of(record, effective_from)
        if rule.position == "keep" and now is not None and (now.step or now.interval):
            step = min(max(now.step or now.interval or 1, steps.first_step), steps.top_step)
        elif rule.position == "pay" and salary:
            lane = lane_index(steps, record, effective_from)
            column = [row.salaries[lane] for row in steps.rows]
            step = steps.rows[_lowest_paying(column, salary) - 1].step
        else:
            step = step_for_experience(steps, years)
        return r.Placement(effective_from, None, step, 0, None, note)
    carried = salary or crosswalk.new_hire_salary
    if policy.model is Model.LADDER:
        years = experience_of(record, effective_from)
        stage = rule.target if rule.target not in ("", ENTRY) else ""
        stage = stage or stage_for_experience(policy, years)
        return r.Placement(effective_from, stage, None, 0, carried, note)
    return r.Placement(effective_from, None, None, 0, carried, note)
