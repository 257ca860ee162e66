"""Build the model-specific sections of a policy: ladder, roles, elements, steps, bonuses.

Called by ``sections``; see docs/policy-language.md for each table and key.
"""

from __future__ import annotations

import itertools
from typing import Any

from lattice.lib.formatting import money
from lattice.rules.policy import (
    Bonus,
    Element,
    Elements,
    IndexSalary,
    Ladder,
    LadderEntry,
    Lane,
    Pathway,
    Role,
    Roles,
    StepRow,
    Steps,
    Trigger,
)
from lattice.rules.reader import Reader, choice, increasing
from lattice.rules.records import Degree, parse_school_year
from lattice.rules.toml_lines import KeyPath

Table = dict[str, Any]


def ladder_of(reader: Reader, data: Table, pathways: tuple[Pathway, ...], cite: Any) -> Ladder:
    table = reader.table(data, "ladder", ())
    path: KeyPath = ("ladder",)
    keys = [p.key for p in pathways]
    entries = []
    for index, entry in enumerate(reader.tables(table, "entry", path)):
        entry_path: KeyPath = (*path, "entry", index)
        name = reader.text(entry, "pathway", entry_path)
        if name not in keys:
            reader.note(
                (*entry_path, "pathway"),
                f"unknown pathway '{name}'",
                "use one of the [[pathways]] keys: " + ", ".join(keys),
            )
        entries.append(LadderEntry(reader.integer(entry, "min_years", entry_path), name))
    entries.sort(key=lambda e: e.min_years)
    if not entries or entries[0].min_years != 0:
        raise reader.stop(
            (*path, "entry"),
            "entry placement must start at min_years = 0",
            'add [[ladder.entry]] min_years = 0, pathway = "..."',
        )
    return Ladder(
        no_demotion=reader.boolean(table, "no_demotion", path, True),
        reset_run_on_move=reader.boolean(table, "reset_run_on_move", path, True),
        pay_min_frl_percent=reader.integer(table, "pay_min_frl_percent", path, 0),
        entry=tuple(entries),
        source=cite(table, path),
    )


def roles_of(reader: Reader, data: Table, cite: Any) -> Roles:
    table = reader.table(data, "roles", ())
    path: KeyPath = ("roles",)
    roles = []
    for index, role in enumerate(reader.tables(table, "role", path)):
        role_path: KeyPath = (*path, "role", index)
        roles.append(
            Role(
                key=reader.text(role, "key", role_path),
                name=reader.text(role, "name", role_path),
                supplement=reader.integer(role, "supplement", role_path),
                extra_days=reader.integer(role, "extra_days", role_path, 0),
                release_percent=reader.integer(role, "release_percent", role_path, 0),
                default_share_percent=reader.integer(role, "default_share_percent", role_path, 0),
                source=cite(role, role_path),
            )
        )
    return Roles(
        minimum_share_percent=reader.integer(table, "minimum_share_percent", path, 0),
        round_up=reader.text(table, "share_rounding", path, "up") == "up",
        roles=tuple(roles),
        source=cite(table, path),
    )


def elements_of(reader: Reader, data: Table, cite: Any) -> Elements:
    table = reader.table(data, "elements", ())
    path: KeyPath = ("elements",)
    index_rows = []
    for index, row in enumerate(reader.tables(table, "index", path)):
        row_path: KeyPath = (*path, "index", index)
        label = reader.text(row, "school_year", row_path)
        try:
            year = parse_school_year(label)
        except ValueError as error:
            raise reader.stop((*row_path, "school_year"), str(error), 'write "2008-09"') from error
        index_rows.append(
            IndexSalary(year, reader.integer(row, "amount", row_path), cite(row, row_path))
        )
    for position, (a, b) in enumerate(itertools.pairwise(index_rows), start=1):
        if b.school_year <= a.school_year:
            reader.note(
                (*path, "index", position, "school_year"),
                "overlapping effective dates: index rows must be in increasing school years",
                "list each school year once, earliest first",
            )
    elements = []
    for index, item in enumerate(reader.tables(table, "element", path)):
        ep: KeyPath = (*path, "element", index)
        trigger = Trigger(
            choice(
                reader,
                reader.text(item, "when", ep),
                [t.value for t in Trigger],
                (*ep, "when"),
                "trigger",
            )
        )
        degree_names = reader.texts(item, "degrees", ep)
        for name in degree_names:
            choice(reader, name, [d.value for d in Degree], (*ep, "degrees"), "degree")
        elements.append(
            Element(
                key=reader.text(item, "key", ep),
                name=reader.text(item, "name", ep),
                percent_bp=reader.percent_bp(item, "percent", ep),
                dollars=reader.integer(item, "dollars", ep, 0),
                base_building=reader.boolean(item, "base_building", ep, False),
                base_building_max_service_years=reader.integer(
                    item, "base_building_max_service_years", ep, None
                ),
                trigger=trigger,
                degrees=tuple(Degree(n) for n in degree_names),
                count=reader.text(item, "count", ep, ""),
                count_min=reader.integer(item, "min", ep, 1),
                count_max=reader.integer(item, "max", ep, None),
                flag=reader.text(item, "flag", ep, ""),
                kind=reader.text(item, "kind", ep, ""),
                per_year_max=reader.integer(item, "per_year_max", ep, None),
                source=cite(item, ep),
            )
        )
    if not index_rows:
        raise reader.stop((*path, "index"), "no index salary", "add [[elements.index]] rows")
    return Elements(
        index=tuple(index_rows),
        elements=tuple(elements),
        entry_base=reader.integer(table, "entry_base", path),
        source=cite(table, path),
    )


def steps_of(reader: Reader, data: Table, levels: list[str], cite: Any) -> Steps:
    table = reader.table(data, "steps", ())
    path: KeyPath = ("steps",)
    gate = reader.text(table, "gate_at_least", path)
    if gate not in levels:
        reader.note(
            (*path, "gate_at_least"),
            f"rating level '{gate}' has no mapping in [ratings] levels",
            "use one of: " + ", ".join(levels),
        )
    lanes = []
    for index, lane in enumerate(reader.tables(table, "lanes", path)):
        lp: KeyPath = (*path, "lanes", index)
        degree = choice(
            reader,
            reader.text(lane, "degree", lp),
            [d.value for d in Degree],
            (*lp, "degree"),
            "degree",
        )
        lanes.append(
            Lane(
                key=reader.text(lane, "key", lp),
                name=reader.text(lane, "name", lp),
                degree=Degree(degree),
                graduate_credits=reader.integer(lane, "graduate_credits", lp, 0),
            )
        )
    rows = []
    for index, row in enumerate(reader.tables(table, "rows", path)):
        rp: KeyPath = (*path, "rows", index)
        salaries = reader.integers(row, "salaries", rp)
        if len(salaries) != len(lanes):
            raise reader.stop(
                (*rp, "salaries"),
                f"{len(salaries)} salaries for {len(lanes)} lanes",
                "give one salary per lane, in lane order",
            )
        increasing(reader, salaries, (*rp, "salaries"), "lane")
        basis = reader.text(row, "basis", rp, "published")
        rows.append(StepRow(reader.integer(row, "step", rp), tuple(salaries), basis == "published"))
    if not rows or not lanes:
        raise reader.stop(
            path, "a steps table needs lanes and rows", "add [[steps.lanes]] and [[steps.rows]]"
        )
    for index, (a, b) in enumerate(itertools.pairwise(rows), start=1):
        if b.step != a.step + 1:
            reader.note(
                (*path, "rows", index, "step"),
                f"step {b.step} follows step {a.step}",
                "list every step once, in order, with no gaps",
            )
        for lane_index, lane_def in enumerate(lanes):
            if b.salaries[lane_index] <= a.salaries[lane_index]:
                reader.note(
                    (*path, "rows", index, "salaries"),
                    f"salary table not increasing: step {b.step} in lane '{lane_def.key}' pays "
                    f"{money(b.salaries[lane_index])}, not more than step {a.step} "
                    f"({money(a.salaries[lane_index])})",
                    "make every step pay more than the step before it",
                )
                break
    entry = reader.integer(table, "entry_step", path, rows[0].step)
    if not rows[0].step <= entry <= rows[-1].step:
        reader.note(
            (*path, "entry_step"), f"entry step {entry} is not in the table", "use a listed step"
        )
    return Steps(
        gate_at_least=gate,
        entry_step=entry,
        lanes=tuple(lanes),
        rows=tuple(rows),
        source=cite(table, path),
    )


def bonuses_of(reader: Reader, data: Table, levels: list[str], cite: Any) -> tuple[Bonus, ...]:
    bonuses = []
    for index, item in enumerate(reader.tables(data, "bonuses", ())):
        bp: KeyPath = ("bonuses", index)
        level = reader.text(item, "rating_at_least", bp, None)
        if level is not None and level not in levels:
            reader.note(
                (*bp, "rating_at_least"),
                f"rating level '{level}' has no mapping in [ratings] levels",
                "use one of: " + ", ".join(levels),
            )
        bonuses.append(
            Bonus(
                key=reader.text(item, "key", bp),
                name=reader.text(item, "name", bp),
                amount=reader.integer(item, "amount", bp),
                rating_at_least=level,
                min_frl_percent=reader.integer(item, "min_frl_percent", bp, None),
                flag=reader.text(item, "flag", bp, None),
                certificate=reader.text(item, "certificate", bp, None),
                certificate_years=reader.integer(item, "certificate_years", bp, None),
                source=cite(item, bp),
            )
        )
    return tuple(bonuses)
