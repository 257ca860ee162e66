"""`lattice policy ...`: check policy files, explain a teacher's standing, print pay tables.

Uses click and the pure engine only (no Django). Exit code 0 on success; 1 on a bad policy or
teacher record, with each problem on stderr as ``FILE line N, key K: message — fix``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from lattice.lib.formatting import money
from lattice.rules.context import RecordError
from lattice.rules.explain import explain_data, explain_text
from lattice.rules.loader import PolicyError, check_versions, describe, load_policy
from lattice.rules.policy import Model, Policy
from lattice.rules.record_json import RecordFormatError, load_record
from lattice.rules.records import school_year_label
from lattice.rules.roles import role_plan


def _load(file: Path) -> Policy:
    try:
        return load_policy(file)
    except PolicyError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from error


@click.group()
def policy() -> None:
    """District policies: check them, explain a teacher's standing, print pay tables."""


@policy.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check policy FILES; versions of one policy must not overlap in time."""
    loaded, failed = [], False
    for file in files:
        try:
            loaded.append(load_policy(file))
        except PolicyError as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
    for problem in check_versions(loaded):
        failed = True
        click.echo(str(problem), err=True)
    for found in loaded:
        summary = describe(found)
        ends = summary["effective_to"] or "open-ended"
        click.echo(
            f"ok  {found.file}: {summary['key']} v{summary['version']} ({summary['model']}), "
            f"{summary['effective_from']} to {ends}, {summary['sources']} sources"
        )
    if failed:
        raise SystemExit(1)


@policy.command()
@click.option("--policy", "policy_file", required=True, type=click.Path(path_type=Path))
@click.option("--teacher", "teacher_file", required=True, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date to place the teacher on (default: today, or the policy's end).",
)
@click.option("--json", "as_json", is_flag=True, help="Print structured data instead of text.")
def explain(policy_file: Path, teacher_file: Path, as_of: object, as_json: bool) -> None:
    """Explain where a teacher stands under a policy, and what comes next."""
    found = _load(policy_file)
    try:
        record = load_record(teacher_file)
    except RecordFormatError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from error
    day = as_of.date() if hasattr(as_of, "date") else date.today()
    if as_of is None and found.effective_to is not None:
        day = min(day, found.effective_to)
    try:
        if as_json:
            click.echo(json.dumps(explain_data(found, record, day), indent=2))
        else:
            click.echo(explain_text(found, record, day))
    except (RecordError, ValueError) as error:
        click.echo(f"{teacher_file}: {error}", err=True)
        raise SystemExit(1) from error


def _grid(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def table_text(found: Policy) -> str:
    """The policy's pay table as text (the salary/step table, stages, roles or elements)."""
    title = f"{found.name} ({found.key}, version {found.version})"
    if found.model is Model.STEPS and found.steps is not None:
        steps = found.steps
        rows = [
            [f"{r.step}{'' if r.published else '*'}", *(f"{s:,}" for s in r.salaries)]
            for r in steps.rows
        ]
        note = "* interpolated between published steps, not published"
        return f"{title}\n{_grid(['step', *(lane.name for lane in steps.lanes)], rows)}\n{note}"
    if found.model is Model.LEDGER:
        top = max(p.top_interval for p in found.pathways)
        rows = [
            [
                str(i),
                *(f"{p.salary[i - 1]:,}" if i <= p.top_interval else "" for p in found.pathways),
            ]
            for i in range(1, top + 1)
        ]
        return f"{title}\n{_grid(['interval', *(p.name for p in found.pathways)], rows)}"
    if found.model is Model.LADDER:
        rows = [[p.name, money(p.base_increase)] for p in found.pathways]
        return f"{title}\n{_grid(['stage', 'base increase (high-poverty)'], rows)}"
    if found.model is Model.ELEMENTS and found.elements is not None:
        index = [[school_year_label(r.school_year), f"{r.amount:,}"] for r in found.elements.index]
        rows = [
            [
                e.name,
                f"{e.percent_bp / 100:g}%" if not e.dollars else money(e.dollars),
                "base" if e.base_building else "bonus",
            ]
            for e in found.elements.elements
        ]
        elements = _grid(["element", "amount", "pays"], rows)
        return f"{title}\n{_grid(['from', 'index salary'], index)}\n\n{elements}"
    if found.model is Model.DESIGNATION and found.designation is not None:
        d = found.designation
        rows = [
            [
                lv.name,
                money(lv.base),
                money(lv.multiplier),
                money(lv.cap),
                "National Board" if lv.national_board else f"> {lv.observation_above}",
                "" if lv.national_board else f"{lv.growth_at_least}%",
            ]
            for lv in d.levels
        ]
        grid = _grid(
            ["designation", "base", "× campus points", "cap", "observation", "growth"], rows
        )
        footer = (
            f"valid {d.validity_years} years; {d.teacher_share_percent}% of the allotment to "
            f"the designated teacher, {d.campus_share_percent}% to others on the campus"
        )
        return f"{title}\n{grid}\n{footer}"
    assert found.roles is not None
    rows = [
        [
            r.name,
            money(r.supplement),
            str(r.extra_days),
            f"{r.release_percent}%",
            f"{r.default_share_percent}%",
        ]
        for r in found.roles.roles
    ]
    plan = role_plan(found, 100)
    footer = (
        f"minimum salary {money(found.minimum_salary or 0)}; at least "
        f"{found.roles.minimum_share_percent}% of teachers in roles "
        f"({plan.required_in_roles} of 100)"
    )
    grid = _grid(["role", "supplement", "extra days", "release", "share"], rows)
    return f"{title}\n{grid}\n{footer}"


@policy.command()
@click.argument("file", type=click.Path(path_type=Path))
def table(file: Path) -> None:
    """Print FILE's salary/step table as a text table."""
    click.echo(table_text(_load(file)))


@policy.command("tia-export")
@click.option("--policy", "policy_file", required=True, type=click.Path(path_type=Path))
@click.option(
    "--teachers",
    "teacher_files",
    required=True,
    multiple=True,
    type=click.Path(path_type=Path),
    help="Teacher record JSON files with designation_data and campuses (repeatable).",
)
@click.option("--year", "data_year", required=True, help="The data-capture year, e.g. 2025-26.")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the submission: .csv or .xlsx.",
)
def tia_export(
    policy_file: Path, teacher_files: tuple[Path, ...], data_year: str, out: Path
) -> None:
    """Write the TIA data submission (state column layout) for a data-capture year."""
    import datetime as dt

    from lattice.lib.tabular import csv_bytes, xlsx_bytes
    from lattice.rules.records import parse_school_year, school_year_end
    from lattice.rules.tia_export import COLUMNS, SubmissionError, submission_rows

    found = _load(policy_file)
    try:
        year = parse_school_year(data_year)
    except ValueError as error:
        raise click.ClickException(f"--year {data_year}: write it like 2025-26") from error
    records = []
    for file in teacher_files:
        try:
            records.append(load_record(file))
        except RecordFormatError as error:
            raise click.ClickException(str(error)) from error
    try:
        rows = submission_rows(found, records, year)
    except SubmissionError as error:
        raise click.ClickException(str(error)) from error
    if out.suffix.lower() == ".xlsx":
        stamp = dt.datetime.combine(school_year_end(year), dt.time())
        data = xlsx_bytes(
            COLUMNS, rows, title="TIA data submission", sheet="Submission", stamp=stamp
        )
    elif out.suffix.lower() == ".csv":
        data = csv_bytes(COLUMNS, rows)
    else:
        raise click.ClickException(f"--out {out}: use a .csv or .xlsx file name")
    out.write_bytes(data)
    click.echo(f"wrote {out}: {len(rows)} teacher(s), {data_year} data")
