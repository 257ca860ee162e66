"""Access-matrix rows for every forecasts URL (see tests/access.py).

Only the district's talent officer (and superusers) may forecast; a principal, a teacher,
another district's officer and a network officer get 404. Run pages use a small finished run
made on demand for the cast's district.
"""

from __future__ import annotations

from tests.access import Row, allow
from tests.forecasts.helpers import SMALL, finished_run

OFFICER = allow("officer")
SU = {"superuser": True}
BASE = "/forecasts/northfield"

FORM = {
    "policy": SMALL["policy"], "vs": "", "workforce": "synthetic", "teachers": 20, "years": 1,
    "first_school_year": 2027,
    "runs": 10, "seed": 0, "cola": "1", "replacement_rate": "100", "certificate_rate": "25",
    "accelerated_approved": "5", "peer_review_passed": "3", "selected_as_lead": "2",
}  # fmt: skip

ROWS = [
    Row(
        "forecasts:home",
        lambda c: "/forecasts/",
        allow("officer", "other_officer"),
        ok_status=302,
        extra={"superuser": True, "status_for": {"superuser": 200}},
        note="an officer of one district goes straight to it; several are listed",
    ),
    Row("forecasts:district", lambda c: f"{BASE}/", OFFICER, extra=SU),
    Row(
        "forecasts:district",
        lambda c: f"{BASE}/",
        OFFICER,
        method="POST",
        data=lambda c: FORM,
        ok_status=302,
        extra={"superuser": True, "case": "run"},
    ),
    Row("forecasts:run", lambda c: f"{BASE}/runs/{finished_run(c).pk}/", OFFICER, extra=SU),
    Row(
        "forecasts:progress",
        lambda c: f"{BASE}/runs/{finished_run(c).pk}/progress/",
        OFFICER,
        extra=SU,
    ),
    Row(
        "forecasts:cancel",
        lambda c: f"{BASE}/runs/{finished_run(c).pk}/cancel/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "forecasts:retry",
        lambda c: f"{BASE}/runs/{finished_run(c).pk}/retry/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "forecasts:csv",
        lambda c: f"{BASE}/runs/{finished_run(c).pk}/results.csv",
        OFFICER,
        extra=SU,
    ),
    Row(
        "forecasts:xlsx",
        lambda c: f"{BASE}/runs/{finished_run(c).pk}/results.xlsx",
        OFFICER,
        extra=SU,
    ),
]
