"""Benchmark: recompute standings and export payroll, on the demo district and at 100,000.

    .venv/bin/python bench/standings.py                    # the demo district (1,100 teachers)
    .venv/bin/python bench/standings.py --teachers 100000  # and 100,000 generated teachers
    scripts/with-postgres.sh .venv/bin/python bench/standings.py --teachers 100000

Each part runs in a child process on an empty SQLite database in a temporary directory (or on
DATABASE_URL's database). Figures (wall seconds):

- demo: `lattice demo` (people, pathways, roles), then the one writer
  (`recompute_standings`) over every teacher when nothing changed (the nightly run on a quiet
  day: every teacher placed again, only the date rewritten), and from scratch (every row
  written, history and audit entries included); payroll export (CSV) for today; reconcile.
- large: a district of N teachers generated straight into the tables (three school years of
  ratings, degrees with dates, certificates, assignments; no demo simulation), adopted under a
  district copy of baltimore-2010 (the preview places everyone first), every standing computed
  through the one writer, then again with nothing changed, then the payroll export and
  reconcile (payroll against My path for every teacher).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _timed(figures: dict[str, Any], name: str, fn: Any) -> Any:
    started = time.perf_counter()
    result = fn()
    figures[name] = round(time.perf_counter() - started, 2)
    print(f"  {name}: {figures[name]} s", file=sys.stderr, flush=True)
    return result


def demo_part() -> dict[str, Any]:
    _django()
    from lattice.demo.generator import DemoSpec
    from lattice.demo.load import demo_exists, load_demo, reset_demo
    from lattice.pathways.actions import export_payroll, recompute_standings
    from lattice.pathways.models import Standing
    from lattice.pathways.reconcile import reconcile
    from lattice.people.models import District
    from lattice.people.queries import today

    if demo_exists():
        reset_demo()
    figures: dict[str, Any] = {"part": "demo"}
    _timed(figures, "demo_load_s", lambda: load_demo(DemoSpec()))
    district = District.objects.get(key="maplewood")
    figures["teachers"] = Standing.objects.filter(district=district).count()
    _timed(
        figures,
        "recompute_unchanged_s",
        lambda: recompute_standings(district, reason="benchmark: nothing changed"),
    )
    # Benchmark only: drop the stored rows so the writer computes and writes every one.
    Standing.objects.filter(district=district).delete()
    report = _timed(
        figures,
        "recompute_from_scratch_s",
        lambda: recompute_standings(district, reason="benchmark: from scratch"),
    )
    figures["written"] = report.created
    data = _timed(
        figures,
        "payroll_csv_s",
        lambda: export_payroll(None, district, effective_date=today(), file_format="csv")[1],
    )
    figures["payroll_bytes"] = len(data)
    differences = _timed(figures, "reconcile_s", lambda: reconcile(district))
    figures["differences"] = len(differences)
    return figures


def _generate(teachers: int, seed: int = 1) -> Any:
    """A district of ``teachers`` teachers, written straight into the tables."""
    import datetime as dt
    from decimal import Decimal

    from lattice.people import actions
    from lattice.people.actions import Rows
    from lattice.people.models import (
        Assignment,
        Certificate,
        Degree,
        RatingRecord,
        School,
        SchoolYearProfile,
        StaffMember,
    )
    from lattice.people.queries import today
    from lattice.rules.records import school_year_of

    rng = random.Random(seed)
    labels = ["Ineffective", "Developing", "Effective", "Highly Effective"]
    district = actions.create_district(
        None, key="bench", name="Benchmark District", rating_labels=labels
    )
    now_year = school_year_of(today())
    years = []
    for y in range(now_year - 2, now_year + 1):
        years.append(
            actions.add_school_year(
                None,
                district,
                label=f"{y}-{(y + 1) % 100:02d}",
                start=dt.date(y, 7, 1),
                end=dt.date(y + 1, 6, 30),
            )
        )
    schools = []
    for n in range(max(teachers // 80, 1)):
        school = School.objects.create(district=district, key=f"s{n}", name=f"School {n:04d}")
        schools.append(school)
    SchoolYearProfile.objects.bulk_create(
        [
            SchoolYearProfile(school=s, school_year=y, level="elementary",
                              frl_share=Decimal(rng.randrange(10, 95)) / 100)
            for s in schools for y in years
        ]
    )  # fmt: skip
    people = [
        StaffMember(
            district=district, employee_id=f"B{n:07d}", given_name="Teacher",
            family_name=f"Number {n:07d}",
            hire_date=dt.date(now_year - rng.randrange(0, 30), 8, 15),
            prior_years_experience=Decimal(rng.choice([0, 0, 1, 2, 3, 5])),
        )
        for n in range(teachers)
    ]  # fmt: skip
    StaffMember.objects.bulk_create(people, batch_size=2000)
    ids = list(
        StaffMember.objects.filter(district=district).order_by("pk").values_list("pk", flat=True)
    )
    ratings, degrees, certificates, assignments = [], [], [], []
    for pk in ids:
        school = rng.choice(schools)
        for year in years:
            assignments.append(
                (pk, school.pk, year.pk, "teacher", "Teacher", "", "", Decimal("1.00"),
                 year.start, year.end, "")
            )  # fmt: skip
        for year in years[:-1]:
            ratings.append((pk, year.pk, rng.choices(labels, (2, 8, 60, 30))[0]))
        level = "masters" if rng.random() < 0.45 else "bachelors"
        degrees.append((pk, level, "Education", dt.date(now_year - rng.randrange(2, 30), 5, 30)))
        if rng.random() < 0.7:
            certificates.append(
                (pk, "Standard Professional Certificate", "", dt.date(now_year - 5, 7, 1), None)
            )
    actions.bulk_load(
        None,
        action="bench.generate",
        summary=f"benchmark district of {teachers:,} teachers",
        steps=[
            Rows(Assignment, ("staff_member_id", "school_id", "school_year_id", "position",
                              "title", "subject", "grades", "fte", "begin_date", "end_date",
                              "sourced_id"), assignments),
            Rows(RatingRecord, ("staff_member_id", "school_year_id", "label"), ratings),
            Rows(Degree, ("staff_member_id", "level", "field", "conferred_on"), degrees),
            Rows(Certificate, ("staff_member_id", "kind", "number", "issued", "expires"),
                 certificates),
        ],
    )  # fmt: skip
    return district, years[0].start


def large_part(teachers: int) -> dict[str, Any]:
    _django()
    from lattice.pathways.actions import adopt_policy, export_payroll, recompute_standings
    from lattice.pathways.policies import district_copy, shipped_text
    from lattice.pathways.reconcile import reconcile
    from lattice.people.queries import today

    figures: dict[str, Any] = {"part": "large", "teachers": teachers}
    district, start = _timed(figures, "generate_s", lambda: _generate(teachers))
    text = district_copy(shipped_text("baltimore-2010.toml"), start, district.name)
    _timed(
        figures,
        "preview_and_adopt_s",
        lambda: adopt_policy(
            None, district, toml_text=text, effective_from=start, origin="benchmark"
        ),
    )
    report = _timed(
        figures,
        "recompute_all_s",
        lambda: recompute_standings(district, reason="benchmark: every standing"),
    )
    figures["written"] = report.created + report.changed
    figures["placed"] = report.placed
    again = _timed(
        figures,
        "recompute_unchanged_s",
        lambda: recompute_standings(district, reason="benchmark: nothing changed"),
    )
    figures["unchanged"] = again.unchanged
    data = _timed(
        figures,
        "payroll_csv_s",
        lambda: export_payroll(None, district, effective_date=today(), file_format="csv")[1],
    )
    figures["payroll_bytes"] = len(data)
    differences = _timed(figures, "reconcile_s", lambda: reconcile(district))
    figures["differences"] = len(differences)
    return figures


def _child(args: list[str]) -> dict[str, Any]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as var:
        if "DATABASE_URL" not in env:
            env["LATTICE_VAR_DIR"] = var
        output = subprocess.run(
            [sys.executable, __file__, *args], env=env, check=True, stdout=subprocess.PIPE,
            text=True,
        ).stdout  # fmt: skip
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teachers", type=int, default=0, help="also a district this large")
    parser.add_argument("--part", choices=["demo", "large"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part == "demo":
        print(json.dumps(demo_part()))
        return
    if args.part == "large":
        print(json.dumps(large_part(args.teachers)))
        return
    print("== the demo district", file=sys.stderr)
    print(json.dumps(_child(["--part", "demo"])))
    if args.teachers:
        print(f"== a district of {args.teachers:,} teachers", file=sys.stderr)
        print(json.dumps(_child(["--part", "large", "--teachers", str(args.teachers)])))


if __name__ == "__main__":
    main()
