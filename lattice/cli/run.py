"""``lattice run`` (what ``make run`` calls): a working Lattice on this machine in one command.

Steps, each a function so tests can run them without a server: migrate the database, load the
demo network when the database has none (reusing it otherwise), collect static files when the
settings in force need it, then start the background-task worker, the scheduler (``lattice
schedule``: periodic jobs such as the nightly standings recompute) and Django's development
server as child processes, print the log-ins and wait. Ctrl-C or SIGTERM stops both children;
on Linux they also stop if this process is killed outright.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import click

from lattice.cli.demo import DEFAULT_SEED, open_database, run_demo

Echo = Callable[[str], Any]


class _Stop(Exception):
    """Raised in the main thread by the SIGTERM handler."""


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "sqlite" in str(db["ENGINE"]):
        return f"SQLite database {db['NAME']}"
    return f"PostgreSQL database {db['NAME']!r} on {db.get('HOST') or 'localhost'}"


def prepare(*, teachers: int, seed: int = DEFAULT_SEED, echo: Echo = click.echo) -> None:
    """Migrate, load the demo network if absent, collect static files if needed."""
    open_database(need_migrated=False)
    from django.core.management import call_command

    from lattice.demo.load import demo_exists

    echo(f"Using the {describe_database()}.")
    call_command("migrate", interactive=False, verbosity=0)
    if demo_exists():
        echo("The demo districts are already loaded; reusing them (no data added).")
    else:
        echo(f"Loading the demo district ({teachers:,} teachers)…")
        run_demo(seed=seed, teachers=teachers, years=5, schools=None, reset=False, echo=echo)
    bring_standings_up_to_date(echo)
    if static_files_needed():
        call_command("collectstatic", interactive=False, verbosity=0)
        echo("Collected static files.")


def bring_standings_up_to_date(echo: Echo = click.echo) -> None:
    """Recompute every district's standings as of today (a new day or a new version of
    Lattice), so the pages and payroll agree from the first request."""
    from lattice.pathways.actions import recompute_standings
    from lattice.pathways.models import PolicyAdoption
    from lattice.people.models import District

    ids = PolicyAdoption.objects.values_list("district_id", flat=True).distinct()
    for district in District.objects.filter(pk__in=ids).order_by("key"):
        report = recompute_standings(district, reason="lattice run: standings as of today")
        echo(f"Standings: {report.line()}")


def static_files_needed() -> bool:
    """Whether whitenoise serves from STATIC_ROOT (so it must be collected) under these
    settings; with DEBUG it finds files in the apps directly."""
    from django.conf import settings

    return not getattr(settings, "WHITENOISE_USE_FINDERS", settings.DEBUG)


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"Cannot listen on {host}:{port} ({exc.strerror}). Another server may be "
                f"running there: stop it, or choose another port (lattice run --port "
                f"{port + 1})."
            ) from exc


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to send the child SIGTERM if this supervisor dies without cleaning up."""
    import ctypes

    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_child(*manage_args: str) -> subprocess.Popen[bytes]:
    """Start ``lattice manage ARGS…`` as a child with this process's environment."""
    return start_lattice("manage", *manage_args)


def start_lattice(*args: str) -> subprocess.Popen[bytes]:
    """Start ``lattice ARGS…`` (any verb) as a child with this process's environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "lattice", *args],
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )


def stop_children(children: dict[str, subprocess.Popen[bytes]], timeout: float = 10) -> None:
    """Terminate every child that is still running, then kill any that will not stop."""
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + timeout
    for child in children.values():
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise click.ClickException(
                f"The web server stopped while starting (exit code {server.returncode}); "
                "see its messages above."
            )
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise click.ClickException(f"The web server did not answer at {url} within {timeout:.0f} s.")


def serve(*, host: str, port: int, worker: bool, echo: Echo = click.echo) -> None:
    """Run the worker and the web server until Ctrl-C or SIGTERM; always stop both."""
    from lattice.demo.command import format_logins
    from lattice.demo.personas import demo_logins

    check_port_free(host, port)
    children: dict[str, subprocess.Popen[bytes]] = {}

    def on_term(signum: int, frame: Any) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        if worker:
            children["background worker"] = start_child("db_worker", "--no-reload")
            echo(f"Background worker started (pid {children['background worker'].pid}).")
            children["scheduler"] = start_lattice("schedule")
            echo(
                f"Scheduler started (pid {children['scheduler'].pid}): nightly recompute of "
                "every standing as of today."
            )
        children["web server"] = start_child("runserver", "--noreload", f"{host}:{port}")
        local = "127.0.0.1" if host in ("0.0.0.0", "") else host
        url = f"http://{local}:{port}"
        wait_until_up(url, children["web server"])
        echo("")
        echo(f"Lattice is running at http://{host}:{port}")
        echo("")
        for line in format_logins(demo_logins()):
            echo(line)
        echo("")
        echo("Press Ctrl-C to stop.")
        while True:
            for name, child in children.items():
                if child.poll() is not None:
                    raise click.ClickException(
                        f"The {name} stopped unexpectedly (exit code {child.returncode}); "
                        "stopping Lattice."
                    )
            time.sleep(0.5)
    except (KeyboardInterrupt, _Stop):
        echo("Stopping Lattice…")
    finally:
        stop_children(children)
        signal.signal(signal.SIGTERM, previous)


@click.command("run")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 to let other machines in).",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--teachers",
    type=click.IntRange(10, 2_000_000),
    default=1100,
    show_default=True,
    help="Size of the demo district, if it has to be created.",
)
@click.option(
    "--no-worker", is_flag=True, help="Do not start the background-task worker or the scheduler."
)
@click.option(
    "--prepare-only",
    is_flag=True,
    help="Migrate, load the demo and print the log-ins, then exit without serving.",
)
def run(host: str, port: int, teachers: int, no_worker: bool, prepare_only: bool) -> None:
    """Run Lattice on this machine: database, demo district, worker and web server.

    Migrates the database (SQLite under $LATTICE_VAR_DIR, default var/, unless
    DATABASE_URL is set), loads the demo district when the database has none, starts the
    background-task worker and the development web server, and prints one log-in per
    persona. Running it again reuses the database. Ctrl-C stops everything.

    \b
    Examples:
      DEBUG=1 lattice run                     # what `make run` does
      DEBUG=1 lattice run --port 8001 --no-worker
      DEBUG=1 lattice run --prepare-only      # set up the database, print log-ins, exit
    """
    prepare(teachers=teachers)
    if prepare_only:
        from lattice.demo.command import format_logins
        from lattice.demo.personas import demo_logins

        for line in format_logins(demo_logins()):
            click.echo(line)
        return
    serve(host=host, port=port, worker=not no_worker)
