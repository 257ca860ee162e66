"""Benchmark the forecast: 100,000 teachers × 10 years × 1,000 runs under baltimore-2010.

Target (issue 6): 10⁹ teacher-years in ≤ 60 s on a 2-core machine (≥ 16 M teacher-years/s),
peak memory ≤ 2 GB. Prints teacher-years per second, wall time and peak memory (ru_maxrss).
Run: ``.venv/bin/python bench/forecast.py [--teachers N] [--runs N] [--years N] [--threads N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lattice.forecast.assumptions import Assumptions  # noqa: E402
from lattice.forecast.simulate import simulate  # noqa: E402
from lattice.forecast.workforce import synthetic  # noqa: E402
from lattice.rules.loader import load_policy  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="measure this many times")
    parser.add_argument("--vs", default=None, help="also run a second policy on the same draws")
    args = parser.parse_args()
    policies = [load_policy(ROOT / "policies" / "baltimore-2010.toml")]
    if args.vs:
        policies.append(load_policy(ROOT / "policies" / f"{args.vs}.toml"))
    assumptions = Assumptions()
    workforce = synthetic(args.teachers, seed=1, assumptions=assumptions)
    print(
        f"forecast bench: {args.teachers:,} teachers × {args.years} years × {args.runs:,} runs "
        f"under {', '.join(p.key for p in policies)}, {args.threads} thread(s)"
    )
    for attempt in range(1, args.repeat + 1):
        start, cpu = time.perf_counter(), time.process_time()
        sim = simulate(
            workforce,
            policies,
            assumptions,
            years=args.years,
            runs=args.runs,
            seed=attempt,
            threads=args.threads,
        )
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        rate = sim.teacher_years / wall
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        median = float(sorted(sim.policies[0].payroll[:, -1])[args.runs // 2])
        print(
            f"  run {attempt}: {sim.teacher_years:,} teacher-years in {wall:.2f} s = "
            f"{rate / 1e6:.1f} M teacher-years/s; peak memory {peak:,.0f} MiB; "
            f"median final-year payroll ${median * sim.cola_factor[-1] / 1e9:.3f} bn"
        )
        print(
            f"         CPU time {cpu:.2f} s ({sim.teacher_years / cpu / 1e6:.1f} M teacher-years "
            f"per CPU-second; wall/CPU {wall / cpu:.2f}; load average {os.getloadavg()[0]:.1f})"
        )
        print(
            f"         on {args.threads} idle core(s) this would take about "
            f"{cpu / args.threads:.1f} s (CPU time / threads); other work on the machine slows "
            "the wall time, not the CPU time"
        )
    target = "meets" if rate >= 16e6 and peak <= 2048 else "MISSES"
    print(f"  target ≥ 16 M teacher-years/s and ≤ 2 GiB: {target} (last run)")


if __name__ == "__main__":
    main()
