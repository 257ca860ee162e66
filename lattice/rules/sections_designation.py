"""Build and check the ``[designation]`` section (Texas TIA; see docs/policy-language.md).

Checks, each naming the key and the fix: levels listed lowest first with increasing caps,
``base ≤ cap``, state performance standards that rise with the level, at most one national
board level, cut scores for known performance levels that rise with the level, weights that
add up to 100, and the district's spending plan: at least 90% of the allotment to teacher pay
on the designated teacher's campus (TEC §48.112), no more than 100% in all.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from lattice.lib.formatting import money
from lattice.rules.policy import Designation, DesignationLevel, LocalCut
from lattice.rules.reader import Reader
from lattice.rules.toml_lines import KeyPath

Table = dict[str, Any]
MIN_CAMPUS_SHARE = 90  # percent of the allotment to teacher pay on the campus (TEC §48.112)
POINT_VALUES = (0, 0.5, 1.0, 2.0, 3.0, 4.0)  # TEC §48.112(e): not disadvantaged, tiers 1-5


def designation_of(reader: Reader, data: Table, cite: Any) -> Designation:
    table = reader.table(data, "designation", ())
    path: KeyPath = ("designation",)
    levels = _levels(reader, table, path, cite)
    keys = [level.key for level in levels]
    teacher = reader.integer(table, "teacher_share_percent", path)
    campus = reader.integer(table, "campus_share_percent", path, 0)
    if teacher < 0 or campus < 0 or teacher + campus > 100:
        reader.note(
            (*path, "teacher_share_percent"),
            f"the shares add up to {teacher + campus}%, more than the allotment",
            "keep teacher_share_percent + campus_share_percent at or under 100",
        )
    elif teacher + campus < MIN_CAMPUS_SHARE:
        reader.note(
            (*path, "teacher_share_percent"),
            f"only {teacher + campus}% of the allotment goes to teacher pay on the designated "
            f"teacher's campus; the statute asks for at least {MIN_CAMPUS_SHARE}% (TEC §48.112)",
            f"raise teacher_share_percent (+ campus_share_percent) to {MIN_CAMPUS_SHARE} or more",
        )
    local = reader.table(table, "local", path)
    local_path: KeyPath = (*path, "local")
    observation_weight = reader.integer(local, "observation_weight", local_path)
    growth_weight = reader.integer(local, "growth_weight", local_path)
    if observation_weight + growth_weight != 100 or min(observation_weight, growth_weight) < 0:
        reader.note(
            (*local_path, "observation_weight"),
            f"weights add up to {observation_weight + growth_weight}, not 100",
            "make observation_weight + growth_weight = 100",
        )
    cuts = []
    for index, cut in enumerate(reader.tables(local, "cuts", local_path)):
        cut_path: KeyPath = (*local_path, "cuts", index)
        key = reader.text(cut, "level", cut_path)
        performance = [lv.key for lv in levels if not lv.national_board]
        if key not in performance:
            reader.note(
                (*cut_path, "level"),
                f"unknown designation level '{key}'",
                "use one of: " + ", ".join(performance),
            )
        cuts.append(LocalCut(key, reader.decimal(cut, "score", cut_path)))
    ordered = sorted(cuts, key=lambda c: keys.index(c.level) if c.level in keys else -1)
    for index, (low, high) in enumerate(itertools.pairwise(ordered), start=1):
        if high.score <= low.score:
            reader.note(
                (*local_path, "cuts", index, "score"),
                f"cut score for '{high.level}' ({high.score}) is not above '{low.level}' "
                f"({low.score})",
                "make every higher level's cut score higher",
            )
    values = reader.tables(table, "point_values", path)
    points = tuple(Decimal(str(v)) for v in POINT_VALUES)
    if values:
        points = tuple(reader.decimal(v, "points", (*path, "point_values", i))
                       for i, v in enumerate(values))  # fmt: skip
    return Designation(
        levels=levels,
        validity_years=reader.integer(table, "validity_years", path, 5),
        dimensions=reader.integer(table, "observation_dimensions", path, 8),
        dimension_floor=reader.decimal(table, "dimension_floor", path, Decimal(3)),
        national_board_certificate=reader.text(table, "national_board_certificate", path, "NBCT"),
        teacher_share_percent=teacher,
        campus_share_percent=campus,
        point_values=points,
        rural_tiers_up=reader.integer(table, "rural_tiers_up", path, 2),
        observation_weight=observation_weight,
        growth_weight=growth_weight,
        cuts=tuple(cuts),
        source=cite(table, path),
        local_source=cite(local, local_path),
    )


def _levels(reader: Reader, table: Table, path: KeyPath, cite: Any) -> tuple[DesignationLevel, ...]:
    levels: list[DesignationLevel] = []
    for index, item in enumerate(reader.tables(table, "levels", path)):
        lp: KeyPath = (*path, "levels", index)
        route = reader.text(item, "route", lp, "performance")
        if route not in ("performance", "national_board"):
            reader.note((*lp, "route"), f"unknown route '{route}'",
                        "use performance or national_board")  # fmt: skip
        level = DesignationLevel(
            key=reader.text(item, "key", lp),
            name=reader.text(item, "name", lp),
            base=reader.integer(item, "base", lp),
            multiplier=reader.integer(item, "multiplier", lp),
            cap=reader.integer(item, "cap", lp),
            observation_above=reader.decimal(item, "observation_above", lp, None),
            growth_at_least=reader.decimal(item, "growth_at_least", lp, None),
            national_board=route == "national_board",
            source=cite(item, lp),
        )
        if level.base > level.cap:
            reader.note((*lp, "cap"),
                        f"cap {money(level.cap)} is below the base {money(level.base)}",
                        "make the cap at least the base amount")  # fmt: skip
        if not level.national_board and (
            level.observation_above is None or level.growth_at_least is None
        ):
            reader.note(lp, f"level '{level.key}' has no performance standards",
                        "add observation_above and growth_at_least (TEA's minimums)")  # fmt: skip
        levels.append(level)
    if not levels:
        raise reader.stop((*path, "levels"), "no designation levels",
                          "add [[designation.levels]] tables, lowest first")  # fmt: skip
    if sum(1 for lv in levels if lv.national_board) > 1:
        reader.note((*path, "levels"), "more than one national_board level", "keep one")
    performance = [(i, lv) for i, lv in enumerate(levels) if not lv.national_board]
    for (_, low), (index, high) in itertools.pairwise(performance):
        assert low.observation_above is not None
        assert high.observation_above is not None
        assert low.growth_at_least is not None
        assert high.growth_at_least is not None
        if high.observation_above < low.observation_above or (
            high.growth_at_least < low.growth_at_least
        ):
            reader.note(
                (*path, "levels", index, "observation_above"),
                f"'{high.key}' asks for less than '{low.key}', which is listed below it",
                "list levels lowest first, each with standards at least those below it",
            )
        if high.cap < low.cap:
            reader.note((*path, "levels", index, "cap"),
                        f"'{high.key}' is capped below '{low.key}'",
                        "list levels lowest first, with rising caps")  # fmt: skip
    return tuple(levels)
