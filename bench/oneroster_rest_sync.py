"""Benchmark: the OneRoster REST sync of 100,000 staff against the local provider, and the CSV
import of the same package, on SQLite (and PostgreSQL).

    .venv/bin/python bench/oneroster_rest_sync.py                          # SQLite
    scripts/with-postgres.sh .venv/bin/python bench/oneroster_rest_sync.py  # SQLite + PostgreSQL

Generates a OneRoster 1.2 package of 100,000 staff across 1,000 schools (BENCH_STAFF,
BENCH_SCHOOLS), serves it with ``lattice.imports.oneroster.provider`` in its own process on
127.0.0.1 (real HTTP, OAuth 2.0 client credentials, pages of 1,000), then for each database,
in fresh child processes: imports the CSV package; and, into another empty database, runs a
full REST sync, a second sync (a delta: nothing modified) and a full re-sync. Prints seconds
and what each wrote; checks both ways give the same rows and the repeats change nothing.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAFF = int(os.environ.get("BENCH_STAFF", 100_000))
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", 1_000))
CLIENT_SECRET = secrets.token_urlsafe(24)


def generate(folder: Path) -> None:
    from lattice.imports.columns import ORGS, ROLES_12, SESSIONS_12, USERS_12

    def write(name: str, header: list[str], rows) -> None:  # type: ignore[no-untyped-def]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)

    write(
        "manifest.csv",
        ["propertyName", "value"],
        [
            ("manifest.version", "1.0"),
            ("oneroster.version", "1.2"),
            ("file.users", "bulk"),
            ("file.roles", "bulk"),
            ("file.orgs", "bulk"),
            ("file.academicSessions", "bulk"),
        ],
    )
    write(
        "orgs.csv",
        ORGS,
        [["d-bench", "", "", "Bench County Schools", "district", "bench", ""]]
        + [
            [f"sch-{n}", "", "", f"School {n}", "school", f"s{n}", "d-bench"]
            for n in range(SCHOOLS)
        ],
    )
    write(
        "academicSessions.csv",
        SESSIONS_12,
        [
            ["sy-2025", "", "", "2024-25", "schoolYear", "2024-07-01", "2025-06-30", "", "2025"],
            ["sy-2026", "", "", "2025-26", "schoolYear", "2025-07-01", "2026-06-30", "", "2026"],
        ],
    )
    blank = [""] * len(USERS_12)
    positions = ["teacher"] * 8 + ["aide", "counselor"]

    def users():  # type: ignore[no-untyped-def]
        for n in range(STAFF):
            row = list(blank)
            row[0], row[3], row[4] = f"u-{n}", "true", f"staff{n}"
            row[6], row[7], row[9] = f"Given{n}", f"Family{n}", f"E{n:06d}"
            row[10] = f"staff{n}@bench.example.org"
            yield row

    write("users.csv", USERS_12, users())
    write(
        "roles.csv",
        ROLES_12,
        (
            [
                "",
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
            for n in range(STAFF)
        ),
    )


PROVIDER = """
import sys, time
from pathlib import Path
import django
django.setup()  # the package's __init__ reads Django models; the provider itself does not
from lattice.imports.oneroster.provider import serve
running = serve(Path(sys.argv[1]), client_id="bench", client_secret=sys.argv[2])
print(running.base_url, flush=True)
while True:
    time.sleep(3600)
"""


def child(mode: str, folder: str, base_url: str) -> None:
    """In a fresh database: the CSV import, or the REST syncs. One JSON line of figures."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from lattice.imports import actions
    from lattice.imports.oneroster.sync import save_connection, sync
    from lattice.imports.service import prepare_oneroster
    from lattice.people import actions as people
    from lattice.people.models import Assignment, School, SchoolYear, StaffMember

    call_command("migrate", verbosity=0)
    district = people.create_district(None, key="bench", name="Bench County Schools")

    def counts() -> dict[str, int]:
        return {
            m._meta.db_table: m._default_manager.count()
            for m in apps.get_models()
            if m._meta.managed
            and not m._meta.db_table.startswith(("imports_", "django_tasks", "audit_"))
        }

    def rows() -> str:
        import hashlib

        digest = hashlib.sha256()
        for values in (
            SchoolYear.objects.order_by("label").values_list("label", "start", "end", "sourced_id"),
            School.objects.order_by("key").values_list("key", "name", "sourced_id"),
            StaffMember.objects.order_by("employee_id").values_list(
                "employee_id", "sourced_id", "given_name", "family_name", "email", "active"
            ),
            Assignment.objects.order_by("staff_member__employee_id", "school__key").values_list(
                "staff_member__employee_id",
                "school__key",
                "school_year__label",
                "position",
                "begin_date",
                "end_date",
            ),
        ):
            for row in values.iterator(chunk_size=5000):
                digest.update(repr(row).encode())
        return digest.hexdigest()[:16]

    results = []
    if mode == "csv":
        started = time.perf_counter()
        plan = prepare_oneroster(folder, district)
        assert not plan.errors, [str(e) for e in plan.errors][:5]
        run = actions.create_run(
            None, kind="oneroster", district=district, origin="cli", file_names=[]
        )
        actions.apply_plan(None, plan, run)
        results.append(
            {
                "step": "CSV import",
                "seconds": round(time.perf_counter() - started, 1),
                "tables": plan.counts()["tables"],
            }
        )
    else:
        connection_row = save_connection(
            None, district, {"base_url": base_url, "client_id": "bench"}, sys.argv[5]
        )
        for step, full in (
            ("REST sync (full)", False),
            ("second sync (delta)", False),
            ("full re-sync", True),
        ):
            before = counts()
            started = time.perf_counter()
            run = sync(connection_row.pk, full=full)
            seconds = time.perf_counter() - started
            after = counts()
            results.append(
                {
                    "step": step,
                    "seconds": round(seconds, 1),
                    "status": run.status,
                    "message": run.message,
                    "mode": run.mode,
                    "rows_written": {
                        t: after[t] - before[t] for t in after if after[t] != before[t]
                    },
                    "tables": run.counts.get("tables", {}),
                }
            )
    print(
        json.dumps(
            {"vendor": connection.vendor, "mode": mode, "rows": rows(), "results": results},
            default=str,
        )
    )


def run_child(mode: str, folder: Path, base_url: str, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    env = {**env, "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(40)}
    env.pop("DEBUG", None)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), base_url, CLIENT_SECRET],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-5000:], file=sys.stderr)
        raise SystemExit(f"benchmark child failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pg_database(url: str, name: str, create: bool) -> str:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            db.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def report(csv_figures: dict, rest_figures: dict) -> bool:  # type: ignore[type-arg]
    vendor = csv_figures["vendor"]
    load = os.getloadavg()[0]
    print(f"\n== {vendor} (load average {load:.1f} on {os.cpu_count()} cores)")
    for result in csv_figures["results"] + rest_figures["results"]:
        staff = result.get("tables", {}).get("staff", {})
        print(
            f"  {result['step']:<22} {result['seconds']:>6} s  staff {staff or '—'}"
            + (f"  [{result['message']}]" if result.get("message") else "")
        )
        if "rows_written" in result:
            print(f"  {'':<22} rows written: {result['rows_written'] or 'none'}")
    same = csv_figures["rows"] == rest_figures["rows"]
    print(f"  the REST sync and the CSV import hold the same rows: {same}")
    repeats = rest_figures["results"][1:]
    quiet = all(not r["rows_written"] for r in repeats)
    print(f"  the second sync and the full re-sync changed nothing: {quiet}")
    return same and quiet


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="lattice-bench-rest-") as tmp:
        folder = Path(tmp) / "oneroster"
        folder.mkdir()
        started = time.perf_counter()
        generate(folder)
        seconds = time.perf_counter() - started
        print(f"generated {STAFF:,} staff, {SCHOOLS:,} schools in {seconds:.1f} s")
        provider = subprocess.Popen(
            [sys.executable, "-c", PROVIDER, str(folder), CLIENT_SECRET],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "lattice.settings",
                "DEBUG": "1",
                "LATTICE_VAR_DIR": str(Path(tmp) / "provider-var"),
            },
        )
        try:
            assert provider.stdout is not None
            base_url = provider.stdout.readline().strip()
            print(f"provider serving at {base_url} (pid {provider.pid})")
            ok = True
            sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            figures = []
            for mode in ("csv", "rest"):
                env = {**sqlite_env, "LATTICE_VAR_DIR": str(Path(tmp) / f"var-{mode}")}
                figures.append(run_child(mode, folder, base_url, env))
            ok = report(*figures) and ok
            url = os.environ.get("DATABASE_URL")
            if url:
                figures = []
                for mode in ("csv", "rest"):
                    name = f"bench_{mode}_{os.getpid()}"
                    env = {
                        **os.environ,
                        "DATABASE_URL": pg_database(url, name, True),
                        "LATTICE_VAR_DIR": str(Path(tmp) / f"pg-var-{mode}"),
                    }
                    try:
                        figures.append(run_child(mode, folder, base_url, env))
                    finally:
                        pg_database(url, name, False)
                ok = report(*figures) and ok
            else:
                print("\n(PostgreSQL skipped: run under scripts/with-postgres.sh to include it)")
        finally:
            provider.terminate()
            provider.wait(timeout=10)
        print("\nall checks passed" if ok else "\nCHECK FAILED")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
