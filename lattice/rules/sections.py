"""Build each section of a policy from parsed TOML and check it (see docs/policy-language.md).

Called by ``loader``; problems go to the ``Reader`` with their key path.
"""

from __future__ import annotations

import itertools
from typing import Any

from lattice.rules.policy import (
    Ledger,
    Model,
    Pathway,
    Policy,
    RatingRun,
    Ratings,
    Requirements,
    Route,
    Transition,
    Vocabulary,
)
from lattice.rules.reader import Reader, choice, increasing
from lattice.rules.records import DecisionKind
from lattice.rules.sections_designation import designation_of
from lattice.rules.sections_models import bonuses_of, elements_of, ladder_of, roles_of, steps_of
from lattice.rules.toml_lines import KeyPath

Table = dict[str, Any]


def build_sections(reader: Reader, data: Table, file: str) -> Policy:
    head = reader.table(data, "policy", ())
    p: KeyPath = ("policy",)
    effective_from = reader.day(head, "effective_from", p)
    effective_to = reader.day(head, "effective_to", p, None)
    if effective_to is not None and effective_to < effective_from:
        reader.note(
            (*p, "effective_to"),
            f"effective dates overlap or run backwards: ends {effective_to} before it starts "
            f"{effective_from}",
            "set effective_to on or after effective_from",
        )
    model_name = choice(
        reader, reader.text(head, "model", p), [m.value for m in Model], (*p, "model"), "model"
    )
    sources_table = reader.table(head, "sources", p)
    sources = tuple((str(k), str(v)) for k, v in sources_table.items())
    if not sources:
        reader.note((*p, "sources"), "no sources listed", 'add B1 = "https://..." lines')
    source_keys = {k for k, _ in sources}

    def cite(table: Table, path: KeyPath) -> str:
        key = reader.text(table, "source", path, "")
        assert isinstance(key, str)
        for part in filter(None, (s.strip() for s in key.split(","))):
            if part not in source_keys:
                reader.note(
                    (*path, "source"),
                    f"source '{part}' is not listed in [policy.sources]",
                    f'add {part} = "https://..." under [policy.sources] or fix the key',
                )
        return key

    ratings = _ratings(reader, data, cite)
    levels = list(ratings.levels)
    pathways = _pathways(reader, data, cite)
    transitions = _transitions(reader, data, pathways, levels, cite)
    model = Model(model_name)
    by_key = {p.key: p for p in pathways}
    units_from: set[str] = set()
    for index, t in enumerate(transitions_in_file_order(data, transitions)):
        target = by_key.get(t.to_pathway)
        if target is not None and target.salary and not 1 <= t.to_interval <= target.top_interval:
            reader.note(
                ("transitions", index, "to_interval"),
                f"'{t.to_pathway}' has intervals 1-{target.top_interval}, not {t.to_interval}",
                f"use a to_interval between 1 and {target.top_interval}",
            )
        if t.route is Route.UNITS:
            if t.from_pathway in units_from:
                reader.note(
                    ("transitions", index, "route"),
                    f"pathway '{t.from_pathway}' has two units transitions",
                    "keep one units transition per pathway; use a decision route for the other",
                )
            units_from.add(t.from_pathway)
    ledger = _ledger(reader, data, ratings, cite) if "ledger" in data else None
    ladder = ladder_of(reader, data, pathways, cite) if "ladder" in data else None
    roles = roles_of(reader, data, cite) if "roles" in data else None
    elements = elements_of(reader, data, cite) if "elements" in data else None
    steps = steps_of(reader, data, levels, cite) if "steps" in data else None
    designation = designation_of(reader, data, cite) if "designation" in data else None
    needed = {
        Model.LEDGER: ledger,
        Model.LADDER: ladder,
        Model.ROLES: roles,
        Model.ELEMENTS: elements,
        Model.STEPS: steps,
        Model.DESIGNATION: designation,
    }[model]
    if needed is None:
        raise reader.stop(
            (model.value,),
            f"model is '{model.value}' but there is no [{model.value}] table",
            f"add a [{model.value}] table (see docs/policy-language.md)",
        )
    if model is Model.LEDGER:
        for index, pathway in enumerate(pathways):
            if not pathway.salary:
                reader.note(
                    ("pathways", index, "salary"),
                    f"pathway '{pathway.key}' has no salary table",
                    "add salary = [..] with one amount per interval",
                )
    salary = reader.table(data, "salary", (), required=False) or {}
    minimum = reader.integer(salary, "minimum", ("salary",), None)
    if minimum is not None:
        cite(salary, ("salary",))
    bonuses = bonuses_of(reader, data, levels, cite)
    return Policy(
        key=reader.text(head, "key", p),
        name=reader.text(head, "name", p),
        version=str(reader.text(head, "version", p)),
        effective_from=effective_from,
        effective_to=effective_to,
        model=model,
        sources=sources,
        file=file,
        ratings=ratings,
        pathways=pathways,
        transitions=transitions,
        ledger=ledger,
        ladder=ladder,
        roles=roles,
        elements=elements,
        steps=steps,
        bonuses=bonuses,
        minimum_salary=minimum,
        designation=designation,
    )


def _ratings(reader: Reader, data: Table, cite: Any) -> Ratings:
    table = reader.table(data, "ratings", ())
    levels = reader.texts(table, "levels", ("ratings",))
    if not levels or len(set(levels)) != len(levels):
        raise reader.stop(
            ("ratings", "levels"),
            "rating levels must be a non-empty list without repeats",
            'list them lowest first: levels = ["ineffective", "effective"]',
        )
    vocabularies = []
    for index, vocab in enumerate(reader.tables(table, "vocabulary", ("ratings",))):
        path: KeyPath = ("ratings", "vocabulary", index)
        labels = reader.table(vocab, "labels", path)
        for label, level in labels.items():
            if level not in levels:
                reader.note(
                    (*path, "labels", label),
                    f"rating label '{label}' maps to '{level}', which is not a rating level",
                    "map it to one of: " + ", ".join(levels),
                )
        vocabularies.append(
            Vocabulary(
                key=reader.text(vocab, "key", path),
                effective_from=reader.day(vocab, "effective_from", path),
                effective_to=reader.day(vocab, "effective_to", path, None),
                labels=tuple((str(k), str(v)) for k, v in labels.items()),
                source=cite(vocab, path),
            )
        )
    if not vocabularies:
        raise reader.stop(
            ("ratings", "vocabulary"), "no rating vocabulary", "add a [[ratings.vocabulary]]"
        )
    ordered = sorted(enumerate(vocabularies), key=lambda item: item[1].effective_from)
    for (_, earlier), (index, later) in itertools.pairwise(ordered):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            ends = earlier.effective_to or "open-ended"
            reader.note(
                ("ratings", "vocabulary", index, "effective_from"),
                f"overlapping effective dates: vocabulary '{later.key}' starts "
                f"{later.effective_from} but '{earlier.key}' runs until {ends}",
                f"end '{earlier.key}' before {later.effective_from} or start '{later.key}' later",
            )
    return Ratings(levels=tuple(levels), vocabularies=tuple(vocabularies))


def _pathways(reader: Reader, data: Table, cite: Any) -> tuple[Pathway, ...]:
    pathways: list[Pathway] = []
    for index, table in enumerate(reader.tables(data, "pathways", ())):
        path: KeyPath = ("pathways", index)
        salary = reader.integers(table, "salary", path)
        increasing(reader, salary, (*path, "salary"), "interval")
        pathway = Pathway(
            key=reader.text(table, "key", path),
            name=reader.text(table, "name", path),
            salary=tuple(salary),
            base_increase=reader.integer(table, "base_increase", path, 0),
            source=cite(table, path),
        )
        if pathway.key in {p.key for p in pathways}:
            reader.note((*path, "key"), f"pathway '{pathway.key}' is defined twice", "rename one")
        pathways.append(pathway)
    return tuple(pathways)


def _requirements(reader: Reader, table: Table | None, levels: list[str], path: KeyPath) -> Any:
    if table is None:
        return Requirements()
    kinds = [k.value for k in DecisionKind]
    at_least = reader.text(table, "rating_at_least", path, None)
    if at_least is not None:
        choice(reader, at_least, levels, (*path, "rating_at_least"), "rating level")
    no_recent = reader.texts(table, "no_recent", path)
    not_active = reader.texts(table, "not_active", path)
    for name in [*no_recent, *not_active]:
        choice(reader, name, kinds, path, "decision")
    return Requirements(
        rating_at_least=at_least,
        rating_years=reader.integer(table, "rating_years", path, 1 if at_least else 0),
        certificate_any=tuple(reader.texts(table, "certificate_any", path)),
        no_recent=tuple(DecisionKind(n) for n in no_recent),
        no_recent_days=reader.integer(table, "no_recent_days", path, 365),
        not_active=tuple(DecisionKind(n) for n in not_active),
    )


def _transitions(
    reader: Reader, data: Table, pathways: tuple[Pathway, ...], levels: list[str], cite: Any
) -> tuple[Transition, ...]:
    keys = [p.key for p in pathways]
    found: list[tuple[int, Transition]] = []
    for index, table in enumerate(reader.tables(data, "transitions", ())):
        path: KeyPath = ("transitions", index)
        ends = []
        for end in ("from", "to"):
            name = reader.text(table, end, path)
            if name not in keys:
                reader.note(
                    (*path, end),
                    f"unknown pathway '{name}'",
                    "use one of the [[pathways]] keys: " + ", ".join(keys),
                )
            ends.append(name)
        route = Route(
            choice(
                reader,
                reader.text(table, "route", path),
                [r.value for r in Route],
                (*path, "route"),
                "route",
            )
        )
        decision_name = reader.text(table, "decision", path, None)
        if route is Route.DECISION and decision_name is None:
            raise reader.stop(
                (*path, "decision"),
                "a decision route needs the decision that moves the teacher",
                'add decision = "peer_review_passed" (or another recorded decision)',
            )
        decision = None
        if decision_name is not None:
            decision = DecisionKind(
                choice(
                    reader,
                    decision_name,
                    [k.value for k in DecisionKind],
                    (*path, "decision"),
                    "decision",
                )
            )
        runs = []
        for run_index, run in enumerate(reader.tables(table, "any_of", path)):
            run_path: KeyPath = (*path, "any_of", run_index)
            level = reader.text(run, "at_least", run_path)
            if level not in levels:
                reader.note(
                    (*run_path, "at_least"),
                    f"rating level '{level}' has no mapping in [ratings] levels",
                    "use one of: " + ", ".join(levels),
                )
            runs.append(RatingRun(level, reader.integer(run, "consecutive", run_path, 1)))
        if route is Route.RATINGS and not runs:
            raise reader.stop(
                (*path, "any_of"),
                "a ratings route needs at least one run of ratings",
                'add any_of = [{ at_least = "effective", consecutive = 2 }]',
            )
        requires = reader.table(table, "requires", path, required=False)
        found.append(
            (
                index,
                Transition(
                    key=reader.text(table, "key", path, f"{ends[0]}-to-{ends[1]}"),
                    from_pathway=ends[0],
                    to_pathway=ends[1],
                    route=route,
                    to_interval=reader.integer(table, "to_interval", path, 1),
                    certificate_any=tuple(reader.texts(table, "certificate_any", path)),
                    decision=decision,
                    any_of=tuple(runs),
                    requires=_requirements(reader, requires, levels, (*path, "requires")),
                    source=cite(table, path),
                ),
            )
        )
    order = _topological(reader, found, keys)
    return tuple(t for _, t in sorted(found, key=lambda item: order.get(item[1].from_pathway, 0)))


def _topological(
    reader: Reader, found: list[tuple[int, Transition]], keys: list[str]
) -> dict[str, int]:
    """Pathway order such that every transition goes forward; notes any cycle."""
    edges: dict[str, list[tuple[str, int]]] = {k: [] for k in keys}
    for index, t in found:
        if t.from_pathway in edges:
            edges[t.from_pathway].append((t.to_pathway, index))
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target, index in edges.get(node, []):
            if state.get(target) == 1:
                cycle = " → ".join([*trail[trail.index(target) :], node, target])
                reader.note(
                    ("transitions", index, "to"),
                    f"a cycle in transitions: {cycle}",
                    "pathways must only move forward; remove or redirect this transition",
                )
            elif target in edges and target not in state:
                visit(target, [*trail, node])
        state[node] = 2
        order.append(node)

    for key in keys:
        if key not in state:
            visit(key, [])
    return {key: -position for position, key in enumerate(order)}


def _ledger(reader: Reader, data: Table, ratings: Ratings, cite: Any) -> Ledger:
    table = reader.table(data, "ledger", ())
    path: KeyPath = ("ledger",)
    per_rating = reader.table(table, "units_per_rating", path)
    for level, units in per_rating.items():
        if level not in ratings.levels:
            reader.note(
                (*path, "units_per_rating", level),
                f"'{level}' is not a rating level",
                "use one of: " + ", ".join(ratings.levels),
            )
        if not isinstance(units, int) or isinstance(units, bool) or units < 0:
            reader.note(
                (*path, "units_per_rating", level), "units must be a whole number ≥ 0", "e.g. 9"
            )
    for v_index, vocab in enumerate(ratings.vocabularies):
        for label, level in vocab.labels:
            if level in ratings.levels and level not in per_rating:
                reader.note(
                    ("ratings", "vocabulary", v_index, "labels", label),
                    f"rating label '{label}' (level '{level}') has no mapping in "
                    "[ledger.units_per_rating]",
                    f"add {level} = <units> under [ledger.units_per_rating]",
                )
    per_interval = reader.integer(table, "units_per_interval", path)
    if per_interval <= 0:
        reader.note((*path, "units_per_interval"), "must be more than 0", "e.g. 12")
    return Ledger(
        units_per_interval=per_interval,
        bank_remainder=reader.boolean(table, "bank_remainder", path, True),
        units_per_rating=tuple(
            (str(k), int(v)) for k, v in per_rating.items() if isinstance(v, int)
        ),
        units_per_credit=reader.integer(table, "units_per_credit", path, 0),
        pd_hours_per_unit=max(reader.integer(table, "pd_hours_per_unit", path, 0), 0),
        credit_window_days=reader.integer(table, "credit_window_days", path, None),
        credit_window_from=reader.day(table, "credit_window_from", path, None),
        accomplishment_kinds=tuple(reader.texts(table, "accomplishment_kinds", path)),
        source=cite(table, path),
        **claim_maxima(reader, table, path),
    )


CLAIM_MAXIMA = {
    "max_credits_per_claim": 30,
    "max_pd_hours_per_claim": 200,
    "max_project_units_per_claim": 24,
}


def claim_maxima(reader: Reader, table: Table, path: KeyPath) -> dict[str, int]:
    """The policy's plausible maxima for one claim (the defaults where it names none)."""
    found = {}
    for key, default in CLAIM_MAXIMA.items():
        value = reader.integer(table, key, path, default)
        if value <= 0:
            reader.note((*path, key), "must be more than 0", f"e.g. {key} = {default}")
            value = default
        found[key] = value
    return found


def transitions_in_file_order(data: Table, transitions: tuple[Transition, ...]) -> list[Transition]:
    """The transitions as listed in the file (``Policy.transitions`` is in pathway order)."""
    keys = [t.get("key") for t in data.get("transitions", []) if isinstance(t, dict)]
    by_key = {t.key: t for t in transitions}
    if len(by_key) == len(transitions) == len(keys) and all(k in by_key for k in keys):
        return [by_key[str(k)] for k in keys]
    return list(transitions)
