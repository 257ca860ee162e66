"""The background task that runs a forecast and stores its summary on the run.

The task claims its run with a lease (``lattice.lib.jobs``) that a small thread renews while
the forecast computes, so a worker killed mid-run leaves a run that
:func:`restart_orphans` hands to another worker (from the beginning: the result depends only
on the inputs and seed) instead of "Running… 40%" forever.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict

from django_tasks import task

from lattice.forecast.assumptions import AssumptionError, from_dict
from lattice.forecast.calibration import calibrate
from lattice.forecast.executors import ForecastCancelled
from lattice.forecast.results import build_result
from lattice.forecast.simulate import simulate
from lattice.forecast.tables import ForecastError
from lattice.forecast.workforce import synthetic
from lattice.forecasts import actions
from lattice.forecasts.choices import ADOPTED, resolve
from lattice.forecasts.history_db import district_history
from lattice.forecasts.models import ForecastRun
from lattice.forecasts.workforce_db import district_start, year_one
from lattice.lib import jobs
from lattice.people.models import District

log = logging.getLogger(__name__)


@task()
def run_forecast(run_id: int) -> None:
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or done == total:
            last[0] = now
            actions.set_progress(run_id, 0.05 + 0.9 * done / total)

    checked = [0.0]

    def should_stop() -> bool:
        now = time.monotonic()
        if now - checked[0] < 0.5:
            return False
        checked[0] = now
        return actions.cancel_wanted(run_id)

    if not actions.claim_forecast(run_id):
        return  # cancelled, finished, or another worker has it
    with jobs.Lease(ForecastRun, run_id, progress_fields=()):
        _run(run_id, progress, should_stop)


def _run(
    run_id: int, progress: Callable[[int, int], None], should_stop: Callable[[], bool]
) -> None:
    run = ForecastRun.objects.select_related("district").get(pk=run_id)
    inputs = run.inputs
    try:
        policies = [resolve(inputs["policy"], run.district)]
        if inputs.get("vs"):
            policies.append(resolve(inputs["vs"], run.district))
        assumptions = from_dict(inputs.get("assumptions", {}))
        if inputs.get("first_school_year"):
            assumptions = assumptions.with_changes(
                first_school_year=int(inputs["first_school_year"])
            )
        estimates: list[dict[str, object]] = []
        if inputs.get("calibrate"):
            calibration = calibrate(district_history(run.district, policies[0]), assumptions)
            assumptions = calibration.assumptions
            estimates = [asdict(e) for e in calibration.estimates]
        first_year: dict[str, object] | None = None
        if inputs.get("workforce") == "district":
            built = district_start(run.district, policies, levels=assumptions.levels)
            workforce, skipped = built.workforce, built.skipped
            if len(policies) == 2:
                baseline = None if inputs["policy"] == ADOPTED else policies[0]
                first_year = year_one(
                    run.district, baseline, policies[1], plans=built.plans
                ).as_dict()
        else:
            workforce = synthetic(
                int(inputs["teachers"]), seed=int(inputs["seed"]), assumptions=assumptions
            )
            skipped = []
        actions.set_progress(run_id, 0.05)
        sim = simulate(
            workforce,
            policies,
            assumptions,
            years=int(inputs["years"]),
            runs=int(inputs["runs"]),
            seed=int(inputs["seed"]),
            progress=progress,
            should_stop=should_stop,
        )
        result = build_result(sim, workforce, policies, assumptions).as_dict()
        result["inputs"]["skipped"] = skipped[:50]
        result["inputs"]["skipped_total"] = len(skipped)
        result["inputs"]["calibration"] = estimates
        result["year_one"] = first_year
        actions.finish_forecast(run, result)
    except ForecastCancelled:
        actions.cancelled_forecast(run)
    except (ForecastError, AssumptionError) as error:
        actions.fail_forecast(run, str(error))
    except Exception:
        log.exception("forecast %s failed", run_id)
        actions.fail_forecast(
            run,
            f"The forecast stopped before it finished, because of an error in Lattice "
            f"(forecast run #{run.pk} in the server's log). Start it again; if it stops "
            "again, tell your Lattice administrator the run number.",
        )


def restart_orphans(district: District | None = None) -> list[int]:
    """Queue again the forecasts whose worker died (their lease expired), for another worker
    to run; returns their ids (``actions.reap`` fails those started too often)."""
    runs = ForecastRun.objects.all()
    if district is not None:
        runs = runs.filter(district=district)
    # those still waiting long after they were queued: their task may have died with a
    # worker before it claimed the run (a second task for a claimed run does nothing) —
    # found before reaping, so a run reaped just now is not counted twice
    lost = jobs.lost_waiting(runs, waiting_statuses=[ForecastRun.Status.QUEUED])
    requeued = actions.reap(district)
    requeued += [pk for pk in lost if pk not in requeued]
    for pk in requeued:
        run_forecast.enqueue(pk)
    return requeued


@task()
def reap_orphans() -> None:
    """Restart (or, after too many starts, fail) forecasts whose worker died."""
    restart_orphans()
