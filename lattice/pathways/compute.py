"""The adoption in force, its policy as the district reads it, and one person's live standing.

``policy_of`` parses an adoption's stored TOML and reads the district's rating labels into it
by rank (``lattice.rules.ratings``), so every computation under the adoption reads a
teacher's rating the same way. ``compute`` places one person now (the what-if panel and the
application checks try facts on top of the record); stored standings come from
``lattice.pathways.actions.standings``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lattice.pathways.models import PolicyAdoption
from lattice.pathways.policies import parse_policy
from lattice.pathways.projection import project_person
from lattice.pathways.records import WhatIf, facts_of
from lattice.people.models import District, StaffMember
from lattice.rules.policy import Policy
from lattice.rules.ratings import for_district
from lattice.rules.records import TeacherRecord
from lattice.rules.standing import Move, Standing


def adoption_in_force(district: District | int, on: dt.date) -> PolicyAdoption | None:
    """The district's adoption with the latest effective date on or before ``on``."""
    district_id = district if isinstance(district, int) else district.pk
    return (
        PolicyAdoption.objects.filter(district_id=district_id, effective_from__lte=on)
        .select_related("district")
        .order_by("-effective_from", "-id")
        .first()
    )


def policy_of(adoption: PolicyAdoption) -> Policy:
    """The adopted policy, reading the district's rating labels by rank where it lacks them."""
    policy = parse_policy(adoption.toml_text, f"{adoption.policy_key} v{adoption.version}")
    return for_district(policy, adoption.district.rating_labels)


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
    with_moves: bool = True,
) -> Outcome | None:
    """Place ``staff`` on ``on`` under the adoption in force (None when there is none)."""
    adoption = adoption or adoption_in_force(staff.district_id, on)
    if adoption is None:
        return None
    policy = policy_of(adoption)
    person = facts_of(staff)
    if person is None:
        return Outcome(adoption, policy, on, problem=f"{staff.display_name} is not active")
    crosswalk = adoption.crosswalk or {}
    projection = project_person(
        person, policy, on, adoption_id=adoption.pk, with_moves=with_moves, what_if=what_if,
        schedule_salary=crosswalk.get("new_hire_salary"),
    )  # fmt: skip
    if projection.standing is None:
        return Outcome(adoption, policy, on, projection.record, problem=projection.problem)
    return Outcome(adoption, policy, on, projection.record, projection.standing, projection.moves)
