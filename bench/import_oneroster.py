"""Benchmark: import a large OneRoster 1.2 package, twice, into SQLite (and PostgreSQL).

    .venv/bin/python bench/import_oneroster.py                       # SQLite
    scripts/with-postgres.sh .venv/bin/python bench/import_oneroster.py   # SQLite + PostgreSQL

Generates 100,000 staff across 1,000 schools plus 1,000,000 students (who must be skipped),
then, for each database, runs a child process that migrates an empty database, imports the
package, and imports it again. Prints seconds, peak memory (maxrss of the child) and the
second import's counts. Targets (issue 3): ≤ 30 s per import, ≤ 1 GB peak, second import
unchanged.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAFF = int(os.environ.get("BENCH_STAFF", 100_000))
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", 1_000))
STUDENTS = int(os.environ.get("BENCH_STUDENTS", 1_000_000))
LIMIT_SECONDS = 30
LIMIT_MB = 1024


def generate(folder: Path) -> None:
    from lattice.imports.columns import ROLES_12, SESSIONS_12, USERS_12

    def writer(name: str, header: list[str]):  # type: ignore[no-untyped-def]
        handle = (folder / name).open("w", encoding="utf-8", newline="")
        out = csv.writer(handle)
        out.writerow(header)
        return handle, out

    handle, out = writer("manifest.csv", ["propertyName", "value"])
    for row in (
        ("manifest.version", "1.0"),
        ("oneroster.version", "1.2"),
        ("file.users", "bulk"),
        ("file.roles", "bulk"),
        ("file.orgs", "bulk"),
        ("file.academicSessions", "bulk"),
        ("file.enrollments", "absent"),
    ):
        out.writerow(row)
    handle.close()
    handle, out = writer(
        "orgs.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "name",
            "type",
            "identifier",
            "parentSourcedId",
        ],
    )
    out.writerow(["d-bench", "", "", "Bench County Schools", "district", "bench", ""])
    for n in range(SCHOOLS):
        out.writerow([f"sch-{n}", "", "", f"School {n}", "school", f"s{n}", "d-bench"])
    handle.close()
    handle, out = writer("academicSessions.csv", SESSIONS_12)
    out.writerow(
        ["sy-2025", "", "", "2024-25", "schoolYear", "2024-07-01", "2025-06-30", "", "2025"]
    )
    out.writerow(
        ["sy-2026", "", "", "2025-26", "schoolYear", "2025-07-01", "2026-06-30", "", "2026"]
    )
    handle.close()
    users_handle, users = writer("users.csv", USERS_12)
    roles_handle, roles = writer("roles.csv", ROLES_12)
    blank_user = [""] * len(USERS_12)
    ratio = max(1, STUDENTS // max(STAFF, 1))
    student = 0
    positions = ["teacher"] * 8 + ["aide", "counselor"]
    for n in range(STAFF):
        row = list(blank_user)
        row[0], row[3], row[4] = f"u-{n}", "true", f"staff{n}"
        row[6], row[7], row[9] = f"Given{n}", f"Family{n}", f"E{n:06d}"
        row[10] = f"staff{n}@bench.example.org"
        users.writerow(row)
        roles.writerow(
            [
                f"r-{n}",
                "",
                "",
                f"u-{n}",
                "primary",
                positions[n % 10],
                "2025-08-20",
                "",
                f"sch-{n % SCHOOLS}",
                "",
            ]
        )
        for _ in range(ratio):
            if student >= STUDENTS:
                break
            row = list(blank_user)
            row[0], row[3], row[4] = f"stu-{student}", "true", f"kid{student}"
            row[6], row[7], row[9] = f"Kid{student}", f"Pupil{student}", f"S{student}"
            row[14] = str(student % 12 + 1)
            users.writerow(row)
            roles.writerow(
                [
                    f"rs-{student}",
                    "",
                    "",
                    f"stu-{student}",
                    "primary",
                    "student",
                    "",
                    "",
                    f"sch-{student % SCHOOLS}",
                    "",
                ]
            )
            student += 1
    while student < STUDENTS:
        row = list(blank_user)
        row[0], row[3], row[6], row[7] = f"stu-{student}", "true", "Kid", "Pupil"
        users.writerow(row)
        roles.writerow(
            [
                f"rs-{student}",
                "",
                "",
                f"stu-{student}",
                "primary",
                "student",
                "",
                "",
                f"sch-{student % SCHOOLS}",
                "",
            ]
        )
        student += 1
    users_handle.close()
    roles_handle.close()


def child(folder: str) -> None:
    """Migrate an empty database, import twice, print one JSON line of figures."""
    import datetime as dt

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from lattice.imports import actions
    from lattice.imports.service import prepare_oneroster

    call_command("migrate", verbosity=0)

    def counts() -> dict[str, int]:
        return {
            m._meta.db_table: m._default_manager.count()
            for m in apps.get_models()
            if m._meta.managed
            and not m._meta.db_table.startswith(("imports_importrun", "django_tasks"))
        }

    results = []
    for attempt in (1, 2):
        from lattice.people.models import District

        district = District.objects.filter(key="bench").first()
        cpu_started = time.process_time()
        started = time.perf_counter()
        plan = prepare_oneroster(folder, district, today=dt.date(2025, 10, 1))
        parsed = time.perf_counter()
        if plan.errors:
            print(json.dumps({"errors": [str(e) for e in plan.errors][:5]}))
            sys.exit(1)
        before = counts()
        run = actions.create_run(
            None, kind="oneroster", district=plan.district, origin="cli", file_names=plan.files
        )
        actions.apply_plan(None, plan, run)
        finished = time.perf_counter()
        after = counts()
        results.append(
            {
                "attempt": attempt,
                "seconds": round(finished - started, 1),
                "cpu_seconds": round(time.process_time() - cpu_started, 1),
                "load_average": round(os.getloadavg()[0], 1),
                "read_and_plan_seconds": round(parsed - started, 1),
                "write_seconds": round(finished - parsed, 1),
                "tables": plan.counts()["tables"],
                "not_stored": plan.counts()["counted_not_stored"],
                "rows_written": {t: after[t] - before[t] for t in after if after[t] != before[t]},
                "has_changes": plan.has_changes,
            }
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"vendor": connection.vendor, "peak_mb": round(peak_mb), "results": results},
            default=str,
        )
    )


def run_child(folder: Path, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    import secrets

    # DEBUG stays off (it would keep every query in memory); a throwaway key satisfies settings.
    env = {**env, "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(40)}
    env.pop("DEBUG", None)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, file=sys.stderr)
        raise SystemExit(f"benchmark child failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(figures: dict) -> bool:  # type: ignore[type-arg]
    ok = figures["peak_mb"] <= LIMIT_MB
    print(f"\n== {figures['vendor']}: peak memory {figures['peak_mb']} MB (limit {LIMIT_MB} MB)")
    for result in figures["results"]:
        staff = result["tables"]["staff"]
        assignments = result["tables"]["assignments"]
        print(
            f"  import {result['attempt']}: {result['seconds']} s wall, "
            f"{result['cpu_seconds']} s CPU in Python (load average {result['load_average']} "
            f"on {os.cpu_count()} cores) "
            f"(read+plan {result['read_and_plan_seconds']} s, write "
            f"{result['write_seconds']} s); staff {staff}; assignments {assignments}; "
            f"not stored {result['not_stored']}"
        )
        print(f"    rows written: {result['rows_written'] or 'none'}")
        ok = ok and result["seconds"] <= LIMIT_SECONDS
    second = figures["results"][1]
    unchanged = not second["has_changes"] and not second["rows_written"]
    print(f"  second import unchanged and wrote nothing: {unchanged}")
    return ok and unchanged


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="lattice-bench-") as tmp:
        folder = Path(tmp) / "oneroster"
        folder.mkdir()
        started = time.perf_counter()
        generate(folder)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        print(
            f"generated {STAFF:,} staff, {SCHOOLS:,} schools, {STUDENTS:,} students "
            f"({size:.0f} MB of CSV) in {time.perf_counter() - started:.1f} s"
        )
        ok = True
        sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        sqlite_env["LATTICE_VAR_DIR"] = str(Path(tmp) / "var")
        ok = report(run_child(folder, sqlite_env)) and ok
        if os.environ.get("DATABASE_URL"):
            ok = report(run_child(folder, dict(os.environ))) and ok
        else:
            print("\n(PostgreSQL skipped: run under scripts/with-postgres.sh to include it)")
        print("\nall targets met" if ok else "\nTARGET MISSED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
