"""`lattice forecast`: what a policy costs and whom it rewards, from the command line.

Pure engine (``lattice.forecast``) except ``--district``, which reads the workforce from the
database and so sets Django up inside that branch only. Exit code 0 on success; 1 with the
problem on stderr (naming the file, row or option and the fix) on bad input.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from lattice.forecast.assumptions import AssumptionError, Assumptions, from_dict
from lattice.forecast.executors import EXECUTORS, executor_for
from lattice.forecast.results import (
    ForecastResult,
    build_result,
    school_year_of_forecast,
    write_csv,
    write_xlsx,
)
from lattice.forecast.simulate import simulate
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import read_csv, synthetic
from lattice.lib.formatting import money
from lattice.rules.loader import PolicyError, load_policy
from lattice.rules.policy import Policy
from lattice.rules.records import school_year_of

SHIPPED = Path(__file__).resolve().parents[2] / "policies"


def resolve_policy(name: str) -> Policy:
    """A policy file path, or the key of a shipped policy (``policies/<key>.toml``)."""
    path = Path(name)
    if not path.exists() and (SHIPPED / f"{name}.toml").exists():
        path = SHIPPED / f"{name}.toml"
    if not path.exists():
        shipped = ", ".join(sorted(p.stem for p in SHIPPED.glob("*.toml")))
        raise click.ClickException(
            f"no policy file or shipped policy called '{name}' — give a path or one of: {shipped}"
        )
    try:
        return load_policy(path)
    except PolicyError as error:
        raise click.ClickException(str(error)) from error


def _assumptions(file: Path | None) -> Assumptions:
    if file is None:
        return Assumptions()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file}: cannot read the assumptions JSON ({error})") from error
    if not isinstance(data, dict):
        raise click.ClickException(f"{file}: the assumptions must be a JSON object")
    try:
        return from_dict(data)
    except AssumptionError as error:
        raise click.ClickException(f"{file}: {error}") from error


def _district_start(key: str, levels: tuple[str, ...], policies: list[Any]) -> Any:
    """The district's workforce, each teacher starting where the adoption crosswalk places
    them under every policy (``lattice.forecasts.workforce_db``)."""
    from lattice.cli.demo import open_database

    open_database()
    from lattice.forecasts.workforce_db import district_start
    from lattice.people.models import District

    district = District.objects.filter(key=key).first()
    if district is None:
        raise click.ClickException(f"no district with key '{key}' — see `lattice users`")
    built = district_start(district, policies, levels=levels)
    for note in built.skipped[:10]:
        click.echo(f"skipped: {note}", err=True)
    if len(built.skipped) > 10:
        click.echo(f"… and {len(built.skipped) - 10} more skipped", err=True)
    return built


def _money(amount: float) -> str:
    return money(amount, short=True)


def _report(result: ForecastResult) -> None:
    for summary in result.policies:
        last = summary.years[-1]
        click.echo(
            f"{summary.key} v{summary.version}: "
            f"{school_year_of_forecast(result, last.year)} payroll "
            f"{_money(last.payroll_median)} (80% of runs {_money(last.payroll_p10)} to "
            f"{_money(last.payroll_p90)}), "
            f"{last.teachers_mean:,.0f} teachers, {last.leadership_share:.1%} in leadership"
        )
    for comparison in result.comparisons:
        final = comparison.years[-1]
        click.echo(
            f"{comparison.key} minus {comparison.baseline}: "
            f"{school_year_of_forecast(result, final.year)} payroll "
            f"{_money(final.payroll_mean)} (positive: {comparison.key} costs more; "
            f"95% CI {_money(final.payroll_ci_low)} to "
            f"{_money(final.payroll_ci_high)}); {final.gainers_mean:,.0f} gain, "
            f"{final.losers_mean:,.0f} lose"
        )


@click.command("forecast")
@click.option("--policy", "policy_name", required=True, help="Policy file or shipped key.")
@click.option("--vs", "others", multiple=True, help="Compare with this policy (repeatable).")
@click.option("--years", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--runs", type=click.IntRange(1, 100_000), default=1000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--workforce", "workforce_file", type=click.Path(path_type=Path, dir_okay=False),
    help="Starting workforce CSV (columns: see docs/forecast.md).",
)  # fmt: skip
@click.option(
    "--teachers", type=click.IntRange(1, 2_000_000), default=1000, show_default=True,
    help="Without --workforce or --district: size of a generated Baltimore-like workforce.",
)  # fmt: skip
@click.option("--district", help="Build the workforce from this district in the database.")
@click.option(
    "--assumptions", "assumptions_file", type=click.Path(path_type=Path, dir_okay=False),
    help="JSON object overriding default assumptions (keys: docs/forecast.md).",
)  # fmt: skip
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Workers: threads, processes or Dask workers.",
)
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="threads",
    show_default=True,
    help="Where blocks run; the output is the same byte for byte.",
)
@click.option(
    "--scheduler",
    help="With --executor dask: a scheduler address (tcp://host:8786); "
    "without it a local cluster of --threads workers is started.",
)
@click.option(
    "--first-year",
    type=click.IntRange(2000, 2200),
    help="The first school year forecast (2027 for 2027-28; default: next year).",
)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
    help="Where to write the results: .csv or .xlsx.",
)  # fmt: skip
def forecast(
    policy_name: str, others: tuple[str, ...], years: int, runs: int, seed: int,
    workforce_file: Path | None, teachers: int, district: str | None,
    assumptions_file: Path | None, threads: int, executor: str, scheduler: str | None,
    first_year: int | None, out: Path,
) -> None:  # fmt: skip
    """Forecast payroll, pathways and gainers/losers under POLICY (and each --vs policy).

    The first policy is the baseline; every policy runs on the same teachers and random
    draws, so differences are paired. Runs every policy model: unit ledgers, step-and-lane
    schedules, rating ladders, annual roles, pay elements and designations (tia-2025). Example:
    `lattice forecast --policy baltimore-2010 --vs step-and-lane-pwcs-2020 --years 10
    --runs 1000 --out results.csv`.
    """
    from tqdm import tqdm

    if workforce_file is not None and district is not None:
        raise click.ClickException("give --workforce or --district, not both")
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise click.ClickException(f"--out {out}: use a .csv or .xlsx file name")
    policies = [resolve_policy(policy_name), *(resolve_policy(name) for name in others)]
    assumptions = _assumptions(assumptions_file)
    if first_year is None and assumptions_file is None:
        first_year = school_year_of(date.today()) + 1
    if first_year is not None:
        assumptions = assumptions.with_changes(first_school_year=first_year)
    runner = executor_for(executor, threads, scheduler)
    try:
        plans: list[Any] = []
        if district is not None:
            built = _district_start(district, assumptions.levels, policies)
            workforce, plans = built.workforce, built.plans
        elif workforce_file is not None:
            workforce = read_csv(workforce_file, assumptions.levels)
        else:
            workforce = synthetic(teachers, seed=seed, assumptions=assumptions)
        with tqdm(total=runs, unit="run", desc="forecast", leave=False) as bar:

            def progress(done: int, total: int) -> None:
                bar.update(done - bar.n)

            simulation = simulate(
                workforce, policies, assumptions, years=years, runs=runs, seed=seed,
                executor=runner, progress=progress,
            )  # fmt: skip
    except ForecastError as error:
        raise click.ClickException(str(error)) from error
    result = build_result(simulation, workforce, policies, assumptions)
    try:
        if out.suffix.lower() == ".xlsx":
            write_xlsx(result, out)
        else:
            write_csv(result, out)
    except OSError as error:
        raise click.ClickException(f"--out {out}: cannot write ({error.strerror})") from error
    _report(result)
    if district is not None:
        _year_one(district, policies, plans)
    click.echo(f"wrote {out} ({len(workforce):,} teachers, {runs:,} runs, seed {seed})")


def _year_one(key: str, policies: list[Any], plans: list[Any]) -> None:
    """This school year as the adoption preview places the district's teachers."""
    from lattice.forecasts.workforce_db import year_one
    from lattice.people.models import District

    district = District.objects.get(key=key)
    for other in policies[1:]:
        first = year_one(district, policies[0], other, plans=plans)
        click.echo(
            f"this school year ({first.on}): {first.other} vs {first.baseline} "
            f"{_money(first.cost)}; {first.gainers:,} gain, {first.losers:,} lose "
            "(placed as the adoption preview places them)"
        )
