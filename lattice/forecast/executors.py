"""Where the blocks of a forecast run: threads (default), processes, or a Dask cluster.

A forecast is a fixed list of blocks (``simulate.block_plan``); each block is a pure function
of the job's inputs and its index (``BlockJob.run(index)``), drawing from its own stream
``SeedSequence(seed, spawn_key=(index, ...))``. An executor only decides *where* blocks run;
``results`` yields every block's result **in block order**, so the merged output is
byte-identical whichever executor ran it and however many workers it had.

- ``ThreadExecutor`` (the default): threads in this process; NumPy releases the GIL inside
  its loops, so two threads keep about 1.5 of two cores busy.
- ``ProcessExecutor``: worker processes (``spawn``); the job is sent to each worker once.
  Keeps every core busy; costs a second or so to start.
- ``DaskExecutor``: a ``dask.distributed`` cluster — a ``LocalCluster`` on one machine or a
  scheduler address (dask-jobqueue, Kubernetes; see docs/forecast.md). The job is scattered
  to every worker once and consecutive blocks go as one task (about ``TASKS_PER_WORKER``
  tasks a worker, so the scheduler's round trips stay a small share). Dask is an optional
  extra, imported only when this executor is used.

At most ``2 × workers`` blocks (Dask: tasks) are in flight, so memory stays bounded and a
cancelled forecast stops within a block or two (``should_stop``).
"""

from __future__ import annotations

import concurrent.futures as cf
import copy
import ctypes
import ctypes.util
import multiprocessing
import platform
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

EXECUTORS = ("threads", "processes", "dask")
# Dask worker settings for the forecast (also for a cluster's workers: docs/forecast.md).
# The workers' own monitors wake their event loop (taking the GIL from the block being
# computed) every few milliseconds: the sampling profiler every 10 ms, the tick every 20 ms,
# the memory monitor every 100 ms. A forecast block is pure NumPy that needs none of them.
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.system-monitor.interval": "2s",
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers, which switches off glibc's
    # dynamic mmap threshold: every temporary array over 128 KiB is then a fresh mmap whose
    # pages fault in again, and a block costs three times the CPU it costs in a plain
    # process. Large arrays come from the heap again with these two.
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": 64 * 2**20,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 256 * 2**20,
    # (the process executor's workers set the same two with ``keep_large_allocations``)
}


class ForecastCancelled(RuntimeError):
    """The forecast was stopped on request before it finished."""


class BlockRunner(Protocol):
    """What an executor runs: a job that turns a block index into that block's result."""

    def run(self, index: int) -> Any: ...

    @property
    def blocks(self) -> int: ...


class Executor(Protocol):
    """Runs every block of ``job`` and yields the results in block order."""

    name: str
    workers: int

    def results(
        self, job: BlockRunner, should_stop: Callable[[], bool] | None = None
    ) -> Iterator[Any]: ...


def _ordered(
    submit: Callable[[int], cf.Future[Any]],
    count: int,
    window: int,
    should_stop: Callable[[], bool] | None,
    cancel: Callable[[list[cf.Future[Any]]], None],
) -> Iterator[Any]:
    """Keep ``window`` blocks in flight; yield results strictly in block order."""
    pending: dict[int, cf.Future[Any]] = {}
    submitted = 0
    try:
        for index in range(count):
            while submitted < count and len(pending) < window:
                pending[submitted] = submit(submitted)
                submitted += 1
            if should_stop is not None and should_stop():
                raise ForecastCancelled("the forecast was cancelled")
            yield pending.pop(index).result()
    finally:
        cancel(list(pending.values()))


@dataclass
class ThreadExecutor:
    workers: int = 2
    name: str = "threads"

    def results(
        self, job: BlockRunner, should_stop: Callable[[], bool] | None = None
    ) -> Iterator[Any]:
        if self.workers <= 1 or job.blocks <= 1:
            for index in range(job.blocks):
                if should_stop is not None and should_stop():
                    raise ForecastCancelled("the forecast was cancelled")
                yield job.run(index)
            return
        with cf.ThreadPoolExecutor(max_workers=self.workers) as pool:
            yield from _ordered(
                lambda i: pool.submit(job.run, i),
                job.blocks,
                2 * self.workers,
                should_stop,
                _cancel_all,
            )


def _cancel_all(futures: list[cf.Future[Any]]) -> None:
    for future in futures:
        future.cancel()


_WORKER_JOB: Any = None
# glibc's mallopt parameters (malloc.h) and the values Dask's workers get (WORKER_CONFIG)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD, TRIM_THRESHOLD = 64 * 2**20, 256 * 2**20


def keep_large_allocations() -> None:
    """Let glibc reuse freed large arrays instead of returning them to the system.

    By default an array over 128 KiB is a fresh ``mmap`` until a freed one raises the limit,
    and the heap's free top is given back once it exceeds twice that: a block's arrays (a
    run of 400,000 teachers frees some 15 MB at its end) then fault their pages in again
    every block — measured, 7% of a state-sized forecast's CPU went to the kernel. Linux
    with glibc only; elsewhere nothing changes."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return
    name = ctypes.util.find_library("c")
    if name is None:
        return
    libc = ctypes.CDLL(name)
    libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)


def _install(job: BlockRunner) -> None:
    global _WORKER_JOB
    keep_large_allocations()
    _WORKER_JOB = job


def _run_installed(index: int) -> Any:
    return _WORKER_JOB.run(index)


@dataclass
class ProcessExecutor:
    workers: int = 2
    name: str = "processes"
    start_method: str = "spawn"

    def results(
        self, job: BlockRunner, should_stop: Callable[[], bool] | None = None
    ) -> Iterator[Any]:
        context = multiprocessing.get_context(self.start_method)
        with cf.ProcessPoolExecutor(
            max_workers=max(1, self.workers),
            mp_context=context,
            initializer=_install,
            initargs=(job,),
        ) as pool:
            yield from _ordered(
                lambda i: pool.submit(_run_installed, i),
                job.blocks,
                2 * max(1, self.workers),
                should_stop,
                _cancel_all,
            )


_LOCAL_COPY: dict[int, Any] = {}


def _dask_run(job: BlockRunner, index: int) -> Any:
    """Run one block on a Dask worker. The scattered job's arrays arrive as views of network
    frames, which may be unaligned and so several times slower to compute on: each worker
    copies the job once (the copy's arrays are aligned) and reuses it for every block."""
    key = id(job)
    local = _LOCAL_COPY.get(key)
    if local is None:
        _LOCAL_COPY.clear()
        local = _LOCAL_COPY[key] = copy.deepcopy(job)
    return local.run(index)


def _dask_run_many(job: BlockRunner, first: int, count: int) -> list[Any]:
    """Run blocks ``first`` .. ``first + count - 1`` on a Dask worker, in order."""
    return [_dask_run(job, index) for index in range(first, first + count)]


TASKS_PER_WORKER = 16  # Dask tasks per worker: blocks are batched up to this many tasks


class DaskExecutor:
    """Blocks as Dask tasks. ``address``: a running scheduler (``tcp://host:8786``); without
    it a ``LocalCluster`` of ``workers`` single-threaded worker processes is started (and
    closed at the end). ``client``: an existing ``distributed.Client`` to use instead."""

    name = "dask"

    def __init__(
        self,
        workers: int = 2,
        *,
        address: str | None = None,
        client: Any = None,
        processes: bool = True,
        tasks_per_worker: int = TASKS_PER_WORKER,
    ) -> None:
        self.workers = workers
        self.tasks_per_worker = max(1, tasks_per_worker)
        self.address = address
        self.client = client
        self.processes = processes

    def _connect(self) -> tuple[Any, Callable[[], None]]:
        try:
            import dask
            from dask.distributed import Client, LocalCluster  # optional extra, lazily
        except ImportError as error:  # the optional extra is not installed
            raise RuntimeError(
                "the dask executor needs dask[distributed]: pip install 'dask[distributed]'"
            ) from error
        if self.client is not None:
            return self.client, lambda: None
        if self.address is not None:
            client = Client(self.address)  # type: ignore[no-untyped-call]  # dask is untyped
            return client, client.close
        # A worker's sampling profiler takes the GIL every 10 ms; the kernel releases and
        # retakes it around every NumPy call, so profiling slows blocks several times over.
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.workers,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=None,
            )
        client = Client(cluster)  # type: ignore[no-untyped-call]

        def close() -> None:
            client.close()  # type: ignore[no-untyped-call]
            cluster.close()

        return client, close

    def results(
        self, job: BlockRunner, should_stop: Callable[[], bool] | None = None
    ) -> Iterator[Any]:
        client, close = self._connect()
        try:
            [shared] = client.scatter([job], broadcast=True)
            workers = max(1, self.workers_of(client))
            # Each task costs a round trip through the scheduler (milliseconds, far more on a
            # busy machine), so consecutive blocks go as one task: about TASKS_PER_WORKER
            # tasks a worker, enough to balance the load and to stop soon when cancelled.
            per = max(1, job.blocks // (self.tasks_per_worker * workers))
            tasks = [(first, min(per, job.blocks - first)) for first in range(0, job.blocks, per)]
            for results in _ordered(
                lambda t: client.submit(
                    _dask_run_many, shared, *tasks[t], pure=False, key=f"blocks-{t}-{id(job)}"
                ),
                len(tasks),
                2 * workers,
                should_stop,
                lambda futures: client.cancel(futures) if futures else None,
            ):
                yield from results
        finally:
            close()

    def workers_of(self, client: Any) -> int:
        try:
            return max(1, len(client.scheduler_info()["workers"]))
        except Exception:  # a scheduler that cannot say: assume what was asked for
            return self.workers


def executor_for(name: str, workers: int = 2, address: str | None = None) -> Executor:
    """The executor called ``name`` (``threads``, ``processes`` or ``dask``)."""
    if name == "threads":
        return ThreadExecutor(workers)
    if name == "processes":
        return ProcessExecutor(workers)
    if name == "dask":
        return DaskExecutor(workers, address=address)
    raise ValueError(f"unknown executor '{name}' — use one of: {', '.join(EXECUTORS)}")
