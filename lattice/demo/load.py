"""Loading and resetting the demo network: used by ``lattice demo``, ``manage.py demo``,
``lattice run``, the tests and the benchmarks.

Loading is idempotent: when a demo district exists, nothing is written. All rows go in
through :func:`lattice.people.actions.bulk_load`, one transaction with one
``demo.network.generate`` audit entry holding the row counts (generated rows get no per-row
audit entries).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lattice.demo.generator import (
    DEMO_DISTRICT_KEYS,
    NETWORK_KEY,
    DemoSpec,
    GenerationResult,
    current_school_year_start,
    generate,
)
from lattice.demo.notices import give_office_notices
from lattice.demo.personas import USERNAMES
from lattice.lib.actors import Actor
from lattice.notifications.send import without_email
from lattice.people import actions, demo_content
from lattice.people.models import District, SchoolYear


class DemoExists(RuntimeError):
    """The demo districts are already in the database."""


@dataclass
class LoadReport:
    spec: DemoSpec
    counts: dict[str, int]
    seconds: float
    result: GenerationResult = field(default_factory=GenerationResult)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def demo_exists() -> bool:
    return District.objects.filter(key__in=DEMO_DISTRICT_KEYS).exists()


def load_demo(
    spec: DemoSpec, *, actor: Actor = None, progress: Callable[[str], Any] | None = None
) -> LoadReport:
    """Generate the demo network into the database; raises DemoExists if it is there.

    ``progress`` gets a line per school year (large districts take minutes)."""
    if demo_exists():
        raise DemoExists(
            "The demo districts already exist; nothing was changed. "
            "Use `lattice demo --reset` to replace them."
        )
    result = GenerationResult()
    started = time.perf_counter()
    first = current_school_year_start(spec.today) - spec.years + 1
    districts = list(DEMO_DISTRICT_KEYS if spec.second_district else DEMO_DISTRICT_KEYS[:1])
    counts = actions.bulk_load(
        actor,
        action="demo.network.generate",
        steps=generate(spec, result, progress),
        summary=(
            f"Generated the demo network: seed {spec.seed}, {spec.teachers:,} teachers, "
            f"{spec.years} school years"
        ),
        details={
            "seed": spec.seed,
            "teachers": spec.teachers,
            "years": spec.years,
            "schools": spec.schools,
            "districts": districts,
            "school_years": [SchoolYear.label_for(first + i) for i in range(spec.years)],
        },
    )
    if spec.apps:
        counts.update(add_app_content(spec, actor=actor, progress=progress))
        counts["forecasts.office_notices"] = give_office_notices(spec.today)
    return LoadReport(
        spec=spec, counts=counts, seconds=time.perf_counter() - started, result=result
    )


def add_app_content(
    spec: DemoSpec, *, actor: Actor = None, progress: Callable[[str], Any] | None = None
) -> dict[str, int]:
    """Run each app's registered demo content (``lattice.people.demo_content``) on the main
    district, in order; returns counts per app."""
    district = District.objects.get(key=DEMO_DISTRICT_KEYS[0])
    counts: dict[str, int] = {}
    for content in demo_content.in_order():
        if progress:
            progress(f"Adding the {content.app} demo to {district.name}…")
        with without_email():  # the demo's people are invented: notices stay in the app
            report = content.populate(district, spec.seed, actor=actor)
        app = content.app
        for key, value in report.items():
            if isinstance(value, int):
                counts[f"{app}.{key}"] = value
    return counts


def reset_demo(*, actor: Actor = None) -> dict[str, int]:
    """Remove the demo districts, network and log-ins (see ``actions.delete_demo_data``)."""
    return actions.delete_demo_data(
        actor,
        action="demo.network.remove",
        network_key=NETWORK_KEY,
        district_keys=DEMO_DISTRICT_KEYS,
        usernames=USERNAMES,
    )
