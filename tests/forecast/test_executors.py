"""The same forecast, byte for byte, whichever executor runs its blocks and with how many
workers: 1 thread, 2 processes, a Dask LocalCluster of 2 and of 3 workers."""

from __future__ import annotations

import pytest

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.executors import (
    DaskExecutor,
    ForecastCancelled,
    ProcessExecutor,
    ThreadExecutor,
    executor_for,
)
from lattice.forecast.results import build_result, write_csv
from lattice.forecast.simulate import Simulation, block_plan, simulate
from lattice.forecast.workforce import synthetic
from lattice.rules.loader import load_policy
from lattice.rules.policy import Policy

from .conftest import POLICIES

A = Assumptions()
TEACHERS, RUNS, YEARS = 3000, 180, 4


@pytest.fixture(scope="module")
def policies() -> list[Policy]:
    return [
        load_policy(POLICIES / f"{key}.toml")
        for key in ("baltimore-2010", "step-and-lane-pwcs-2020")
    ]


def _csv(sim: Simulation, policies: list[Policy]) -> bytes:
    workforce = synthetic(TEACHERS, seed=3)
    result = build_result(sim, workforce, policies, A)
    result.inputs.pop("executor")  # the only field allowed to differ: who ran it
    result.inputs.pop("workers")
    return write_csv(result).encode()


@pytest.fixture(scope="module")
def reference(policies: list[Policy]) -> bytes:
    assert len(block_plan(TEACHERS, RUNS, 166)) >= 4  # several blocks, so order could matter
    sim = simulate(synthetic(TEACHERS, seed=3), policies, A, years=YEARS, runs=RUNS, seed=11,
                   executor=ThreadExecutor(1))  # fmt: skip
    return _csv(sim, policies)


def _run(policies: list[Policy], executor: object) -> bytes:
    sim = simulate(synthetic(TEACHERS, seed=3), policies, A, years=YEARS, runs=RUNS, seed=11,
                   executor=executor)  # type: ignore[arg-type]  # fmt: skip
    return _csv(sim, policies)


def test_two_threads_give_the_bytes_one_thread_gives(
    policies: list[Policy], reference: bytes
) -> None:
    assert _run(policies, ThreadExecutor(2)) == reference


def test_two_processes_give_the_bytes_one_thread_gives(
    policies: list[Policy], reference: bytes
) -> None:
    assert _run(policies, ProcessExecutor(2)) == reference


@pytest.mark.parametrize("workers", [2, 3])
def test_a_dask_local_cluster_gives_the_bytes_one_thread_gives(
    policies: list[Policy], reference: bytes, workers: int
) -> None:
    assert _run(policies, DaskExecutor(workers)) == reference


def test_dask_tasks_of_several_blocks_each_give_the_same_bytes(
    policies: list[Policy], reference: bytes
) -> None:
    """One task a worker: each task runs two or more consecutive blocks."""
    blocks = len(block_plan(TEACHERS, RUNS, 166))
    assert blocks // 2 >= 2
    assert _run(policies, DaskExecutor(2, tasks_per_worker=1)) == reference


def test_each_run_records_its_seed_entropy_block_size_executor_and_code_version(
    policies: list[Policy],
) -> None:
    workforce = synthetic(TEACHERS, seed=3)
    sim = simulate(workforce, policies, A, years=2, runs=40, seed=None, executor=ThreadExecutor(2))
    result = build_result(sim, workforce, policies, A)
    inputs = result.inputs
    assert inputs["seed_entropy"] == sim.seed_entropy > 0
    assert inputs["block_runs"] == sim.block_runs == block_plan(TEACHERS, 40, 166)[0][1]
    assert (inputs["executor"], inputs["workers"]) == ("threads", 2)
    assert inputs["code_version"]
    again = simulate(workforce, policies, A, years=2, runs=40, seed=inputs["seed_entropy"])
    assert (again.policies[0].payroll == sim.policies[0].payroll).all()  # reproducible


def test_a_forecast_asked_to_stop_stops_between_blocks(policies: list[Policy]) -> None:
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ForecastCancelled):
        simulate(synthetic(TEACHERS, seed=3), policies, A, years=2, runs=RUNS, seed=1,
                 executor=ThreadExecutor(2), should_stop=stop)  # fmt: skip


def test_an_unknown_executor_is_named_with_the_choices() -> None:
    with pytest.raises(ValueError, match="threads, processes, dask"):
        executor_for("spark")
