"""The cumulative unit ledger (Baltimore): units in, intervals out, remainder banked.

Each school year, in this order: (1) people's decisions move the teacher between pathways
(in the policy's transition order); (2) the year's units are added to the bank: the rating's
units, college credits (by submission date, inside the submission window), approved PD hours
(per course, ``hours // pd_hours_per_unit``) and awarded accomplishments; (3) while the bank
holds a full interval's units the teacher moves one interval, or at a pathway's top interval
takes its ``units`` transition when a listed certificate is held on the year's evaluation day;
(4) without banking, what is left lapses. ``batch`` implements the same steps over arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from lattice.lib.formatting import key_words
from lattice.rules.context import Context, ModelYear, RecordError, units_word
from lattice.rules.pay import finish_year
from lattice.rules.policy import Ledger, Policy, Route, Transition
from lattice.rules.records import DECISION_WORDS, school_year_label
from lattice.rules.standing import PayKind, PayLine, Salary, Unit


@dataclass(frozen=True)
class ClaimCheck:
    """Whether a college-credit claim is inside the policy's submission window."""

    in_window: bool
    message: str


def credit_claim_check(policy: Policy, course_end: date, submitted: date) -> ClaimCheck:
    """The app calls this when a teacher submits credits, before the claim is approved."""
    ledger = policy.ledger
    if ledger is None or ledger.credit_window_days is None:
        return ClaimCheck(True, "no submission window applies")
    if ledger.credit_window_from is not None and submitted < ledger.credit_window_from:
        return ClaimCheck(
            True, f"submitted before the window rule began on {ledger.credit_window_from}"
        )
    deadline = course_end + timedelta(days=ledger.credit_window_days)
    if submitted <= deadline:
        return ClaimCheck(
            True, f"submitted within {ledger.credit_window_days} days (by {deadline})"
        )
    return ClaimCheck(
        False,
        f"courses must be submitted within {ledger.credit_window_days} days of their end date; "
        f"this one ended on {course_end} — ask the talent office for an exception",
    )


@dataclass(frozen=True)
class QuantityCheck:
    """Whether one claim's quantity is plausible under the policy's maxima."""

    plausible: bool
    message: str


# kind of claim -> (the policy's maximum for it, how a quantity of it reads)
_MAXIMA: dict[str, tuple[Callable[[Ledger], int], str]] = {
    "credits": (lambda ledger: ledger.max_credits_per_claim, "college credit"),
    "pd_hours": (lambda ledger: ledger.max_pd_hours_per_claim, "PD hour"),
    "project": (lambda ledger: ledger.max_project_units_per_claim, "unit"),
}


def claim_quantity_check(policy: Policy, kind: str, quantity: int) -> QuantityCheck:
    """Refuse a claim whose quantity is above the most one claim may hold (500 college
    credits is a typing slip, not a course): the policy's ``[ledger]`` maxima, or their
    defaults. Kinds without a quantity always pass."""
    found = _MAXIMA.get(kind)
    if found is None or policy.ledger is None:
        return QuantityCheck(True, "no maximum applies")
    maximum, word = found
    most = maximum(policy.ledger)
    if quantity <= most:
        return QuantityCheck(True, f"within the most one claim may hold ({most})")
    return QuantityCheck(
        False,
        f"{quantity} {word}s is more than one claim may hold: the policy allows at most "
        f"{most} {word}{'' if most == 1 else 's'} a claim. Check the number; for a longer "
        "programme, claim each course or term separately, or ask the talent office",
    )


def gap_text(policy: Policy, units: int) -> str:
    """``3 more units: e.g. 3 college credits or 45 PD hours``."""
    ledger = policy.ledger
    ways = []
    if ledger is not None and ledger.units_per_credit > 0:
        credits = -(-units // ledger.units_per_credit)
        ways.append(f"{credits} college credit" + ("" if credits == 1 else "s"))
    if ledger is not None and ledger.pd_hours_per_unit > 0:
        ways.append(f"{units * ledger.pd_hours_per_unit} PD hours")
    suffix = f": e.g. {' or '.join(ways)}" if ways else ""
    return f"{units} more unit" + ("" if units == 1 else "s") + suffix


def units_transition(policy: Policy, pathway: str) -> Transition | None:
    for transition in policy.transitions:
        if transition.route is Route.UNITS and transition.from_pathway == pathway:
            return transition
    return None


def _earn(ctx: Context, year: int) -> int:
    """Add the year's unit lines to the trace and return their total."""
    policy, record = ctx.policy, ctx.record
    ledger = policy.ledger
    assert ledger is not None
    label = school_year_label(year)
    earned = 0
    rating, level = ctx.rating(year)
    if rating is not None and level is not None:
        units = ledger.units_for_level(level)
        earned += units
        ctx.add(
            year,
            rating.on,
            f"rating {rating.label}",
            f"+{units} units",
            units,
            Unit.UNITS_EARNED,
            "units table",
            ledger.source.split(",")[0],
            f"Your {label} rating of {rating.label} earned you {units_word(units)}.",
        )
    for credit in record.credits:
        if not ctx.in_year(credit.submitted, year):
            continue
        check = credit_claim_check(policy, credit.course_end, credit.submitted)
        if not check.in_window:
            ctx.add(
                year,
                credit.submitted,
                f"{credit.credits} college credits submitted late",
                "+0 units",
                0,
                Unit.NOTE,
                "submission window",
                "B3" if policy.source_url("B3") else "",
                f"Your {credit.credits} college credits earned no units: {check.message}.",
            )
            continue
        units = credit.credits * ledger.units_per_credit
        earned += units
        ctx.add(
            year,
            credit.submitted,
            f"{credit.credits} college credits",
            f"+{units} units",
            units,
            Unit.UNITS_EARNED,
            "units per credit",
            ledger.source.split(",")[0],
            f"Your {credit.credits} college credits earned you {units_word(units)}.",
        )
    for course in record.pd_hours:
        if not ctx.in_year(course.completed, year) or ledger.pd_hours_per_unit <= 0:
            continue
        units = course.hours // ledger.pd_hours_per_unit
        earned += units
        ctx.add(
            year,
            course.completed,
            f"{course.hours} hours of approved PD",
            f"+{units} units",
            units,
            Unit.UNITS_EARNED,
            f"1 unit per {ledger.pd_hours_per_unit} PD hours",
            ledger.source.split(",")[0],
            f"Your {course.hours} hours of approved professional development earned you "
            f"{units_word(units)}.",
        )
    for item in record.accomplishments:
        if item.kind not in ledger.accomplishment_kinds or not ctx.in_year(item.completed, year):
            continue
        earned += item.units
        what = item.note or key_words(item.kind).lower()
        ctx.add(
            year,
            item.completed,
            f"approved {what}",
            f"+{item.units} units",
            item.units,
            Unit.UNITS_EARNED,
            "units as awarded",
            ledger.source.split(",")[0],
            f"Your approved {what} earned you {units_word(item.units)}.",
        )
    return earned


def _decide(ctx: Context, year: int, pathway: str, interval: int) -> tuple[str, int]:
    for transition in ctx.policy.transitions:
        if transition.route is not Route.DECISION or transition.from_pathway != pathway:
            continue
        for decision in ctx.record.decisions:
            if decision.kind is transition.decision and ctx.in_year(decision.decided, year):
                target = ctx.policy.pathway(transition.to_pathway)
                ctx.add(
                    year,
                    decision.decided,
                    DECISION_WORDS[decision.kind],
                    f"{target.name} interval {transition.to_interval}",
                    0,
                    Unit.MOVE,
                    transition.key,
                    transition.source,
                    f"In {school_year_label(year)} you {DECISION_WORDS[decision.kind]}, which "
                    f"moved you to the {target.name} pathway, interval {transition.to_interval}.",
                )
                pathway, interval = transition.to_pathway, transition.to_interval
                break
    return pathway, interval


def run_ledger(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    policy, record = ctx.policy, ctx.record
    ledger = policy.ledger
    assert ledger is not None
    per = ledger.units_per_interval
    start = record.placement
    pathway = start.pathway if start and start.pathway else policy.pathways[0].key
    if pathway not in {p.key for p in policy.pathways}:
        raise RecordError(f"placement pathway '{pathway}' is not a {policy.key} pathway")
    interval = start.interval if start and start.interval else 1
    if not 1 <= interval <= policy.pathway(pathway).top_interval:
        raise RecordError(f"placement interval {interval} is not on the {pathway} pathway")
    carried = start.units if start else 0
    bank = 0
    if carried:
        ctx.add(
            ctx.first_year,
            ctx.begin,
            "units banked at placement",
            f"+{carried} units",
            carried,
            Unit.UNITS_EARNED,
            "placement",
            "",
            f"You started with {units_word(carried)} banked from your recorded placement.",
        )
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    for year in ctx.years:
        label = school_year_label(year)
        pathway, interval = _decide(ctx, year, pathway, interval)
        earned = _earn(ctx, year) + (carried if year == ctx.first_year else 0)
        bank += earned
        spent = 0
        while bank >= per:
            current = policy.pathway(pathway)
            if interval < current.top_interval:
                interval += 1
                where = f"{current.name} interval {interval}"
            else:
                transition = units_transition(policy, pathway)
                if transition is None:
                    break
                held = [
                    c.kind
                    for c in record.certificates
                    if c.kind in transition.certificate_any and c.held_on(ctx.eval_day(year))
                ]
                if transition.certificate_any and not held:
                    ctx.add(
                        year,
                        None,
                        f"{units_word(bank)} banked at {current.name} interval {interval}",
                        "no move: no " + " or ".join(transition.certificate_any) + " certificate",
                        0,
                        Unit.NOTE,
                        transition.key,
                        transition.source,
                        f"You have {units_word(bank)} banked, but moving to the next pathway needs "
                        f"a {' or '.join(transition.certificate_any)} certificate; the units stay "
                        "banked.",
                    )
                    break
                pathway, interval = transition.to_pathway, transition.to_interval
                where = f"{policy.pathway(pathway).name} interval {interval}"
            bank -= per
            spent += per
            ctx.add(
                year,
                None,
                f"{per} units spent",
                where,
                per,
                Unit.UNITS_SPENT,
                "units per interval",
                ledger.source.split(",")[-1].strip(),
                f"In {label} you spent {per} units to move to {where}.",
            )
        lapsed = 0
        if not ledger.bank_remainder and bank:
            lapsed, bank = bank, 0
            ctx.add(
                year,
                None,
                f"{units_word(lapsed)} left at year end",
                "lapsed",
                lapsed,
                Unit.UNITS_LAPSED,
                "no banking",
                ledger.source,
                f"{units_word(lapsed)} left at the end of {label} lapsed "
                "(this policy does not bank).",
            )
        current = policy.pathway(pathway)
        _, level = ctx.rating(year)
        base = PayLine(
            PayKind.BASE,
            f"{current.name} interval {interval} salary",
            current.salary[interval - 1],
            "salary table",
            current.source,
        )
        salaries.append(finish_year(ctx, year, [base], level))
        years.append(
            ModelYear(year, pathway, interval, None, None, (), earned, spent, lapsed, bank)
        )
    return years, salaries
