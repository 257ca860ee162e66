"""``lattice schedule``: enqueue periodic jobs (the nightly standings recompute, roster
syncs) when they are due. ``lattice run`` starts it beside the background worker."""

from __future__ import annotations

import click

from lattice.cli.demo import open_database


@click.command("schedule")
@click.option("--once", is_flag=True, help="Enqueue what is due now, then exit.")
@click.option(
    "--interval", type=click.FloatRange(1, 3600), default=30.0, show_default=True,
    help="Seconds between checks.",
)  # fmt: skip
@click.option("--list", "list_jobs", is_flag=True, help="List the jobs and when they last ran.")
def schedule(once: bool, interval: float, list_jobs: bool) -> None:
    """Run the scheduler: every job registered in lattice.lib.schedule, when due."""
    open_database()
    from lattice.lib.schedule import jobs
    from lattice.scheduler.models import JobRun
    from lattice.scheduler.runner import run_due, run_forever

    if list_jobs:
        last = {row.name: row for row in JobRun.objects.all()}
        for job in jobs():
            row = last.get(job.name)
            when = f"{row.last_run_at:%Y-%m-%d %H:%M} UTC" if row else "never"
            at = f" at {job.at:%H:%M} UTC" if job.at else ""
            click.echo(f"{job.name}: every {job.every}{at}; last enqueued {when}")
            click.echo(f"  {job.description}")
        return
    if once:
        for name in run_due():
            click.echo(f"enqueued {name}")
        return
    click.echo(f"Scheduler running: {len(jobs())} jobs, checking every {interval:g} s.")
    try:
        run_forever(interval, echo=click.echo)
    except KeyboardInterrupt:
        click.echo("Scheduler stopped.")
