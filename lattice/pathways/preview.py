"""What adopting a policy would change, before anything is written.

Every teacher is placed under the candidate policy and compared with their current placement:
how many change standing, the total pay difference, and who gains or loses, each with the
engine's explanation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lattice.pathways.compute import compute
from lattice.pathways.models import Placement, PolicyAdoption
from lattice.pathways.policies import parse_policy, sha256_text
from lattice.pathways.queries import teaching_staff, where_label
from lattice.pathways.records import SchoolFacts, staff_for_records
from lattice.people.models import District, StaffMember
from lattice.people.queries import today
from lattice.rules.standing import Unit


@dataclass
class PreviewRow:
    staff: StaffMember
    before: str
    after: str
    before_pay: int
    after_pay: int
    explanation: list[str]

    @property
    def difference(self) -> int:
        return self.after_pay - self.before_pay


@dataclass
class Preview:
    policy_key: str
    version: str
    name: str
    on: dt.date
    teachers: int
    changed: int
    total_difference: int
    gains: list[PreviewRow] = field(default_factory=list)
    losses: list[PreviewRow] = field(default_factory=list)
    same_pay_moves: list[PreviewRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def preview_adoption(
    district: District, toml_text: str, effective_from: dt.date, on: dt.date | None = None
) -> Preview:
    policy = parse_policy(toml_text)
    on = max(on or today(), effective_from)
    candidate = PolicyAdoption(
        district=district,
        policy_key=policy.key,
        policy_name=policy.name,
        version=policy.version,
        effective_from=effective_from,
        toml_text=toml_text,
        sha256=sha256_text(toml_text),
    )
    current: dict[int, Placement] = {}
    for row in Placement.objects.filter(district=district, effective_on__lte=on).order_by(
        "effective_on", "id"
    ):
        current[row.staff_member_id] = row
    facts = SchoolFacts.for_district(district.pk)
    result = Preview(policy.key, policy.version, policy.name, on, 0, 0, 0)
    for person in staff_for_records(teaching_staff(district)):
        outcome = compute(person, on, adoption=candidate, school_facts=facts, with_moves=False)
        if outcome is None:
            continue
        if not outcome.ok:
            if outcome.record is not None and not outcome.problem.startswith("your placement"):
                result.problems.append(f"{person.display_name}: {outcome.problem}")
            continue
        standing = outcome.standing
        assert standing is not None
        result.teachers += 1
        old = current.get(person.pk)
        after = where_label(
            outcome, standing.pathway, standing.interval, standing.step, standing.lane
        )
        before = old.standing_label if old else "not placed"
        before_pay = old.total_salary if old else 0
        after_pay = standing.salary.total
        if before == after and before_pay == after_pay:
            continue
        result.changed += 1
        result.total_difference += after_pay - before_pay
        explanation = [
            line.plain
            for line in standing.trace
            if line.unit in (Unit.MOVE, Unit.UNITS_SPENT, Unit.UNITS_EARNED, Unit.NOTE)
        ][-6:]
        row = PreviewRow(person, before, after, before_pay, after_pay, explanation)
        if row.difference > 0:
            result.gains.append(row)
        elif row.difference < 0:
            result.losses.append(row)
        else:
            result.same_pay_moves.append(row)
    result.gains.sort(key=lambda r: -r.difference)
    result.losses.sort(key=lambda r: r.difference)
    return result
