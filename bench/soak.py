"""Benchmark: a soak that loses nothing — mixed load on gunicorn + PostgreSQL with a worker
killed midway; print the figures and check every accepted write is there exactly once.

    .venv/bin/python bench/soak.py                 # 10 minutes (a throwaway PostgreSQL)
    .venv/bin/python bench/soak.py --minutes 3     # shorter
    PGPORT=5441 .venv/bin/python bench/soak.py --port 8101

Everything runs on 127.0.0.1 only, in a temporary folder, and is stopped at the end:

1. a throwaway PostgreSQL cluster (``scripts/with-postgres.sh``; this script runs itself under
   it unless ``DATABASE_URL`` already names a PostgreSQL database), migrated and loaded with a
   small demo district; teachers get log-ins and API tokens, as a district would issue them;
2. gunicorn with ``--workers`` processes (DEBUG off, a real secret key) and one background-task
   worker (``lattice manage db_worker``);
3. for ``--minutes``: readers opening teachers', principals' and the office's pages; teachers
   submitting claims through the API (``Idempotency-Key``, retried on a dropped connection or
   a server error); two officers verifying the queue at once (so both sometimes pick the same
   claim); an officer uploading HR files and applying them; an officer running forecasts.
   Failed imports and forecasts are retried from their pages, as an officer would;
4. midway, one gunicorn worker and the task worker are killed with SIGKILL; gunicorn starts a
   new worker by itself and the task worker is started again a few seconds later;
5. afterwards, with the load stopped and the runs drained, the database is checked directly:
   every accepted claim exists exactly once with exactly one ``pathways.claim.submit`` audit
   entry; every verification the office saw confirmed is there with exactly one
   ``pathways.claim.verify`` entry and no claim is verified twice; every import and forecast
   run ended (none queued or running), each applied import has one ``imports.hr.apply``
   entry and each finished forecast one ``forecasts.run.finish``; and no request answered a
   5xx outside the kill window.

Exits 1 when any check fails. The worker lease is shortened (``LATTICE_JOB_LEASE_SECONDS``,
15 s) so runs orphaned by the kill are detected within the soak.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DISTRICT = "maplewood"
TITLE_PREFIX = "Soak course "
LEASE_SECONDS = 15
RUN_POLL_SECONDS = 180  # how long one officer waits on one import or forecast
DRAIN_SECONDS = 180


# --- the database side (run as subprocesses with Django set up) --------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(out: Path, teachers: int) -> None:
    """Log-ins and claims:write tokens for ``teachers`` demo teachers, a claims:read token for
    the officer, and the employee ids the HR files will name."""
    _django()
    from django.contrib.auth import get_user_model

    from lattice.api import actions as api_actions
    from lattice.people import actions as people_actions
    from lattice.people.models import District, StaffMember

    district = District.objects.get(key=DISTRICT)
    officer = get_user_model().objects.get(username="officer")
    expires = dt.date.today() + dt.timedelta(days=30)
    staff = (
        StaffMember.objects.filter(
            district=district, user__isnull=True, assignments__position="teacher"
        )
        .distinct()
        .order_by("employee_id")[: teachers + 40]
    )
    staff = list(staff)
    tokens = []
    for person in staff[:teachers]:
        user = people_actions.create_login(
            None, username=f"soak-{person.employee_id}", password=secrets.token_urlsafe(16),
            staff=person,
        )  # fmt: skip
        issued = api_actions.create_token(
            None, district, owner=user, name="soak", scopes=["claims:read", "claims:write"],
            expires_on=expires,
        )  # fmt: skip
        tokens.append(issued.secret)
    office = api_actions.create_token(
        None, district, owner=officer, name="soak office", scopes=["claims:read"],
        expires_on=expires,
    )  # fmt: skip
    out.write_text(
        json.dumps(
            {
                "teacher_tokens": tokens,
                "office_token": office.secret,
                "hr_employee_ids": [p.employee_id for p in staff[teachers:]],
            }
        )
    )


ACTIVE_IMPORT = ("queued", "parsing", "apply_queued", "applying", "undoing")
ACTIVE_FORECAST = ("queued", "running")


def active_runs() -> None:
    """Print how many import and forecast runs are still queued or running."""
    _django()
    from lattice.forecasts.models import ForecastRun
    from lattice.imports.models import ImportRun

    print(
        json.dumps(
            {
                "imports": ImportRun.objects.filter(status__in=ACTIVE_IMPORT).count(),
                "forecasts": ForecastRun.objects.filter(status__in=ACTIVE_FORECAST).count(),
                "running": ImportRun.objects.filter(status__in=("parsing", "applying")).count()
                + ForecastRun.objects.filter(status="running").count(),
            }
        )
    )


def verify(record: Path) -> None:
    """Check the database against what the clients were told; print the findings as JSON."""
    _django()
    from django.db.models import Count

    from lattice.audit.models import AuditEntry
    from lattice.forecasts.models import ForecastRun
    from lattice.imports.models import ImportRun
    from lattice.pathways.models import Claim

    seen = json.loads(record.read_text())
    problems: list[str] = []
    figures: dict[str, Any] = {}

    def audit_count(action: str, object_id: Any) -> int:
        return AuditEntry.objects.filter(action=action, object_id=str(object_id)).count()

    # Claims: every accepted one exactly once, audited once; none appear twice.
    by_title = dict(
        Claim.objects.filter(title__startswith=TITLE_PREFIX)
        .values_list("title")
        .annotate(n=Count("pk"))
        .values_list("title", "n")
    )
    accepted = seen["claims"]
    figures["claims accepted"] = len(accepted)
    figures["claims in the database"] = sum(by_title.values())
    for title, claim_id in accepted.items():
        if by_title.get(title, 0) != 1:
            problems.append(f"claim {title!r} is there {by_title.get(title, 0)} times")
        elif audit_count("pathways.claim.submit", claim_id) != 1:
            problems.append(f"claim {claim_id} has {audit_count('pathways.claim.submit', claim_id)}"
                            " submit audit entries")  # fmt: skip
    unacknowledged = set(by_title) - set(accepted)
    figures["claims written but never acknowledged"] = len(unacknowledged)
    duplicated = [t for t, n in by_title.items() if n > 1]
    if duplicated:
        problems.append(f"{len(duplicated)} claims stored more than once")

    # Verifications: what the office saw confirmed is there, once.
    verified = set(seen["verified"])
    figures["verifications confirmed"] = len(verified)
    statuses = dict(Claim.objects.filter(pk__in=verified).values_list("pk", "status"))
    for pk in verified:
        if statuses.get(pk) != "verified":
            problems.append(f"claim {pk} was confirmed verified but is {statuses.get(pk)}")
    twice = (
        AuditEntry.objects.filter(action="pathways.claim.verify")
        .values("object_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if twice:
        problems.append(f"{twice} claims verified more than once")
    soak_claims = Claim.objects.filter(title__startswith=TITLE_PREFIX)
    for claim in soak_claims.exclude(status="submitted"):
        if claim.status == "verified" and audit_count("pathways.claim.verify", claim.pk) != 1:
            problems.append(f"claim {claim.pk} is verified without exactly one audit entry")
    figures["soak claims verified in the database"] = soak_claims.filter(status="verified").count()

    # Imports: every run ended; each applied one audited once.
    runs = ImportRun.objects.filter(pk__in=seen["imports"])
    figures["imports uploaded"] = len(seen["imports"])
    figures["imports by final status"] = dict(Counter(runs.values_list("status", flat=True)))
    stuck = ImportRun.objects.filter(status__in=ACTIVE_IMPORT).count()
    if stuck:
        problems.append(f"{stuck} import runs still queued or running")
    if runs.count() != len(seen["imports"]):
        problems.append("an accepted upload has no import run")
    for run in runs.filter(status="applied"):
        if audit_count("imports.hr.apply", run.pk) != 1:
            problems.append(f"applied import {run.pk} lacks exactly one imports.hr.apply entry")

    # Forecasts: every run ended; each finished one audited once.
    forecasts = ForecastRun.objects.filter(district__key=DISTRICT)
    figures["forecasts requested"] = len(seen["forecasts"])
    figures["forecasts by final status"] = dict(Counter(forecasts.values_list("status", flat=True)))
    stuck = forecasts.filter(status__in=ACTIVE_FORECAST).count()
    if stuck:
        problems.append(f"{stuck} forecast runs still queued or running")
    for run in forecasts.filter(status="done"):
        if audit_count("forecasts.run.finish", run.pk) != 1:
            problems.append(f"forecast {run.pk} lacks exactly one forecasts.run.finish entry")
    missing = set(seen["forecasts"]) - set(forecasts.values_list("pk", flat=True))
    if missing:
        problems.append(f"forecasts {sorted(missing)} were accepted but are not there")
    figures["restarted forecasts (audited)"] = AuditEntry.objects.filter(
        action="forecasts.run.restart"
    ).count()
    print(json.dumps({"figures": figures, "problems": problems}))


# --- the client side -------------------------------------------------------------------------


@dataclass
class Tally:
    """What every client saw, shared between threads under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    server_errors: list[tuple[float, str, int]] = field(default_factory=list)
    dropped: list[tuple[float, str, str]] = field(default_factory=list)
    claims: dict[str, int] = field(default_factory=dict)
    verified: set[int] = field(default_factory=set)
    verify_refused: int = 0
    imports: list[int] = field(default_factory=list)
    import_retries: int = 0
    forecasts: list[int] = field(default_factory=list)
    forecast_retries: int = 0
    claim_retries: int = 0
    replayed: int = 0
    refusals: Counter[str] = field(default_factory=Counter)

    def note(self, kind: str, seconds: float, status: int, url: str) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[f"{status // 100}xx"] += 1
            if status >= 500:
                self.server_errors.append((time.monotonic(), url, status))

    def refused(self, kind: str, text: str) -> None:
        with self.lock:
            self.refusals[f"{kind}: {text[:160]}"] += 1

    def drop(self, url: str, error: Exception) -> None:
        with self.lock:
            self.dropped.append((time.monotonic(), url, error.__class__.__name__))


class Client:
    """One person's browser or one system's API client, counting every answer."""

    def __init__(self, base: str, tally: Tally, kind: str) -> None:
        import requests

        self.base = base
        self.tally = tally
        self.kind = kind
        self.http = requests.Session()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        token = self.http.cookies.get("csrftoken")
        if method != "GET" and token:
            kwargs.setdefault("headers", {})["X-CSRFToken"] = token
        started = time.monotonic()
        try:
            response = self.http.request(method, self.base + path, **kwargs)
        except Exception as error:  # a connection the kill dropped
            self.tally.drop(path, error)
            raise
        self.tally.note(self.kind, time.monotonic() - started, response.status_code, path)
        return response

    def sign_in(self, username: str, password: str, totp_secret: str = "") -> None:
        from lattice.accounts.totp import current_code

        self.request("GET", "/accounts/login/")
        response = self.request(
            "POST", "/accounts/login/", data={"login": username, "password": password}
        )
        location = response.headers.get("Location", "")
        if totp_secret and "2fa" in location:
            self.request("GET", location)
            response = self.request("POST", location, data={"code": current_code(totp_secret)})
        if response.status_code != 302:
            raise SystemExit(f"could not sign in as {username}: {response.status_code}")

    def share(self, kind: str) -> Client:
        """Another tab of the same signed-in browser (its own connection, same session)."""
        other = Client(self.base, self.tally, kind)
        other.http.cookies.update(self.http.cookies)
        return other


def tiny_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


READER_PAGES = {
    "teacher": ["/", "/me/", "/pathways/me/claims/"],
    "principal": ["/", "/roles/", "/me/"],
    "office": ["/pathways/office/claims/", "/staff/", f"/imports/{DISTRICT}/", "/audit/"],
}


class Soak:
    def __init__(self, options: Any, base: str, setup: dict[str, Any]) -> None:
        self.options = options
        self.base = base
        self.setup = setup
        self.tally = Tally()
        self.stop = threading.Event()
        self.pdf = base64.b64encode(tiny_pdf()).decode()
        # a course finished last week: inside any policy's window for claiming credits
        self.completed = (dt.date.today() - dt.timedelta(days=7)).isoformat()
        self.in_flight = threading.Event()  # a forecast or import is running: time to kill

    def _loop(self, body: Any, pause: float) -> None:
        while not self.stop.is_set():
            try:
                body()
            except Exception:  # counted in the tally; keep the load going
                time.sleep(0.5)
            self.stop.wait(pause * random.uniform(0.5, 1.5))

    def reader(self, client: Client, pages: list[str]) -> None:
        def read() -> None:
            response = client.request("GET", random.choice(pages), allow_redirects=True)
            if response.status_code >= 400:
                self.tally.refused(f"read {response.url}", str(response.status_code))

        self._loop(read, 0.3)

    def claimant(self, token: str) -> None:
        client = Client(self.base, self.tally, "claim (API)")
        auth = {"Authorization": f"Bearer {token}"}

        def submit() -> None:
            title = f"{TITLE_PREFIX}{uuid.uuid4().hex[:12]}"
            body = {
                "kind": "credits", "title": title, "provider": "State University",
                "quantity": random.randint(1, 6), "completed": self.completed,
                "evidence": [{"name": "transcript.pdf", "content_base64": self.pdf}],
            }  # fmt: skip
            headers = {**auth, "Idempotency-Key": uuid.uuid4().hex}
            for attempt in range(8):
                try:
                    response = client.request("POST", "/api/v1/claims/", json=body, headers=headers)
                except Exception:  # a dropped connection: retry the same key
                    response = None
                if response is not None and response.status_code == 201:
                    with self.tally.lock:
                        self.tally.claims[title] = response.json()["id"]
                        if response.headers.get("Idempotent-Replayed") == "true":
                            self.tally.replayed += 1
                        self.tally.claim_retries += attempt
                    return
                if response is not None and response.status_code < 500:
                    self.tally.refused("claim", response.text)  # refused with a reason
                    return
                time.sleep(1 + attempt)

        self._loop(submit, 1.0)

    def approver(self, browser: Client) -> None:
        api = Client(self.base, self.tally, "queue (API)")
        auth = {"Authorization": f"Bearer {self.setup['office_token']}"}

        def decide() -> None:
            queue = api.request(
                "GET", f"/api/v1/claims/?status=submitted&district={DISTRICT}", headers=auth
            )
            if queue.status_code != 200:
                return
            waiting = [c["id"] for c in queue.json()["results"]]
            if not waiting:
                return
            pk = random.choice(waiting[:4])  # two officers often pick the same claim
            response = browser.request("POST", f"/pathways/claims/{pk}/verify/")
            if response.status_code != 302:
                return
            page = browser.request("GET", response.headers["Location"]).text
            with self.tally.lock:
                if "Verified " in page and "claim:" in page:
                    self.tally.verified.add(pk)
                else:
                    self.tally.verify_refused += 1

        self._loop(decide, 0.5)

    def _follow_run(self, browser: Client, run_url: str, kind: str, district_page: str) -> None:
        """Watch a run's page until it ends; apply it when ready, retry it when it failed."""
        deadline = time.monotonic() + RUN_POLL_SECONDS
        applied = False
        while time.monotonic() < deadline:
            try:
                browser.request("GET", district_page)  # where orphans are noticed
                page = browser.request("GET", run_url).text
            except Exception:  # the kill; look again
                time.sleep(1)
                continue
            if "Waiting" in page or "Running" in page or "Applying" in page:
                self.in_flight.set()
            if f"{run_url}retry/" in page:
                browser.request("POST", f"{run_url}retry/")
                with self.tally.lock:
                    if kind == "import":
                        self.tally.import_retries += 1
                    else:
                        self.tally.forecast_retries += 1
                applied = False
            elif kind == "import" and f"{run_url}apply/" in page and not applied:
                response = browser.request("POST", f"{run_url}apply/")
                applied = response.status_code == 302
            elif kind == "import" and re.search(r"\bApplied\b|Has errors|Discarded", page):
                if "Applying" not in page and "Waiting to apply" not in page:
                    return
            elif kind == "forecast" and "results.csv" in page:
                return
            time.sleep(1)

    def importer(self, browser: Client) -> None:
        ids = self.setup["hr_employee_ids"]
        counter = iter(range(1, 10**6))

        def one_import() -> None:
            n = next(counter)
            rows = ["employee_id,graduate_credits,graduate_credits_as_of"]
            for employee_id in random.sample(ids, min(10, len(ids))):
                rows.append(f"{employee_id},{n * 3 + random.randint(0, 2)},2025-06-30")
            data = ("\r\n".join(rows) + "\r\n").encode()
            response = browser.request(
                "POST", f"/imports/{DISTRICT}/hr/",
                files={"file": (f"hr-{n}.csv", data, "text/csv")},
            )  # fmt: skip
            if response.status_code != 302:
                return
            run_url = response.headers["Location"]
            pk = int(re.findall(r"/runs/(\d+)/", run_url)[0])
            with self.tally.lock:
                self.tally.imports.append(pk)
            self._follow_run(browser, run_url, "import", f"/imports/{DISTRICT}/")

        self._loop(one_import, 5.0)

    def forecaster(self, browser: Client) -> None:
        form = {
            "policy": "shipped:baltimore-2010", "vs": "", "workforce": "synthetic",
            "teachers": 300, "years": 10, "first_school_year": 2027, "runs": 1000, "seed": 0,
            "cola": "1", "replacement_rate": "100", "certificate_rate": "25",
            "accelerated_approved": "5", "peer_review_passed": "3", "selected_as_lead": "2",
        }  # fmt: skip

        def one_forecast() -> None:
            form["seed"] = random.randint(0, 10**6)
            response = browser.request("POST", f"/forecasts/{DISTRICT}/", data=form)
            if response.status_code != 302:
                return
            run_url = response.headers["Location"]
            pk = int(re.findall(r"/runs/(\d+)/", run_url)[0])
            with self.tally.lock:
                self.tally.forecasts.append(pk)
            self._follow_run(browser, run_url, "forecast", f"/forecasts/{DISTRICT}/")

        self._loop(one_forecast, 5.0)


# --- the processes ---------------------------------------------------------------------------


def run_lattice(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "lattice", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"lattice {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def run_self(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"soak {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def gunicorn_workers(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lattice", "manage", "db_worker", "--no-reload"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


TASK_LINE = re.compile(r"Task id=(\S+) path=lattice\.\w+\.tasks\.(\w+) state=(\w+)")
LONG_TASKS = {"run_forecast": "a forecast", "parse_run": "reading an import", "apply_run":
              "applying an import"}  # fmt: skip


def busy_with(log: Path, seconds: float) -> str:
    """Wait until the task worker's log shows it started a forecast or an import that has not
    finished; say which (or "no run" after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        running: dict[str, str] = {}
        for task_id, name, state in TASK_LINE.findall(log.read_text(errors="replace")):
            if state == "RUNNING":
                running[task_id] = name
            else:
                running.pop(task_id, None)
        started = [LONG_TASKS[n] for n in running.values() if n in LONG_TASKS]
        if started:
            return started[0]
        time.sleep(0.05)
    return "no run"


def wait_for(base: str, seconds: float = 60) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/accounts/login/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {base}")


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def soak(options: Any) -> int:
    from lattice.demo.personas import DEMO_PASSWORD, DEMO_TOTP_SECRET

    base = f"http://{HOST}:{options.port}"
    work = Path(tempfile.mkdtemp(prefix="lattice-soak-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lattice.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": base,
        "LATTICE_VAR_DIR": str(work / "var"),
        "LATTICE_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(ROOT),
        # The soak speaks plain HTTP on 127.0.0.1, where a district's TLS proxy would; the
        # redirect to https and the https-only cookies are for the public side of that proxy.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    env.pop("LATTICE_TASKS_IMMEDIATE", None)
    server = worker = None
    try:
        print(f"soak: {options.minutes:g} min on {base}, gunicorn -w {options.workers}, "
              f"PostgreSQL, work folder {work}", flush=True)  # fmt: skip
        run_lattice(env, "manage", "migrate", "-v0")
        run_lattice(env, "demo", "--teachers", str(options.teachers), "--years", "2")
        run_lattice(env, "manage", "collectstatic", "--noinput", "-v0")
        run_self(env, "--prepare", str(work / "setup.json"), "--claimants",
                 str(options.claimants))  # fmt: skip
        setup = json.loads((work / "setup.json").read_text())
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "lattice.wsgi", "-b",
             f"{HOST}:{options.port}", "-w", str(options.workers), "--timeout", "60",
             "--graceful-timeout", "10", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=(work / "gunicorn.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        worker = start_worker(env, work / "worker.log")
        wait_for(base)

        s = Soak(options, base, setup)
        office = Client(base, s.tally, "office page")
        office.sign_in("officer", DEMO_PASSWORD, DEMO_TOTP_SECRET)
        threads = []

        def spawn(target: Any, *args: Any) -> None:
            thread = threading.Thread(target=target, args=args, daemon=True)
            threads.append(thread)
            thread.start()

        for persona, pages in (("teacher", READER_PAGES["teacher"]),
                               ("principal", READER_PAGES["principal"])):  # fmt: skip
            for _ in range(options.readers // 3 or 1):
                browser = Client(base, s.tally, f"{persona} page")
                browser.sign_in(persona, DEMO_PASSWORD)
                spawn(s.reader, browser, pages)
        for _ in range(options.readers - 2 * (options.readers // 3 or 1)):
            spawn(s.reader, office.share("office page"), READER_PAGES["office"])
        for token in setup["teacher_tokens"]:
            spawn(s.claimant, token)
        for _ in range(2):
            spawn(s.approver, office.share("verify (page)"))
        spawn(s.importer, office.share("import (page)"))
        spawn(s.forecaster, office.share("forecast (page)"))

        started = time.monotonic()
        duration = options.minutes * 60
        s.stop.wait(duration / 2)
        # Kill while the task worker is in the middle of a forecast or an import: its log says
        # when it starts one (wait up to a minute for that).
        busy = busy_with(work / "worker.log", 60)
        killed = gunicorn_workers(server.pid)[0]
        kill_at = time.monotonic()
        os.kill(killed, signal.SIGKILL)
        worker.kill()
        worker.wait()
        print(f"  {kill_at - started:.0f} s: killed gunicorn worker {killed} and the task "
              f"worker (pid {worker.pid}) with SIGKILL, in the middle of {busy}",
              flush=True)  # fmt: skip
        time.sleep(3)
        worker = start_worker(env, work / "worker.log")
        print(f"  {time.monotonic() - started:.0f} s: task worker started again (pid "
              f"{worker.pid}); gunicorn's workers: {gunicorn_workers(server.pid)}",
              flush=True)  # fmt: skip
        kill_window = (kill_at, time.monotonic() + 5)
        s.stop.wait(duration / 2)  # the second half, after the kill
        s.stop.set()
        load_seconds = time.monotonic() - started
        for thread in threads:
            thread.join(timeout=RUN_POLL_SECONDS + 30)

        drain_started = time.monotonic()
        while time.monotonic() - drain_started < DRAIN_SECONDS:
            active = json.loads(run_self(env, "--active"))
            if not active["imports"] and not active["forecasts"]:
                break
            office.request("GET", f"/imports/{DISTRICT}/")  # orphans are noticed here
            office.request("GET", f"/forecasts/{DISTRICT}/")
            time.sleep(3)
        drain_seconds = time.monotonic() - drain_started

        t = s.tally
        record = work / "seen.json"
        record.write_text(json.dumps({
            "claims": t.claims, "verified": sorted(t.verified), "imports": t.imports,
            "forecasts": t.forecasts,
        }))  # fmt: skip
        checked = json.loads(run_self(env, "--verify", str(record)))
        problems = list(checked["problems"])
        outside = [e for e in t.server_errors if not kill_window[0] <= e[0] <= kill_window[1]]
        inside = len(t.server_errors) - len(outside)
        if outside:
            problems.append(f"{len(outside)} 5xx answers outside the kill window, e.g. "
                            f"{outside[0][1]} → {outside[0][2]}")  # fmt: skip
        dropped_outside = [d for d in t.dropped
                           if not kill_window[0] <= d[0] <= kill_window[1]]  # fmt: skip

        total = sum(len(v) for v in t.latencies.values())
        print(f"\nload: {load_seconds:.0f} s, {total:,} requests "
              f"({total / load_seconds:.1f}/s); answers {dict(t.statuses)}")  # fmt: skip
        print(f"{'kind':<18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        for kind in sorted(t.latencies):
            values = t.latencies[kind]
            print(f"{kind:<18}{len(values):>9,}{statistics.median(values) * 1000:>9.0f}"
                  f"{percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}")  # fmt: skip
        print(f"kill window {kill_window[1] - kill_window[0]:.0f} s: {inside} 5xx, "
              f"{len(t.dropped) - len(dropped_outside)} dropped connections inside; "
              f"{len(outside)} 5xx and {len(dropped_outside)} dropped outside")  # fmt: skip
        print(
            f"claims: {len(t.claims):,} accepted ({t.claim_retries} retries, "
            f"{t.replayed} answered from the idempotency record); verifications: "
            f"{len(t.verified):,} confirmed, {t.verify_refused} refused as already decided"
        )
        print(
            f"imports: {len(t.imports)} uploaded, {t.import_retries} retried after the kill; "
            f"forecasts: {len(t.forecasts)} requested, {t.forecast_retries} retried"
        )
        print(f"drain after the load: {drain_seconds:.0f} s")
        for text, count in t.refusals.most_common(8):
            print(f"  refused ×{count}: {text}")
        for name, value in checked["figures"].items():
            print(f"  {name}: {value}")
        if problems:
            print("\nFAILED:")
            for problem in problems[:40]:
                print(f"  - {problem}")
            return 1
        print(
            "\nOK: every accepted write is there exactly once and audited, no run is stuck, "
            "no 5xx outside the kill window"
        )
        return 0
    finally:
        stop(worker)
        stop(server)
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--readers", type=int, default=6, help="browsing clients")
    parser.add_argument("--claimants", type=int, default=6, help="teachers submitting claims")
    parser.add_argument("--teachers", type=int, default=300, help="size of the demo district")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--active", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verify", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        prepare(options.prepare, options.claimants)
        return
    if options.active:
        active_runs()
        return
    if options.verify:
        verify(options.verify)
        return
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        script = str(ROOT / "scripts" / "with-postgres.sh")
        os.execv(script, [script, sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]])
    sys.path.insert(0, str(ROOT))
    sys.exit(soak(options))


if __name__ == "__main__":
    main()
