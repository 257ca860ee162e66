"""Every possible next move for a teacher, with each requirement met or unmet and the gap.

``eligibility(policy, record, as_of)`` places the teacher first, then lists moves from where
they stand. Requirements decided by people (peer review, selection) are listed with
``decided_by_people``; the engine never decides them.
"""

from __future__ import annotations

from datetime import date, timedelta

from lattice.lib.formatting import money
from lattice.rules.context import Context
from lattice.rules.elements import element_amount, service_years
from lattice.rules.engine import place
from lattice.rules.ladder import entry_stage, run_length, run_met
from lattice.rules.ledger import gap_text, units_transition
from lattice.rules.policy import Model, Policy, Requirements, Route, Transition, Trigger
from lattice.rules.records import (
    DECISION_WORDS,
    DecisionKind,
    TeacherRecord,
    school_year_end,
    school_year_label,
    school_year_of,
)
from lattice.rules.standing import Move, Requirement, Standing
from lattice.rules.steps import lane_met

# What a next step asks for when a decision must not have happened lately, as a sentence
# says it ("not suspended in the last 365 days", never "no 'suspended'").
NOT_RECENTLY = {
    DecisionKind.SUSPENSION: "not suspended",
    DecisionKind.IMPROVEMENT_PLAN: "not placed on an improvement plan",
    DecisionKind.LABOR_DISPUTE_FINDING: "no substantiated labor-dispute finding",
    DecisionKind.PEER_REVIEW_FAILED: "no failed peer review",
}


def eligibility(
    policy: Policy, record: TeacherRecord, as_of: date, standing: Standing | None = None
) -> tuple[Move, ...]:
    """Moves from where the teacher stands; pass ``standing`` from ``place`` to skip re-placing."""
    if standing is None:
        standing = place(policy, record, as_of)
    ctx = Context(policy, record, as_of)
    moves: list[Move] = []
    if policy.model is Model.LEDGER:
        moves += _ledger_moves(ctx, standing)
    if policy.model is Model.LADDER:
        moves += _ladder_moves(ctx, standing)
    if policy.model is Model.STEPS:
        moves += _steps_moves(ctx, standing)
    if policy.model is Model.ELEMENTS:
        moves += _element_moves(ctx, standing)
    for transition in policy.transitions:
        if transition.route is Route.DECISION and transition.from_pathway == standing.pathway:
            moves.append(_decision_move(ctx, transition))
    if policy.roles is not None:
        for role in policy.roles.roles:
            if role.key in standing.roles:
                continue
            moves.append(
                Move(
                    f"role-{role.key}",
                    f"serve as {role.name} ({money(role.supplement)} supplement, "
                    f"{role.extra_days} extra days, {role.release_percent}% release)",
                    None,
                    (_people(f"selected for {role.name} by the district"),),
                    role.source,
                )
            )
    return tuple(moves)


def _people(text: str) -> Requirement:
    return Requirement("decision", text, False, "decided by people, not by the rules", True)


def _units(policy: Policy, banked: int, needed: int) -> Requirement:
    met = banked >= needed
    gap = None if met else gap_text(policy, needed - banked)
    return Requirement("units", f"{needed} units banked (you have {banked})", met, gap)


def _ledger_moves(ctx: Context, standing: Standing) -> list[Move]:
    policy = ctx.policy
    ledger = policy.ledger
    assert ledger is not None
    assert standing.pathway is not None
    assert standing.interval is not None
    pathway = policy.pathway(standing.pathway)
    if standing.interval < pathway.top_interval:
        nxt = standing.interval + 1
        return [
            Move(
                "next-interval",
                f"{pathway.name} interval {nxt} ({money(pathway.salary[nxt - 1])})",
                pathway.key,
                (_units(policy, standing.units_banked, ledger.units_per_interval),),
                ledger.source,
            )
        ]
    transition = units_transition(policy, pathway.key)
    if transition is None:
        return []
    target = policy.pathway(transition.to_pathway)
    needs = [
        Requirement("interval", f"on {pathway.name} interval {pathway.top_interval}", True),
        _units(policy, standing.units_banked, ledger.units_per_interval),
    ]
    if transition.certificate_any:
        needs.insert(1, _certificates(ctx, transition.certificate_any))
    return [
        Move(
            transition.key,
            f"{target.name} interval {transition.to_interval}",
            target.key,
            tuple(needs),
            transition.source,
        )
    ]


def _certificates(ctx: Context, kinds: tuple[str, ...]) -> Requirement:
    held = [c.kind for c in ctx.record.certificates if c.kind in kinds and c.held_on(ctx.end)]
    names = " or ".join(kinds)
    return Requirement(
        "certificate",
        f"holds a {names} certificate" + (f" (has {held[0]})" if held else ""),
        bool(held),
        None if held else f"get a {names} certificate, or submit the paperwork",
    )


def _decision_move(ctx: Context, transition: Transition) -> Move:
    target = ctx.policy.pathway(transition.to_pathway)
    needs = list(_requirements(ctx, transition.requires))
    assert transition.decision is not None
    needs.append(_people(DECISION_WORDS[transition.decision]))
    return Move(
        transition.key,
        f"{target.name} interval {transition.to_interval}",
        target.key,
        tuple(needs),
        transition.source,
    )


def _requirements(ctx: Context, requires: Requirements) -> list[Requirement]:
    found = []
    current = school_year_of(ctx.end)
    if ctx.rating(current, counted_only=False)[0] is None and ctx.end < school_year_end(current):
        # Ratings post at the end of the year: while the year is in progress and unrated,
        # "the year of applying" is judged on the latest completed school year.
        current -= 1
    if requires.rating_at_least is not None:
        wanted = requires.rating_at_least.replace("_", " ").title()
        for year in range(current - requires.rating_years + 1, current + 1):
            label = school_year_label(year)
            rating, level = ctx.rating(year, counted_only=False)
            met = rating is not None and ctx.rank(level) >= ctx.rank(requires.rating_at_least)
            has = f"rated {rating.label}" if rating else "not yet rated"
            found.append(
                Requirement(
                    f"rating-{label}",
                    f"{label} rating at least {wanted} ({has})",
                    met,
                    None if met else f"a {label} rating of at least {wanted}",
                )
            )
    if requires.certificate_any:
        found.append(_certificates(ctx, requires.certificate_any))
    since = ctx.end - timedelta(days=requires.no_recent_days)
    for kind in requires.no_recent:
        hits = [d for d in ctx.record.decisions if d.kind is kind and since < d.decided <= ctx.end]
        found.append(
            Requirement(
                f"no-{kind.value}",
                f"{NOT_RECENTLY.get(kind, f'not {DECISION_WORDS[kind]}')} in the last "
                f"{requires.no_recent_days} days",
                not hits,
                f"wait until {hits[-1].decided + timedelta(days=requires.no_recent_days + 1)}"
                if hits
                else None,
            )
        )
    for kind in requires.not_active:
        active = [d for d in ctx.record.decisions if d.kind is kind and d.active_on(ctx.end)]
        found.append(
            Requirement(
                f"not-{kind.value}",
                f"not currently {DECISION_WORDS[kind]}".replace(
                    "currently placed on", "currently on"
                ),
                not active,
                "finish the plan first" if active else None,
            )
        )
    return found


def _ladder_moves(ctx: Context, standing: Standing) -> list[Move]:
    policy = ctx.policy
    ranks: list[int] = []
    for year in standing.years:
        _, level = ctx.rating(year.school_year)
        ranks.append(ctx.rank(level))
    before = [entry_stage(policy, ctx.record)] + [y.pathway for y in standing.years]
    moved = [i for i, y in enumerate(standing.years) if y.pathway != before[i]]
    ladder = policy.ladder
    if ladder is not None and ladder.reset_run_on_move and moved:
        ranks = ranks[moved[-1] + 1 :]
    moves = []
    for transition in policy.transitions:
        if transition.route is not Route.RATINGS or transition.from_pathway != standing.pathway:
            continue
        options = []
        gaps = []
        for run in transition.any_of:
            have = run_length(run, ranks, policy)
            words = run.at_least.replace("_", " ").title()
            options.append(f"{run.consecutive} consecutive year(s) rated at least {words}")
            gaps.append(f"{run.consecutive - have} more consecutive year(s) rated at least {words}")
        met = any(run_met(run, ranks, policy) for run in transition.any_of)
        moves.append(
            Move(
                transition.key,
                f"move up to {policy.pathway(transition.to_pathway).name}",
                transition.to_pathway,
                (
                    Requirement(
                        "ratings", " or ".join(options), met, None if met else "; or ".join(gaps)
                    ),
                ),
                transition.source,
            )
        )
    return moves


def _steps_moves(ctx: Context, standing: Standing) -> list[Move]:
    steps = ctx.policy.steps
    assert steps is not None
    assert standing.step is not None
    moves = []
    if standing.step < steps.top_step:
        year = school_year_of(ctx.end)
        rating, level = ctx.rating(year)
        met = rating is not None and ctx.rank(level) >= ctx.rank(steps.gate_at_least)
        label = school_year_label(year)
        moves.append(
            Move(
                "next-step",
                f"step {standing.step + 1} in {school_year_label(year + 1)}",
                None,
                (
                    Requirement(
                        "rating",
                        f"{label} rating at least {steps.gate_at_least}"
                        + (f" (rated {rating.label})" if rating else " (not yet rated)"),
                        met,
                        None if met else f"a {label} rating of at least {steps.gate_at_least}",
                    ),
                ),
                steps.source,
            )
        )
    lanes = [lane.key for lane in steps.lanes]
    if standing.lane is not None and lanes.index(standing.lane) + 1 < len(lanes):
        lane = steps.lanes[lanes.index(standing.lane) + 1]
        held, credits = lane_met(ctx.record, lane, ctx.end)
        degree = ctx.record.highest_degree_on(ctx.end)
        has_degree = degree is not None and degree.degree.rank >= lane.degree.rank
        needs = [
            Requirement(
                "degree",
                f"holds a {lane.degree.value} degree",
                has_degree,
                None if has_degree else f"earn a {lane.degree.value} degree",
            ),
        ]
        if lane.graduate_credits:
            short = max(lane.graduate_credits - credits, 0)
            needs.append(
                Requirement(
                    "credits",
                    f"{lane.graduate_credits} graduate credits after it",
                    held,
                    None if held else f"{short} more graduate credits",
                )
            )
        moves.append(
            Move(f"lane-{lane.key}", f"{lane.name} lane", None, tuple(needs), steps.source)
        )
    return moves


def _element_moves(ctx: Context, standing: Standing) -> list[Move]:
    elements = ctx.policy.elements
    assert elements is not None
    year = school_year_of(ctx.end)
    index = elements.index_for(year)
    if index is None:
        return []
    service = service_years(ctx.record, year)
    paid = {line.rule for line in standing.salary.lines}
    facts = ctx.record.facts_for(year)
    label = school_year_label(year)
    moves = []
    for element in elements.elements:
        amount = element_amount(element, index.amount)
        builds = element.base_building and (
            element.base_building_max_service_years is None
            or service <= element.base_building_max_service_years
        )
        how = "to base" if builds else "as a bonus"
        if element.trigger is Trigger.DEGREE:
            what = "earn a " + " or ".join(d.value for d in element.degrees) + " degree"
        elif element.trigger is Trigger.COUNT:
            top = f" and at most {element.count_max}" if element.count_max is not None else ""
            what = (
                f"{element.count.replace('_', ' ')}: at least {element.count_min}{top} in {label} "
                f"(recorded: {facts.count(element.count)})"
            )
        elif element.trigger is Trigger.FLAG:
            what = f"assigned where '{element.flag.replace('_', ' ')}' applies in {label}"
        else:
            what = f"complete a {element.kind.replace('_', ' ')} in {label}"
        met = element.key in paid
        moves.append(
            Move(
                element.key,
                f"{element.name}: {money(amount)} {how}",
                None,
                (Requirement(element.trigger.value, what, met, None if met else what),),
                element.source,
            )
        )
    return moves
