"""Benchmark: every persona's main pages, served by gunicorn, against a trivial signed-in page.

    .venv/bin/python bench/pages.py                          # the demo district on SQLite
    .venv/bin/python bench/pages.py --database postgres      # the same on PostgreSQL
    PGPORT=5443 .venv/bin/python bench/pages.py --database postgres --teachers 100000

One run: a throwaway var directory (and, for ``--database postgres`` without DATABASE_URL, a
throwaway cluster from scripts/with-postgres.sh), ``lattice run --prepare-only`` (migrate, the
demo district, standings up to date, static files), gunicorn ``-w 2`` on 127.0.0.1 with the
production settings (DEBUG off), a log-in through the log-in form as every demo persona (the
password and, for the office roles, the authenticator code, as a person would), then, for each
persona, a closed-loop load of ``--connections`` concurrent requests on the trivial page and on
each main page in turn, each page in slices alternating with the trivial page (``--rounds``),
so a neighbour's burst of work on a shared machine slows both alike.

The load client is cheap, so that it leaves the two workers their cores: one asyncio event
loop writes each request's bytes, built once, and reads the answer to its end looking only
at the status line (gunicorn's sync workers close every connection after one answer, so
each request has its own connection). It prints its own CPU per request (``client``).

The trivial page is /accounts/session/: the session, the authentication and the base
template, no query of its own. A persona's main pages are its home page, its main menu and the
busy pages the office works in (``BUSY``) when the persona may open them.

Figures per page and persona: requests/s, the share of the trivial page's requests/s (measured
in the slices alternating with the page's), p50 and p95 latency in ms, and the queries the
page runs (counted in this process with Django's test client on the same database and the
same session), and the CPU per request of the gunicorn workers (``cpu ms``, from /proc; it
depends far less on what else the machine runs than requests/s do), the trivial page's CPU
per request as a share of the page's (``cpu sh``: the share of requests/s two idle cores
would give, a floor is judged on the measured share) and the client's CPU per request. The
load average is printed before and after each persona, because the machine's cores are
shared.

Floors (the exit status is 1 when one is missed, or when a page answers anything but 200):
every page at least 30 % of the trivial page's requests/s; p95 at most 150 ms at 8
connections on the demo district, at most 400 ms on larger districts (the 100,000-teacher
floor is for PostgreSQL).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = "/accounts/session/"
# Pages the office and schools work in every day that sit below a menu link; measured for
# each persona that may open them (a page that answers 404 for a persona is not its page).
BUSY = (
    "/pathways/office/district/",
    "/pathways/office/claims/",
    "/pathways/me/",
    "/roles/suggestions/",
    "/roles/dashboard/",
    "/roles/postings/",
    "/roles/assignments/",
    "/staff/",
)
SHARE_FLOOR = 0.30
P95_DEMO_MS = 150.0
P95_LARGE_MS = 400.0
DEMO_TEACHERS = 1100


@dataclass
class Result:
    page: str
    persona: str
    rps: float
    p50: float
    p95: float
    queries: int
    errors: int
    share: float = 0.0
    client_ms: float = 0.0  # the benchmark client's CPU per request
    server_ms: float = 0.0  # the gunicorn workers' CPU per request
    # the trivial page's server CPU per request over this page's: what the share of
    # requests/s would be on idle cores, and steadier than it on a busy machine
    cpu_share: float = 0.0
    missed: list[str] = field(default_factory=list)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise SystemExit("no free port")


def environment(var_dir: Path) -> dict[str, str]:
    """Production settings on plain HTTP, in a throwaway var directory."""
    env = dict(os.environ)
    env.update(
        {
            "LATTICE_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "lattice.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        }
    )
    return env


def prepare(env: dict[str, str], teachers: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lattice", "run", "--prepare-only", "--teachers", str(teachers)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def start_gunicorn(env: dict[str, str], port: int, var_dir: Path) -> subprocess.Popen[bytes]:
    log = open(var_dir / "gunicorn.log", "wb")  # noqa: SIM115 - kept open for the child
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "lattice.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {var_dir / 'gunicorn.log'}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def _form_value(html: str, name: str) -> str:
    import re

    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else ""


def log_in(base: str, username: str, password: str, totp_secret: str) -> dict[str, str]:
    """Sign in through the log-in form (and the code step); return the session's cookies."""
    import httpx

    from lattice.accounts.totp import current_code

    with httpx.Client(base_url=base, follow_redirects=True, timeout=30) as client:
        page = client.get("/accounts/login/")
        token = _form_value(page.text, "csrfmiddlewaretoken")
        page = client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": username, "password": password},
            headers={"Referer": f"{base}/accounts/login/"},
        )
        if "/accounts/2fa/authenticate/" in str(page.url):
            token = _form_value(page.text, "csrfmiddlewaretoken")
            page = client.post(
                "/accounts/2fa/authenticate/",
                data={"csrfmiddlewaretoken": token, "code": current_code(totp_secret)},
                headers={"Referer": f"{base}/accounts/2fa/authenticate/"},
            )
        check = client.get(TRIVIAL)
        if check.status_code != 200 or "/accounts/" in str(check.url).replace(TRIVIAL, ""):
            raise SystemExit(f"could not sign in as {username}: ended at {check.url}")
        return dict(client.cookies)


def pages_of(persona: Any, cookies: dict[str, str]) -> list[tuple[str, int]]:
    """The persona's main pages with the queries each runs, from this process (Django's test
    client on the same database and session)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    from lattice.people.access import scope_for
    from lattice.people.navigation import Menu, menu
    from lattice.site.views import home_url

    client = Client(HTTP_HOST="127.0.0.1")
    for name, value in cookies.items():
        client.cookies[name] = value
    user = client.get(TRIVIAL).wsgi_request.user
    scope = scope_for(user)
    candidates = [home_url(scope) or "/"]
    candidates += [item.url for item in menu(scope, Menu.MAIN, "/")]
    required = set(candidates)
    candidates += list(BUSY)
    pages: list[tuple[str, int]] = []
    for url in dict.fromkeys([TRIVIAL, *candidates]):
        try:
            if resolve(url.split("?")[0]).view_name.startswith("admin:"):
                continue  # the Django admin is not Lattice's page
        except Resolver404:
            raise SystemExit(f"{persona.username}: {url} is not a Lattice URL") from None
        was_required = url in required
        first = client.get(url, follow=True)  # a first visit fills what the page caches
        if first.redirect_chain:  # a menu link that sends on (e.g. to one's own network)
            url = first.redirect_chain[-1][0]
            if url in (u for u, _ in pages):
                continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code in (403, 404) and not was_required:
            continue
        if response.status_code != 200:
            raise SystemExit(f"{persona.username}: {url} answered {response.status_code}")
        pages.append((url, len(queries.captured_queries)))
    connection.close()
    return pages


def server_cpu(server_pid: int) -> float:
    """CPU seconds (user + system) the gunicorn workers (children of ``server_pid``) have used,
    from /proc; 0.0 where /proc is not there."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == server_pid:  # field 4, ppid (fields counted after the name)
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


@dataclass
class Slice:
    """One closed-loop slice: latencies in ms, errors, wall seconds, and the CPU seconds the
    client (this process) and the server's workers spent in it."""

    latencies: list[float]
    errors: int
    seconds: float
    client_cpu: float
    server_cpu: float


def request_bytes(port: int, url: str, cookies: dict[str, str]) -> bytes:
    """The whole GET, built once: the load only writes these bytes."""
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return (
        f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        "Accept: text/html\r\nConnection: close\r\n\r\n"
    ).encode("latin-1")


async def _closed_loop(
    port: int, request: bytes, connections: int, seconds: float
) -> tuple[list[float], int]:
    """``connections`` loops in one event loop, each sending ``request`` again as soon as the
    answer ends. Each request has its own connection, as gunicorn's sync workers close every
    connection after one response (they keep none alive); the answer is read to its end and
    only its status line is looked at, so the client spends little CPU per request."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal errors
        while True:
            began = time.perf_counter()
            if began >= stop_at:
                return
            status = b""
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                head = b""
                while len(head) < 12:  # "HTTP/1.1 200"
                    chunk = await reader.read(65536)
                    if not chunk:
                        break
                    head += chunk
                status = head[9:12]
                while await reader.read(65536):
                    pass
                writer.close()
            except OSError:
                pass
            latencies.append((time.perf_counter() - began) * 1000)
            if status != b"200":
                errors += 1

    await asyncio.gather(*(one() for _ in range(connections)))
    return latencies, errors


def load(port: int, server_pid: int, request: bytes, connections: int, seconds: float) -> Slice:
    """Closed loop for ``seconds``: figures of one slice."""
    cpu, server, began = time.process_time(), server_cpu(server_pid), time.perf_counter()
    latencies, errors = asyncio.run(_closed_loop(port, request, connections, seconds))
    return Slice(
        latencies,
        errors,
        time.perf_counter() - began,
        time.process_time() - cpu,
        server_cpu(server_pid) - server,
    )


def paired(
    port: int, server_pid: int, url: str, cookies: dict[str, str], args: argparse.Namespace
) -> tuple[Result, float]:
    """Load ``url`` and the trivial page in alternating slices (``--rounds`` of each,
    ``--seconds`` in all per page), so a neighbour's burst on a shared machine slows both
    alike; returns the page's figures and the trivial page's requests/s over its slices."""
    slice_s = args.seconds / args.rounds
    requests = {target: request_bytes(port, target, cookies) for target in (url, TRIVIAL)}
    page: list[Slice] = []
    trivial: list[Slice] = []
    for _ in range(args.rounds):
        page.append(load(port, server_pid, requests[url], args.connections, slice_s))
        if url != TRIVIAL:
            trivial.append(load(port, server_pid, requests[TRIVIAL], args.connections, slice_s))
    latencies = sorted(x for s in page for x in s.latencies)
    served = len(latencies) or 1
    result = Result(
        url,
        "",
        rps(page),
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        0,
        sum(s.errors for s in page),
        client_ms=1000 * sum(s.client_cpu for s in page) / served,
        server_ms=1000 * sum(s.server_cpu for s in page) / served,
    )
    served_trivial = sum(len(s.latencies) for s in trivial)
    if served_trivial:
        trivial_ms = 1000 * sum(s.server_cpu for s in trivial) / served_trivial
        result.cpu_share = trivial_ms / result.server_ms if result.server_ms else 0.0
    else:
        result.cpu_share = 1.0
    return result, rps(trivial or page)


def rps(slices: list[Slice]) -> float:
    seconds = sum(s.seconds for s in slices)
    return sum(len(s.latencies) for s in slices) / seconds if seconds else 0.0


def percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("nan")
    return sorted_ms[min(len(sorted_ms) - 1, round(q * (len(sorted_ms) - 1)))]


def measure(args: argparse.Namespace) -> int:
    var_dir = (
        Path(args.var_dir).resolve()
        if args.var_dir
        else Path(tempfile.mkdtemp(prefix="lattice-bench-pages-"))
    )
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(var_dir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postg") else "SQLite"
    print(
        f"pages: {args.teachers:,} teachers on {database}, gunicorn -w 2, "
        f"{args.connections} connections, {args.seconds:g} s per page",
        flush=True,
    )
    print(f"load average before: {loadavg()}", flush=True)
    prepared = prepare(env, args.teachers)
    print(f"prepare (migrate, demo, standings, static files): {prepared:.1f} s", flush=True)

    import django

    django.setup()
    import logging

    # Pages a persona may not open answer 404 while the menu is explored: not news.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from lattice.demo.personas import DEMO_PASSWORD, DEMO_TOTP_SECRET, PERSONAS

    port = free_port(args.port)
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port, var_dir)
    print(_header(), flush=True)
    p95_floor = P95_DEMO_MS if args.teachers <= DEMO_TEACHERS else P95_LARGE_MS
    results: list[Result] = []
    try:
        for persona in PERSONAS:
            if persona.superuser:
                continue  # the superuser's home is the Django admin, not a Lattice page
            if args.personas and persona.username not in args.personas.split(","):
                continue
            cookies = log_in(base, persona.username, DEMO_PASSWORD, DEMO_TOTP_SECRET)
            print(f"{persona.username}: load average {loadavg()}", flush=True)
            for url, queries in pages_of(persona, cookies):
                result, trivial = paired(port, server.pid, url, cookies, args)
                result.persona, result.queries = persona.username, queries
                result.share = result.rps / trivial if trivial else 0.0
                if url != TRIVIAL and result.share < SHARE_FLOOR:
                    result.missed.append(f"share < {SHARE_FLOOR:.0%}")
                if result.p95 > p95_floor:
                    result.missed.append(f"p95 > {p95_floor:g} ms")
                if result.errors:
                    result.missed.append(f"{result.errors} errors")
                results.append(result)
                print(_row(result), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.var_dir:
            shutil.rmtree(var_dir, ignore_errors=True)
    print(f"load average after: {loadavg()}")
    missed = [r for r in results if r.missed]
    print()
    print(_header())
    for r in results:
        print(_row(r))
    print()
    if missed:
        print(
            f"{len(missed)} of {len(results)} pages miss a floor "
            f"(share ≥ {SHARE_FLOOR:.0%}, p95 ≤ {p95_floor:g} ms):"
        )
        for r in missed:
            print(f"  {r.page} as {r.persona}: {', '.join(r.missed)}")
        return 1
    print(f"every page meets the floors (share ≥ {SHARE_FLOOR:.0%}, p95 ≤ {p95_floor:g} ms)")
    return 0


def _header() -> str:
    return (
        f"{'page':<34} {'persona':<10} {'req/s':>7} {'share':>6} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'queries':>7} {'cpu ms':>7} {'cpu sh':>6} {'client':>6}  floors"
    )


def _row(r: Result) -> str:
    return (
        f"{r.page:<34} {r.persona:<10} {r.rps:7.1f} {r.share:6.0%} {r.p50:7.1f} "
        f"{r.p95:7.1f} {r.queries:7d} {r.server_ms:7.1f} {r.cpu_share:6.0%} {r.client_ms:6.2f}  "
        f"{'; '.join(r.missed) or 'ok'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=DEMO_TEACHERS)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0, help="load per page")
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating slices of the page and the trivial page"
    )
    parser.add_argument("--port", type=int, default=8103, help="preferred port for gunicorn")
    parser.add_argument("--personas", help="only these demo log-ins (comma-separated)")
    parser.add_argument(
        "--var-dir",
        help="use and keep this var directory (a second run reuses its demo district)",
    )
    args = parser.parse_args()
    if args.database == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postg"):
        # A throwaway cluster for this run, removed when it ends.
        script = ROOT / "scripts" / "with-postgres.sh"
        return subprocess.call([str(script), sys.executable, *sys.argv])
    if args.database == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
