"""Comparisons across a network's districts: aggregates only, each district sharing what
it chose, every count of people under 10 suppressed with its complements
(:mod:`lattice.lib.suppression`).

Figures come from the apps that own them, through their public reads: teachers and role
holders from the roles app (``teaching_staff_by_school``, ``active_role_assignments``, the
district's role settings and ``costing.system_cost``), pathway standings from the pathways app
(``standings_for``). Nothing here returns a person; a district that does not share a measure
shows "not shared", never zero.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from lattice.lib.suppression import SMALL_NUMBER, Suppressed, is_small, suppress_table
from lattice.lib.tabular import csv_bytes
from lattice.network.models import Measure, SharingChoice
from lattice.pathways.queries import standings_for
from lattice.people.models import Assignment, District, Network, SchoolYear
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year
from lattice.roles import costing
from lattice.roles.models import RoleAssignment, RoleType
from lattice.roles.queries import active_role_assignments, settings_for, teaching_staff_by_school


@dataclass
class DistrictFigures:
    """One district's raw aggregates (counts of people, dollars); never shown unsuppressed."""

    district: District
    year_label: str
    shared: frozenset[str]
    teachers: int = 0
    holders: int = 0
    target_percent: Decimal = Decimal(0)
    cost: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_pathway: Counter[str] = field(default_factory=Counter)
    leaders_last_year: int = 0
    leaders_retained: int = 0


@dataclass(frozen=True)
class Rate:
    """A shared rate for one district: its value, or why it is not shown."""

    district: str
    value: Decimal | None
    why_not: str = ""
    target: Decimal | None = None


@dataclass(frozen=True)
class Distribution:
    """A shared table (districts x categories) after suppression; rows of unshared
    districts are left out and named in ``not_shared``."""

    columns: tuple[str, ...]
    districts: tuple[str, ...]
    table: Suppressed
    not_shared: tuple[str, ...]

    def rows(self) -> list[tuple[str, list[int | None], int | None]]:
        """Each sharing district's cells and total as shown: None where suppressed."""
        t = self.table
        return [
            (
                name,
                [t.shown(i, j) for j in range(len(self.columns))],
                None if t.row_total_hidden[i] else t.row_totals[i],
            )
            for i, name in enumerate(self.districts)
        ]

    def labelled_rows(self) -> list[tuple[str, list[tuple[str, int | None]]]]:
        """Each sharing district's cells as (column, shown) pairs, its total last: for a
        table that turns into one card per district on a phone, each value named."""
        return [
            (name, [*zip(self.columns, cells, strict=True), ("Total", total)])
            for name, cells, total in self.rows()
        ]


@dataclass(frozen=True)
class Comparison:
    network: Network
    districts: tuple[str, ...]
    leaders_per_100: tuple[Rate, ...]
    coverage: tuple[Rate, ...]
    cost_per_teacher: tuple[Rate, ...]
    retention: tuple[Rate, ...]
    role_types: Distribution
    pathways: Distribution


def shared_measures(network: Network, district: District) -> frozenset[str]:
    return frozenset(
        SharingChoice.objects.filter(network=network, district=district, shared=True).values_list(
            "measure", flat=True
        )
    )


def _previous_year(district: District, year: SchoolYear) -> SchoolYear | None:
    return (
        SchoolYear.objects.filter(district=district, start__lt=year.start)
        .order_by("-start")
        .first()
    )


def figures(network: Network, district: District, on: dt.date) -> DistrictFigures:
    """The district's aggregates for the school year in force ``on`` (a few queries)."""
    year = current_school_year(district, on)
    out = DistrictFigures(district, year.label if year else "", shared_measures(network, district))
    if year is None or not out.shared:
        return out
    teachers = set().union(*teaching_staff_by_school(district, year).values())
    out.teachers = len(teachers)
    holders: set[int] = set()
    supplements = extra_days = 0
    release = Decimal(0)
    for a in active_role_assignments(district, year).values(
        "staff_member_id", "role_type", "release_fte", "stipend_dollars", "extra_days"
    ):
        if a["staff_member_id"] in teachers and a["staff_member_id"] not in holders:
            out.by_type[a["role_type"]] += 1
        holders.add(a["staff_member_id"])
        supplements += a["stipend_dollars"]
        release += a["release_fte"]
        extra_days += a["extra_days"]
    out.holders = len(holders & teachers)
    conf = settings_for(district)
    out.target_percent = Decimal(conf.target_share_percent)
    out.cost = costing.system_cost(
        supplements=supplements,
        coverage_fte=release,
        extra_days=extra_days,
        coverage_fte_cost=conf.coverage_fte_cost,
        extra_day_cost=conf.extra_day_cost,
    ).total
    if Measure.PATHWAYS in out.shared:
        for read in standings_for(district, on, include_missing=False, light=True).values():
            if read.placed and read.staff_id in teachers:
                out.by_pathway[read.standing.pathway_name or read.standing.pathway] += 1
    if Measure.RETENTION in out.shared:
        previous = _previous_year(district, year)
        if previous is not None:
            last = set(
                RoleAssignment.objects.filter(role__district=district, school_year=previous)
                .values_list("staff_member_id", flat=True)
                .distinct()
            )
            still = set(
                Assignment.objects.filter(
                    staff_member_id__in=last,
                    school_year=year,
                    position__in=list(TEACHING_POSITIONS),
                    staff_member__active=True,
                ).values_list("staff_member_id", flat=True)
            )
            out.leaders_last_year, out.leaders_retained = len(last), len(still)
    return out


def _rate(
    f: DistrictFigures,
    measure: str,
    numerator: int,
    denominator: int,
    scale: int,
    target: Decimal | None = None,
) -> Rate:
    name = f.district.name
    if measure not in f.shared:
        return Rate(name, None, "not shared")
    if not denominator:
        return Rate(name, None, "no data")
    if is_small(numerator) or is_small(denominator):
        return Rate(name, None, f"fewer than {SMALL_NUMBER} people")
    value = (Decimal(numerator) * scale / denominator).quantize(Decimal("0.1"))
    return Rate(name, value, target=target)


def _distribution(
    rows: list[DistrictFigures], measure: str, labels: dict[str, str], counts: str
) -> Distribution:
    sharing = [f for f in rows if measure in f.shared]
    keys = sorted({k for f in sharing for k in getattr(f, counts)}, key=lambda k: labels.get(k, k))
    table = suppress_table([[getattr(f, counts)[k] for k in keys] for f in sharing])
    return Distribution(
        columns=tuple(labels.get(k, k) for k in keys),
        districts=tuple(f.district.name for f in sharing),
        table=table,
        not_shared=tuple(f.district.name for f in rows if measure not in f.shared),
    )


def compare(network: Network, on: dt.date) -> Comparison:
    """The network's comparisons on ``on``: every member district, in name order."""
    rows = [figures(network, d, on) for d in network.districts.order_by("name")]
    per_100 = tuple(_rate(f, Measure.LEADERS_PER_100, f.holders, f.teachers, 100) for f in rows)
    coverage = tuple(
        _rate(f, Measure.COVERAGE, f.holders, f.teachers, 100, target=f.target_percent)
        for f in rows
    )
    cost = tuple(
        Rate(f.district.name, None, "not shared")
        if Measure.COST_PER_TEACHER not in f.shared
        else Rate(f.district.name, None, f"fewer than {SMALL_NUMBER} role holders")
        if is_small(f.holders) or is_small(f.teachers)
        else Rate(f.district.name, None, "no data")
        if not f.teachers
        else Rate(f.district.name, Decimal(f.cost / f.teachers).quantize(Decimal("1")))
        for f in rows
    )
    retention = tuple(
        _rate(f, Measure.RETENTION, f.leaders_retained, f.leaders_last_year, 100) for f in rows
    )
    return Comparison(
        network=network,
        districts=tuple(f.district.name for f in rows),
        leaders_per_100=per_100,
        coverage=coverage,
        cost_per_teacher=cost,
        retention=retention,
        role_types=_distribution(rows, Measure.ROLE_TYPES, dict(RoleType.choices), "by_type"),
        pathways=_distribution(rows, Measure.PATHWAYS, {}, "by_pathway"),
    )


def as_csv(comparison: Comparison) -> str:
    """The comparisons as CSV: one line per district and figure, suppressed cells as
    "suppressed", unshared as "not shared" (the same cells the page shows). Written by the
    shared safe writer, so a district named ``=HYPERLINK(...)`` arrives as text."""
    rows: list[list[object]] = []
    for label, rates in (
        (Measure.LEADERS_PER_100.label, comparison.leaders_per_100),
        (Measure.COVERAGE.label + " (% of teachers)", comparison.coverage),
        (Measure.COST_PER_TEACHER.label + " ($)", comparison.cost_per_teacher),
        (Measure.RETENTION.label + " (%)", comparison.retention),
    ):
        for rate in rates:
            rows.append(
                [label, rate.district, "", "" if rate.value is None else rate.value, rate.why_not]
            )
    for label, dist in (
        (Measure.ROLE_TYPES.label, comparison.role_types),
        (Measure.PATHWAYS.label, comparison.pathways),
    ):
        t = dist.table
        for i, district in enumerate(dist.districts):
            for j, column in enumerate(dist.columns):
                shown = t.shown(i, j)
                rows.append(
                    [
                        label,
                        district,
                        column,
                        "" if shown is None else shown,
                        "suppressed" if shown is None else "",
                    ]
                )
            total_hidden = t.row_total_hidden[i]
            rows.append(
                [
                    label,
                    district,
                    "Total",
                    "" if total_hidden else t.row_totals[i],
                    "suppressed" if total_hidden else "",
                ]
            )
        for district in dist.not_shared:
            rows.append([label, district, "", "", "not shared"])
    return csv_bytes(["measure", "district", "category", "value", "note"], rows).decode("utf-8")
