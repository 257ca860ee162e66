"""Place a teacher under a policy: ``place(policy, record, as_of) -> Standing``.

Pure and deterministic: the same policy, record and date always give the same standing and
trace. Raises ``RecordError`` when the record cannot be read under the policy (an unknown
rating label, pathway or role) and ``ValueError`` when ``as_of`` is before the record starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from lattice.rules.context import Context, ModelYear
from lattice.rules.designation import run_designation
from lattice.rules.elements import run_elements
from lattice.rules.ladder import run_ladder
from lattice.rules.ledger import run_ledger
from lattice.rules.policy import Model, Policy
from lattice.rules.records import TeacherRecord
from lattice.rules.roles import run_roles
from lattice.rules.standing import Salary, Standing, YearStanding
from lattice.rules.steps import run_steps

Runner = Callable[[Context], tuple[list[ModelYear], list[Salary]]]

_RUNNERS: dict[Model, Runner] = {
    Model.LEDGER: run_ledger,
    Model.LADDER: run_ladder,
    Model.ROLES: run_roles,
    Model.ELEMENTS: run_elements,
    Model.STEPS: run_steps,
    Model.DESIGNATION: run_designation,
}


def place(policy: Policy, record: TeacherRecord, as_of: date) -> Standing:
    """Where ``record`` stands under ``policy`` on ``as_of``, with each year and the trace."""
    if as_of < record.start:
        raise ValueError(f"{as_of} is before this record starts ({record.start})")
    if as_of < policy.effective_from:
        raise ValueError(f"{as_of} is before {policy.key} takes effect ({policy.effective_from})")
    ctx = Context(policy, record, as_of)
    model_years, salaries = _RUNNERS[policy.model](ctx)
    years = tuple(
        YearStanding(
            school_year=m.school_year,
            pathway=m.pathway,
            interval=m.interval,
            step=m.step,
            lane=m.lane,
            roles=m.roles or tuple(r.role for r in record.roles if r.school_year == m.school_year),
            units_earned=m.units_earned,
            units_spent=m.units_spent,
            units_lapsed=m.units_lapsed,
            units_banked=m.units_banked,
            salary=salary,
        )
        for m, salary in zip(model_years, salaries, strict=True)
    )
    last = years[-1]
    return Standing(
        policy=policy.key,
        teacher_id=record.teacher_id,
        as_of=as_of,
        pathway=last.pathway,
        interval=last.interval,
        step=last.step,
        lane=last.lane,
        roles=last.roles,
        units_earned=sum(y.units_earned for y in years),
        units_spent=sum(y.units_spent for y in years),
        units_lapsed=sum(y.units_lapsed for y in years),
        units_banked=last.units_banked,
        salary=last.salary,
        years=years,
        trace=tuple(ctx.trace),
    )


def standing_by_year(
    policy: Policy, record: TeacherRecord, as_of: date
) -> tuple[YearStanding, ...]:
    """The standing at the end of each school year up to ``as_of``."""
    return place(policy, record, as_of).years
