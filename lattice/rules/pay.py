"""Pay parts any model may use: leadership-role supplements, bonuses and a minimum salary.

``finish_year`` takes the model's base pay lines for a school year, adds these parts, writes a
``DOLLARS`` trace line per pay line (so the trace always adds up to the salary) and returns
the year's ``Salary``.
"""

from __future__ import annotations

from lattice.lib.formatting import day, money
from lattice.rules.context import Context, RecordError
from lattice.rules.records import school_year_label
from lattice.rules.standing import PayKind, PayLine, Salary, Unit


def schedule_salary(ctx: Context, year: int) -> PayLine:
    """The district's own schedule salary for ``year``, for models without a salary table
    (ladder, roles, designations): the year's ``local_salary`` when the record has one, else
    the salary the district carried into the policy with the teacher's placement, else
    nothing (the app refuses to pay a standing of $0)."""
    facts = ctx.record.facts_for(year)
    if facts.local_salary is not None:
        return PayLine(
            PayKind.BASE, "district schedule salary", facts.local_salary, "local schedule", ""
        )
    start = ctx.record.placement
    if start is not None and start.base_salary:
        return PayLine(
            PayKind.BASE,
            f"district schedule salary (carried into {ctx.policy.key} on {day(start.on)})",
            start.base_salary,
            "local schedule",
            "",
        )
    return PayLine(
        PayKind.BASE, "district schedule salary (none recorded)", 0, "local schedule", ""
    )


def finish_year(ctx: Context, year: int, lines: list[PayLine], level: str | None) -> Salary:
    policy = ctx.policy
    facts = ctx.record.facts_for(year)
    label = school_year_label(year)
    base = sum(line.amount for line in lines if line.kind is PayKind.BASE)
    if policy.minimum_salary is not None and base < policy.minimum_salary:
        lines.append(
            PayLine(
                PayKind.BASE,
                f"raised to the {money(policy.minimum_salary)} minimum salary",
                policy.minimum_salary - base,
                "minimum salary",
                "",
            )
        )
    if policy.roles is not None:
        for served in ctx.record.roles:
            if served.school_year != year:
                continue
            role = policy.roles.role(served.role)
            if role is None:
                known = ", ".join(r.key for r in policy.roles.roles)
                raise RecordError(
                    f"{label} role '{served.role}' is not a {policy.key} role; use one of: {known}"
                )
            lines.append(
                PayLine(
                    PayKind.SUPPLEMENT,
                    f"{role.name} supplement",
                    role.supplement,
                    "roles table",
                    role.source,
                )
            )
    eval_day = ctx.eval_day(year)
    for bonus in policy.bonuses:
        if bonus.rating_at_least is not None and ctx.rank(level) < ctx.rank(bonus.rating_at_least):
            continue
        if bonus.min_frl_percent is not None and facts.frl_percent < bonus.min_frl_percent:
            continue
        if bonus.flag is not None and bonus.flag not in facts.flags:
            continue
        if bonus.certificate is not None:
            held = [
                c
                for c in ctx.record.certificates
                if c.kind == bonus.certificate and c.held_on(eval_day)
            ]
            if bonus.certificate_years is not None:
                held = [c for c in held if year - c.issued.year < bonus.certificate_years]
            if not held:
                continue
        lines.append(PayLine(PayKind.BONUS, bonus.name, bonus.amount, "bonuses", bonus.source))
    for line in lines:
        sign = "+" if line.amount >= 0 else ""
        ctx.add(
            year,
            None,
            line.label,
            f"{sign}{money(line.amount)} {line.kind.value}",
            line.amount,
            Unit.DOLLARS,
            line.rule,
            line.source,
            f"In {label} your pay included {money(line.amount)}: {line.label}.",
            line.kind,
        )
    return Salary(tuple(lines))
