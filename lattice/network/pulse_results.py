"""What the trust pulse shows: per school and for the district, per statement, the mean (1-5)
and the share who agree, only from closed rounds and only where at least ten answered; and a
school's trend over rounds beside its leadership activity (teacher leaders holding a role at
the school that year), drawn as an SVG line chart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from lattice.network.models import PulseResponse, PulseRound
from lattice.network.models.pulse import MIN_RESPONSES, QUESTIONS
from lattice.people.models import District, School, SchoolYear
from lattice.roles.models import AssignmentStatus, RoleAssignment

LABELS = dict(QUESTIONS)


@dataclass(frozen=True)
class Line:
    key: str
    statement: str
    mean: float
    agree_percent: int


@dataclass(frozen=True)
class Result:
    """One school's (or the district's) answers to a round; ``lines`` empty when too few."""

    label: str
    responses: int
    lines: tuple[Line, ...]

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_RESPONSES

    @property
    def overall(self) -> float | None:
        return round(sum(x.mean for x in self.lines) / len(self.lines), 2) if self.lines else None


def _result(label: str, keys: list[str], answers: list[dict[str, int]]) -> Result:
    if len(answers) < MIN_RESPONSES:
        return Result(label, len(answers), ())
    lines = []
    for key in keys:
        values = [a[key] for a in answers if key in a]
        if not values:
            continue
        agree = sum(1 for v in values if v >= 4)
        lines.append(
            Line(
                key,
                LABELS.get(key, key),
                round(sum(values) / len(values), 2),
                round(100 * agree / len(values)),
            )
        )
    return Result(label, len(answers), tuple(lines))


def round_results(pulse: PulseRound) -> tuple[Result, list[tuple[School | None, Result]]]:
    """The district's result and each school's (schools with fewer than ten show only that
    they had fewer). Nothing before the round closes."""
    if not pulse.closed:
        return Result(pulse.district.name, 0, ()), []
    by_school: dict[int | None, list[dict[str, int]]] = defaultdict(list)
    for school_id, answers in PulseResponse.objects.filter(round=pulse).values_list(
        "school_id", "answers"
    ):
        by_school[school_id].append(answers)
    everyone = [a for rows in by_school.values() for a in rows]
    schools = {s.pk: s for s in School.objects.filter(pk__in=[k for k in by_school if k])}
    rows: list[tuple[School | None, Result]] = [
        (schools[pk], _result(schools[pk].name, pulse.questions, answers))
        for pk, answers in sorted(
            by_school.items(), key=lambda kv: schools[kv[0]].name if kv[0] else "~"
        )
        if pk is not None
    ]
    if None in by_school:
        rows.append((None, _result("Other schools (pooled)", pulse.questions, by_school[None])))
    return _result(pulse.district.name, pulse.questions, everyone), rows


@dataclass(frozen=True)
class Point:
    round_title: str
    x: float
    y: float | None
    overall: float | None
    responses: int
    leaders: int


WIDTH, HEIGHT, LEFT, RIGHT, TOP, PLOT_H = 560, 220, 110, 470, 16, 150


def trend(district: District, school: School | None) -> list[Point]:
    """The school's (or, with None, the district's) overall mean in each closed round, beside
    the number of teacher leaders in a role at the school that year."""
    rounds = list(PulseRound.objects.filter(district=district, closed=True).order_by("opens_on"))
    school_years = list(SchoolYear.objects.filter(district=district).order_by("start"))
    answers: dict[int, list[dict[str, int]]] = defaultdict(list)
    rows = PulseResponse.objects.filter(round__in=rounds)
    if school is not None:
        rows = rows.filter(school=school)
    for round_id, given in rows.values_list("round_id", "answers"):
        answers[round_id].append(given)
    years = {pulse.pk: _year_of(school_years, pulse.opens_on) for pulse in rounds}
    holders = RoleAssignment.objects.filter(
        role__district=district,
        status=AssignmentStatus.ACTIVE,
        school_year__in=[y for y in years.values() if y is not None],
    )
    if school is not None:
        holders = holders.filter(school=school)
    leaders = dict(
        holders.values("school_year").annotate(n=Count("staff_member", distinct=True))
        .values_list("school_year", "n")
    )  # fmt: skip
    step = (RIGHT - LEFT) / max(len(rounds) - 1, 1)
    points = []
    for i, pulse in enumerate(rounds):
        result = _result("", pulse.questions, answers[pulse.pk])
        year = years[pulse.pk]
        overall = result.overall
        y = TOP + PLOT_H * (5 - overall) / 4 if overall is not None else None
        points.append(
            Point(pulse.title, x_at(i, step, len(rounds)), round(y, 1) if y is not None else None,
                  overall, result.responses, leaders.get(year.pk, 0) if year else 0)
        )  # fmt: skip
    return points


def _year_of(years: list[SchoolYear], on: dt.date) -> SchoolYear | None:
    """The school year of ``on``, chosen as :func:`lattice.people.queries.current_school_year`
    chooses it (containing it; else the latest started before; else the first), from years
    read once for every round."""
    started = [y for y in years if y.start <= on]
    containing = [y for y in started if on <= y.end]
    if containing or started:
        return (containing or started)[-1]
    return years[0] if years else None


def x_at(i: int, step: float, n: int) -> float:
    """Where round ``i`` of ``n`` sits across the chart (one round: in the middle)."""
    return round(LEFT + i * step if n > 1 else (LEFT + RIGHT) / 2, 1)


def polyline(points: list[Point]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points if p.y is not None)


def grid() -> list[tuple[int, float]]:
    """The chart's horizontal lines: each point of the 1-5 scale and its height."""
    return [(v, round(TOP + PLOT_H * (5 - v) / 4, 1)) for v in (1, 2, 3, 4, 5)]
