"""The vectorised path for annual-roles policies (Iowa TLC), equal to ``roles.run_roles``.

``compile_roles(policy)`` keeps the role supplements and the minimum salary;
``run_roles_batch(compiled, records, as_of)`` pays every teacher's last school year at once:
the district schedule salary on the record for that year, raised to the minimum salary, plus
the supplement of every role held that year (one ``bincount`` over the role rows). Bonuses
beside roles are not vectorised (``BatchUnsupported``); the forecast's roles model reuses the
same arithmetic year by year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from lattice.rules.batch import NEVER, BatchUnsupported, IntArray
from lattice.rules.context import RecordError
from lattice.rules.policy import Model, Policy
from lattice.rules.records import TeacherRecord, school_year_of


@dataclass(frozen=True)
class CompiledRoles:
    key: str
    role_keys: tuple[str, ...]
    supplement: IntArray  # by role
    minimum_salary: int
    effective_from: int
    effective_to: int


def compile_roles(policy: Policy) -> CompiledRoles:
    roles = policy.roles
    if policy.model is not Model.ROLES or roles is None:
        raise BatchUnsupported(f"{policy.key}: compile_roles needs a roles policy")
    if policy.bonuses:
        raise BatchUnsupported(f"{policy.key}: bonuses beside roles are not vectorised")
    return CompiledRoles(
        key=policy.key,
        role_keys=tuple(r.key for r in roles.roles),
        supplement=np.array([r.supplement for r in roles.roles], dtype=np.int64),
        minimum_salary=policy.minimum_salary or 0,
        effective_from=policy.effective_from.toordinal(),
        effective_to=policy.effective_to.toordinal() if policy.effective_to else NEVER,
    )


@dataclass(frozen=True)
class RolesResult:
    ids: tuple[str, ...]
    salary: IntArray
    supplements: IntArray
    roles: IntArray  # roles held in the last year, per teacher


def run_roles_batch(
    compiled: CompiledRoles, records: Sequence[TeacherRecord], as_of: date
) -> RolesResult:
    """Every teacher's pay in the last school year up to ``as_of`` (or the policy's end)."""
    year = school_year_of(date.fromordinal(min(as_of.toordinal(), compiled.effective_to)))
    n = len(records)
    local = np.array([r.facts_for(year).local_salary or 0 for r in records], dtype=np.int64)
    rows = [(i, s.role) for i, r in enumerate(records) for s in r.roles if s.school_year == year]
    teacher = np.array([i for i, _ in rows], dtype=np.int64)
    index = []
    for i, role in rows:
        if role not in compiled.role_keys:
            raise RecordError(
                f"{records[i].teacher_id}: role '{role}' is not a {compiled.key} role; use one "
                f"of: {', '.join(compiled.role_keys)}"
            )
        index.append(compiled.role_keys.index(role))
    amounts = compiled.supplement[np.array(index, dtype=np.int64)] if rows else np.zeros(0)
    supplements = np.bincount(teacher, weights=amounts, minlength=n).astype(np.int64)
    held = np.bincount(teacher, minlength=n).astype(np.int64)
    salary = np.maximum(local, compiled.minimum_salary) + supplements
    return RolesResult(tuple(r.teacher_id for r in records), salary, supplements, held)
