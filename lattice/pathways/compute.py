"""Run the rules engine for people in the database (reads only; nothing here writes).

``compute`` places one person under the adoption in force and lists their next moves; it
returns ``None`` when no policy applies to them yet, and an ``Outcome`` with ``problem`` set
when their record cannot be read under the policy (e.g. a rating label the policy does not
know), so a page can say what to fix instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lattice.pathways.models import PolicyAdoption
from lattice.pathways.policies import parse_policy
from lattice.pathways.records import SchoolFacts, WhatIf, build_record
from lattice.people.models import District, StaffMember
from lattice.rules.context import RecordError
from lattice.rules.eligibility import eligibility
from lattice.rules.engine import place
from lattice.rules.policy import Policy
from lattice.rules.records import TeacherRecord
from lattice.rules.standing import Move, Standing


def adoption_in_force(district: District | int, on: dt.date) -> PolicyAdoption | None:
    """The district's adoption with the latest effective date on or before ``on``."""
    district_id = district if isinstance(district, int) else district.pk
    return (
        PolicyAdoption.objects.filter(district_id=district_id, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def policy_of(adoption: PolicyAdoption) -> Policy:
    return parse_policy(adoption.toml_text, f"{adoption.policy_key} v{adoption.version}")


@dataclass(frozen=True)
class Outcome:
    adoption: PolicyAdoption
    policy: Policy
    on: dt.date
    record: TeacherRecord | None = None
    standing: Standing | None = None
    moves: tuple[Move, ...] = ()
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.standing is not None


def compute(
    staff: StaffMember,
    on: dt.date,
    *,
    adoption: PolicyAdoption | None = None,
    what_if: WhatIf | None = None,
    school_facts: SchoolFacts | None = None,
    with_moves: bool = True,
) -> Outcome | None:
    """Place ``staff`` (loaded with ``records.staff_for_records``) on ``on``."""
    adoption = adoption or adoption_in_force(staff.district_id, on)
    if adoption is None:
        return None
    policy = policy_of(adoption)
    try:
        record = build_record(staff, policy, what_if=what_if, school_facts=school_facts)
    except (ValueError, KeyError) as error:
        return Outcome(adoption, policy, on, problem=str(error))
    if on < record.start or on < policy.effective_from:
        start = max(record.start, policy.effective_from)
        return Outcome(
            adoption, policy, on, record, problem=f"your placement starts on {start:%B %-d, %Y}"
        )
    try:
        standing = place(policy, record, on)
        moves = eligibility(policy, record, on, standing) if with_moves else ()
    except RecordError as error:
        return Outcome(adoption, policy, on, record, problem=str(error))
    return Outcome(adoption, policy, on, record, standing, tuple(moves))
