"""Benchmark the forecast: teacher-years per second, CPU, peak memory; per model; per executor.

- Default: 100,000 teachers × 10 years × 1,000 runs under baltimore-2010 (10⁹ teacher-years).
- ``--state``: the state-sized comparison, 400,000 teachers × 10 years × 1,000 runs under
  baltimore-2010 and step-and-lane-pwcs-2020 (4 × 10⁹ teacher-years each under both; targets:
  ≤ 60 s, aim ≤ 30 s, ≤ 2 GB peak memory on two cores).
- ``--models``: each shipped policy alone on the same work, its throughput beside the ledger
  model's (target: every model within 3×).
- ``--executors``: the same work on 2 processes and on a Dask LocalCluster of 2 workers
  (target: Dask within 1.3× of processes).

Run: ``.venv/bin/python bench/forecast.py [--state] [--models] [--executors] [--teachers N]
[--runs N] [--years N] [--executor threads|processes|dask] [--workers N] [--vs KEY]``.
Wall time depends on what else runs on the machine: each line prints the load average, and
CPU time (this process and its workers) beside it.
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
from lattice.forecast.executors import executor_for  # noqa: E402
from lattice.forecast.simulate import Simulation, simulate  # noqa: E402
from lattice.forecast.workforce import synthetic  # noqa: E402
from lattice.rules.loader import load_policy  # noqa: E402
from lattice.rules.policy import Policy  # noqa: E402

MODELS = (
    "baltimore-2010",
    "step-and-lane-pwcs-2020",
    "dc-lift-2012",
    "iowa-tlc-2013",
    "denver-procomp-2008",
    "tia-2019",
    "tia-2025",
)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # KiB on Linux


def measure(
    policies: list[Policy],
    teachers: int,
    years: int,
    runs: int,
    executor: str,
    workers: int,
    seed: int = 1,
) -> tuple[Simulation, float, float]:
    assumptions = Assumptions()
    workforce = synthetic(teachers, seed=1, assumptions=assumptions)
    runner = executor_for(executor, workers)
    start, cpu = time.perf_counter(), _cpu()
    sim = simulate(
        workforce, policies, assumptions, years=years, runs=runs, seed=seed, executor=runner
    )
    return sim, time.perf_counter() - start, _cpu() - cpu


def report(label: str, sim: Simulation, wall: float, cpu: float) -> None:
    worked = sim.teacher_years * len(sim.policies)
    print(
        f"  {label}: {sim.teacher_years:,} teacher-years × {len(sim.policies)} "
        f"polic{'y' if len(sim.policies) == 1 else 'ies'} in {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(wall/CPU {wall / cpu:.2f}); {worked / wall / 1e6:.1f} M policy-teacher-years/s; "
        f"peak memory {_peak_mib():,.0f} MiB; load average {os.getloadavg()[0]:.1f}; "
        f"{sim.blocks} blocks of {sim.block_runs} runs on {sim.workers} {sim.executor}"
    )


def policies_of(*keys: str) -> list[Policy]:
    return [load_policy(ROOT / "policies" / f"{key}.toml") for key in keys]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--teachers", type=int, default=None)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--executor", default="threads")
    parser.add_argument("--workers", "--threads", type=int, default=2)
    parser.add_argument("--vs", default=None, help="also run a second policy on the same draws")
    parser.add_argument("--state", action="store_true", help="the state-sized comparison")
    parser.add_argument("--models", action="store_true", help="every model's throughput")
    parser.add_argument("--executors", action="store_true", help="processes vs Dask")
    args = parser.parse_args()
    if args.models:
        teachers = args.teachers or 100_000
        runs = max(1, args.runs // 10)
        print(
            f"models: {teachers:,} teachers × {args.years} years × {runs} runs, each alone, "
            f"{args.workers} {args.executor}"
        )
        rates = {}
        for key in MODELS:
            sim, wall, cpu = measure(
                policies_of(key), teachers, args.years, runs, args.executor, args.workers
            )
            rates[key] = sim.teacher_years / cpu
            report(key, sim, wall, cpu)
        ledger = rates["baltimore-2010"]
        for key, rate in rates.items():
            print(
                f"  {key}: {rate / 1e6:.1f} M teacher-years per CPU-second, "
                f"{ledger / rate:.2f}× the ledger model's time (target ≤ 3×)"
            )
        return
    if args.executors:
        teachers = args.teachers or 100_000
        runs = max(1, args.runs // 4)
        policies = policies_of("baltimore-2010", "step-and-lane-pwcs-2020")
        print(
            f"executors: {teachers:,} teachers × {args.years} years × {runs} runs, two "
            "policies, 2 workers each"
        )
        walls = {}
        sim, wall, cpu = measure(policies, teachers, args.years, runs, "processes", 2)
        walls["processes"] = wall
        report("processes (pool start included)", sim, wall, cpu)
        import dask
        from dask.distributed import Client, LocalCluster

        from lattice.forecast.executors import WORKER_CONFIG, DaskExecutor

        start = time.perf_counter()
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
        warm = DaskExecutor(2, client=client)  # the workers import Lattice once
        simulate(synthetic(100, seed=1), policies, Assumptions(), years=1, runs=2, executor=warm)
        print(
            f"  dask LocalCluster of 2 workers started and warmed in "
            f"{time.perf_counter() - start:.1f} s (not counted below)"
        )
        assumptions = Assumptions()
        workforce = synthetic(teachers, seed=1, assumptions=assumptions)
        start, cpu0 = time.perf_counter(), _cpu()
        sim = simulate(
            workforce, policies, assumptions, years=args.years, runs=runs, seed=1, executor=warm
        )
        wall = time.perf_counter() - start
        walls["dask"] = wall
        report("dask (CPU: the client only)", sim, wall, _cpu() - cpu0)
        client.close()
        cluster.close()
        print(
            f"  dask / processes wall time: {walls['dask'] / walls['processes']:.2f} (target ≤ 1.3)"
        )
        return
    if args.state:
        teachers = args.teachers or 400_000
        policies = policies_of("baltimore-2010", "step-and-lane-pwcs-2020")
    else:
        teachers = args.teachers or 100_000
        policies = policies_of("baltimore-2010", *([args.vs] if args.vs else []))
    print(
        f"forecast bench: {teachers:,} teachers × {args.years} years × {args.runs:,} runs "
        f"under {', '.join(p.key for p in policies)}, {args.workers} {args.executor}"
    )
    sim, wall, cpu = measure(policies, teachers, args.years, args.runs, args.executor, args.workers)
    report("run", sim, wall, cpu)
    worked = sim.teacher_years * len(sim.policies)
    if args.state:
        # What two idle cores would take: the work's CPU time shared by both (the machine is
        # often shared, which stretches the wall time but far less the CPU time).
        print(
            f"  {cpu / worked * 1e9:.1f} ns of CPU per policy-teacher-year; this run on two "
            f"idle cores: about {cpu / 2:.1f} s wall"
        )
        if (teachers, args.years, args.runs) != (400_000, 10, 1000):
            print("  (not the state size: no verdict on the floor)")
            return
        verdict = "meets" if wall <= 60 and _peak_mib() <= 2048 else "MISSES"
        aim = "meets" if wall <= 30 else "misses"
        print(f"  floor ≤ 60 s and ≤ 2 GiB: {verdict}; aim ≤ 30 s: {aim}")


if __name__ == "__main__":
    main()
