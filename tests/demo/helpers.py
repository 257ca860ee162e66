"""Helpers for the demo-generator tests: a small demo network, and rows built in memory."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from django.db import models

from lattice.demo.generator import DemoSpec, generate
from lattice.people.actions import Rows, SetValues

TODAY = dt.date(2026, 11, 23)
# People only: each app's own demo content is tested in that app's tests.
SMALL = DemoSpec(seed=7, teachers=120, years=3, today=TODAY, apps=False)


@dataclass
class InMemory:
    """What the generator made: model instances (with stand-in ids) and plain rows."""

    instances: list[models.Model]
    rows: list[tuple[str, dict[str, Any]]]  # (model name, column values)

    def of(self, model: type[models.Model]) -> list[dict[str, Any]]:
        return [values for name, values in self.rows if name == model.__name__]

    def instances_of(self, model: type[models.Model]) -> list[Any]:
        return [row for row in self.instances if isinstance(row, model)]


def in_memory(spec: DemoSpec) -> InMemory:
    """Run the generator without a database, giving rows stand-in ids as the writer would."""
    ids = itertools.count(1)
    made = InMemory([], [])
    for step in generate(spec):
        if isinstance(step, SetValues):
            continue
        if isinstance(step, Rows):
            made.rows += [
                (step.model.__name__, dict(zip(step.fields, values, strict=True)))
                for values in step.values
            ]
            continue
        for row in step:
            row.pk = next(ids)
        made.instances += step
    return made


def fingerprint(made: InMemory) -> list[tuple[Any, ...]]:
    """The generated values without ids: equal fingerprints mean equal data.

    An account's ``date_joined`` and its authenticator's ``created_at`` are when the demo
    was loaded, not generated data.
    """
    skip = {"id", "date_joined"}
    loaded_at = {"Authenticator": {"created_at"}}
    out: list[tuple[Any, ...]] = []
    for row in made.instances:
        out.append(
            (
                type(row).__name__,
                *(
                    getattr(row, f.attname)
                    for f in row._meta.concrete_fields
                    if f.attname not in skip | loaded_at.get(type(row).__name__, set())
                    and not f.is_relation
                ),
            )
        )
    for name, values in made.rows:
        out.append((name, *(v for k, v in values.items() if not k.endswith("_id"))))
    return out
