"""Percent-of-index pay elements (Denver ProComp): base-building increases and bonuses.

Base starts at the recorded placement's ``base_salary``, else ``entry_base``. Each school year
each element that fires pays ``percent`` of that year's index salary (rounded half up to whole
dollars) or its flat ``dollars``. A base-building element adds to base for good, unless the
teacher's years of service exceed ``base_building_max_service_years``, when it is paid as a
one-time bonus. Market-style elements (``when = "flag"``) are bonuses paid while the flag holds.
Years of service in school year ``y`` = the experience at its start plus ``y`` itself.
"""

from __future__ import annotations

from lattice.lib.formatting import money
from lattice.rules.context import Context, ModelYear, RecordError
from lattice.rules.experience import experience_of
from lattice.rules.pay import finish_year
from lattice.rules.policy import Element, Trigger
from lattice.rules.records import TeacherRecord, school_year_label, school_year_start
from lattice.rules.standing import PayKind, PayLine, Salary


def percent_of(amount: int, basis_points: int) -> int:
    """``amount * basis_points / 10000`` rounded half up, in whole dollars."""
    return (amount * basis_points * 2 + 10_000) // 20_000


def service_years(record: TeacherRecord, year: int) -> int:
    """Years of service in school year ``year``, counting it: the experience at its start
    (``lattice.rules.experience``) plus the year itself."""
    return experience_of(record, school_year_start(year)) + 1


def element_amount(element: Element, index: int) -> int:
    return element.dollars if element.dollars else percent_of(index, element.percent_bp)


def _times(ctx: Context, element: Element, year: int, banked: dict[str, int]) -> int:
    record = ctx.record
    facts = record.facts_for(year)
    if element.trigger is Trigger.DEGREE:
        return sum(
            1
            for d in record.degrees
            if d.degree in element.degrees and ctx.in_year(d.conferred, year)
        )
    if element.trigger is Trigger.COUNT:
        value = facts.count(element.count)
        top = element.count_max if element.count_max is not None else value
        return 1 if element.count_min <= value <= top else 0
    if element.trigger is Trigger.FLAG:
        return 1 if element.flag in facts.flags else 0
    done = sum(
        1
        for a in record.accomplishments
        if a.kind == element.kind and ctx.in_year(a.completed, year)
    )
    available = banked.get(element.key, 0) + done
    paid = available if element.per_year_max is None else min(available, element.per_year_max)
    banked[element.key] = available - paid
    return paid


def run_elements(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    policy, record = ctx.policy, ctx.record
    elements = policy.elements
    assert elements is not None
    start = record.placement
    base = start.base_salary if start and start.base_salary is not None else elements.entry_base
    banked: dict[str, int] = {}
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    for year in ctx.years:
        label = school_year_label(year)
        index = elements.index_for(year)
        if index is None:
            raise RecordError(f"{policy.key} has no index salary for {label}")
        lines = [PayLine(PayKind.BASE, "base salary carried forward", base, "base", "")]
        extra: list[PayLine] = []
        service = service_years(record, year)
        for element in elements.elements:
            times = _times(ctx, element, year, banked)
            if not times:
                continue
            amount = element_amount(element, index.amount) * times
            how = (
                f"{element.percent_bp / 100:g}% of the {money(index.amount)} index"
                if not element.dollars
                else f"{money(element.dollars)} flat"
            )
            builds = element.base_building and (
                element.base_building_max_service_years is None
                or service <= element.base_building_max_service_years
            )
            if builds:
                base += amount
                lines.append(
                    PayLine(
                        PayKind.BASE,
                        f"{element.name}: +{how} to base",
                        amount,
                        element.key,
                        element.source,
                    )
                )
            else:
                kind = PayKind.BONUS if element.trigger is Trigger.FLAG else PayKind.ONE_TIME
                note = (
                    f" (not base-building after {element.base_building_max_service_years} years"
                    f" of service; you have {service})"
                    if element.base_building
                    else ""
                )
                extra.append(
                    PayLine(
                        kind, f"{element.name}: {how}{note}", amount, element.key, element.source
                    )
                )
        _, level = ctx.rating(year)
        salaries.append(finish_year(ctx, year, lines + extra, level))
        years.append(ModelYear(year))
    return years, salaries
