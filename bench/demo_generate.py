"""Benchmark: generate the demo network at several sizes and print rows/s and wall time.

    .venv/bin/python bench/demo_generate.py                    # 1,100 and 20,000 teachers × 5 years
    .venv/bin/python bench/demo_generate.py --large            # also 100,000 teachers × 10 years
    .venv/bin/python bench/demo_generate.py --sizes 5000x10    # teachers x years, comma-separated
    scripts/with-postgres.sh .venv/bin/python bench/demo_generate.py   # on PostgreSQL

Each size runs in a child process on an empty SQLite database in a temporary directory (or,
with DATABASE_URL set, on that database after removing any demo data). Migrating is not
timed; the figure is `lattice demo` itself: simulating, building rows and inserting them in
one transaction. Peak memory is the child's maxrss. The load average is printed with each
size, because the machine's cores may be shared. On PostgreSQL the rows go in with COPY
(``lattice.lib.bulk``, ADR 0023); the 100,000-teacher district of ``lattice run --teachers
100000`` (five school years) is ``--sizes 100000x5``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = [(1100, 5), (20_000, 5)]
LARGE = (100_000, 10)


def child(teachers: int, years: int) -> None:
    import resource
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from lattice.demo.command import APP_DEMO_MAX_TEACHERS
    from lattice.demo.generator import DemoSpec
    from lattice.demo.load import demo_exists, load_demo, reset_demo

    call_command("migrate", interactive=False, verbosity=0)
    if demo_exists():
        reset_demo()
    started = time.perf_counter()
    # As `lattice demo` makes it: above APP_DEMO_MAX_TEACHERS, people only (no apps' content).
    spec = DemoSpec(teachers=teachers, years=years, apps=teachers <= APP_DEMO_MAX_TEACHERS)
    report = load_demo(spec)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "teachers": teachers,
                "years": years,
                "rows": report.rows,
                "seconds": round(wall, 2),
                "rows_per_s": round(report.rows / wall),
                "peak_mb": round(peak_mb),
                "counts": report.counts,
            }
        )
    )


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def main(argv: list[str]) -> int:
    sizes = list(DEFAULT_SIZES)
    if "--sizes" in argv:
        spec = argv[argv.index("--sizes") + 1]
        sizes = [(int(t), int(y)) for t, y in (part.split("x") for part in spec.split(","))]
    if "--large" in argv:
        sizes.append(LARGE)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"Demo generation on {database} (python {sys.version.split()[0]})", flush=True)
    print(
        f"{'teachers':>9} {'years':>5} {'rows':>11} {'seconds':>8} {'rows/s':>8} {'peak MB':>8}"
        "  load average"
    )
    for teachers, years in sizes:
        with tempfile.TemporaryDirectory(prefix="lattice-bench-") as var:
            env = {**os.environ, "LATTICE_VAR_DIR": var, "DEBUG": "1"}
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(teachers), str(years)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{teachers:>9,} {years:>5} {result['rows']:>11,} {result['seconds']:>8.1f} "
            f"{result['rows_per_s']:>8,} {result['peak_mb']:>8,}  {loadavg()}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(main(sys.argv[1:]))
