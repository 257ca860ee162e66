"""The rating ladder (DC LIFT): stages by runs of consecutive ratings, never backwards.

Entry stage comes from the recorded placement, else from prior experience (``[[ladder.entry]]``).
Each school year's rating (a year with no rating breaks a run) is added to the run since the
last move; a ``ratings`` transition from the current stage fires when its last ``consecutive``
ratings are all at least ``at_least``. With ``reset_run_on_move`` a rating counts toward one
move only. Transitions only go forward (the loader rejects cycles), so stages never fall.
Pay: the district schedule salary, plus the stage's ``base_increase`` in a year the school's
FRL share is at least ``pay_min_frl_percent``.
"""

from __future__ import annotations

from lattice.lib.formatting import day, money
from lattice.rules.context import Context, ModelYear, RecordError
from lattice.rules.experience import experience_of
from lattice.rules.pay import finish_year, schedule_salary
from lattice.rules.policy import Policy, RatingRun, Route, Transition
from lattice.rules.records import DECISION_WORDS, TeacherRecord, school_year_label
from lattice.rules.standing import PayKind, PayLine, Salary, Unit


def stage_for_experience(policy: Policy, years: int) -> str:
    """The entry stage for ``years`` of experience (``[[ladder.entry]]``)."""
    ladder = policy.ladder
    assert ladder is not None
    stage = ladder.entry[0].pathway
    for entry in ladder.entry:
        if years >= entry.min_years:
            stage = entry.pathway
    return stage


def entry_stage(policy: Policy, record: TeacherRecord) -> str:
    """The recorded placement's stage, else the entry stage for the teacher's experience on
    the day the policy starts counting for them (``lattice.rules.experience``)."""
    if record.placement is not None and record.placement.pathway:
        if record.placement.pathway not in {p.key for p in policy.pathways}:
            raise RecordError(
                f"placement stage '{record.placement.pathway}' is not a {policy.key} stage; "
                "record the teacher's placement on one of its stages: "
                + ", ".join(p.key for p in policy.pathways)
            )
        return record.placement.pathway
    begin = max(record.start, policy.effective_from)
    return stage_for_experience(policy, experience_of(record, begin))


def run_met(run: RatingRun, ranks: list[int], policy: Policy) -> bool:
    needed = policy.ratings.rank(run.at_least)
    tail = ranks[-run.consecutive :]
    return len(tail) == run.consecutive and all(rank >= needed for rank in tail)


def run_length(run: RatingRun, ranks: list[int], policy: Policy) -> int:
    needed = policy.ratings.rank(run.at_least)
    length = 0
    for rank in reversed(ranks):
        if rank < needed:
            break
        length += 1
    return min(length, run.consecutive)


def _fires(ctx: Context, year: int, stage: str, ranks: list[int]) -> Transition | None:
    for transition in ctx.policy.transitions:
        if transition.from_pathway != stage:
            continue
        if transition.route is Route.RATINGS and any(
            run_met(run, ranks, ctx.policy) for run in transition.any_of
        ):
            return transition
        if transition.route is Route.DECISION and any(
            d.kind is transition.decision and ctx.in_year(d.decided, year)
            for d in ctx.record.decisions
        ):
            return transition
    return None


def run_ladder(ctx: Context) -> tuple[list[ModelYear], list[Salary]]:
    policy = ctx.policy
    ladder = policy.ladder
    assert ladder is not None
    stage = entry_stage(policy, ctx.record)
    placement = ctx.record.placement
    experience = experience_of(ctx.record, ctx.begin)
    name = policy.pathway(stage).name
    if placement is not None and placement.pathway:
        fact = "recorded placement"
        plain = f"You were placed on the {name} stage on {day(placement.on)}" + (
            f" ({placement.note})." if placement.note else "."
        )
    else:
        fact = f"{experience} year(s) of experience"
        plain = (
            f"With {experience} year(s) of experience you entered the ladder at the {name} stage."
        )
    ctx.add(
        ctx.first_year,
        ctx.begin,
        fact,
        f"enters at {name}",
        0,
        Unit.MOVE,
        "entry placement",
        ladder.source,
        plain,
    )
    ranks: list[int] = []
    years: list[ModelYear] = []
    salaries: list[Salary] = []
    for year in ctx.years:
        label = school_year_label(year)
        rating, level = ctx.rating(year)
        ranks.append(ctx.rank(level))
        if rating is not None:
            ctx.add(
                year,
                rating.on,
                f"rating {rating.label}",
                "counts toward the run",
                0,
                Unit.NOTE,
                "ratings",
                policy.ratings.vocabularies[0].source,
                f"Your {label} rating was {rating.label}.",
            )
        transition = _fires(ctx, year, stage, ranks)
        if transition is not None:
            target = policy.pathway(transition.to_pathway)
            if transition.route is Route.RATINGS:
                run = next(r for r in transition.any_of if run_met(r, ranks, policy))
                span = "a year" if run.consecutive == 1 else f"{run.consecutive} consecutive years"
                why = f"{span} rated at least {run.at_least.replace('_', ' ')}"
            else:
                why = DECISION_WORDS[transition.decision] if transition.decision else ""
            ctx.add(
                year,
                ctx.eval_day(year),
                f"ratings met: {why}",
                f"moves to {target.name}",
                1,
                Unit.MOVE,
                transition.key,
                transition.source,
                f"After {label} you moved up to the {target.name} stage ({why}).",
            )
            stage = transition.to_pathway
            if ladder.reset_run_on_move:
                ranks = []
        facts = ctx.record.facts_for(year)
        lines = [schedule_salary(ctx, year)]
        current = policy.pathway(stage)
        if current.base_increase and facts.frl_percent >= ladder.pay_min_frl_percent:
            lines.append(
                PayLine(
                    PayKind.BASE,
                    f"{current.name} stage base increase in a high-poverty school "
                    f"({facts.frl_percent}% FRL, {money(current.base_increase)})",
                    current.base_increase,
                    "stage pay",
                    current.source,
                )
            )
        salaries.append(finish_year(ctx, year, lines, level))
        years.append(ModelYear(year, pathway=stage))
    return years, salaries
