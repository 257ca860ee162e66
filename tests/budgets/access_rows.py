"""Access-matrix rows for every budgets URL (see tests/access.py).

Only the district's talent officer (and superusers) may see or change budgets; everyone else
gets 404. Scenario pages use a small scenario made on demand for the cast's district.
"""

from __future__ import annotations

from tests.access import Row, allow
from tests.budgets.helpers import scenario

OFFICER = allow("officer")
SU = {"superuser": True}
BASE = "/budgets/northfield"

NEW = {
    "name": "Plan",
    "first_school_year": "2027",
    "years": "3",
    "budget_line": "9000000",
    "line_growth_percent": "1",
    "policy": "shipped:baltimore-2010",
    "workforce": "synthetic",
    "teachers": "50",
    "runs": "10",
    "seed": "0",
    "max_factor_percent": "50",
}
SOURCE = {
    "source-key": "bond",
    "source-name": "Bond",
    "source-annual_amount": "1000",
    "source-recurring": "on",
    "source-first_year": "2027",
}


def _item(cast: object, kind: str) -> int:
    s = scenario(cast)
    return (
        {
            "source": s.sources.filter(key="grant"),
            "position": s.positions.all(),
            "lever": s.levers.all(),
        }[kind]
        .first()
        .pk
    )  # type: ignore[union-attr]


ROWS = [
    Row(
        "budgets:home",
        lambda c: "/budgets/",
        allow("officer", "other_officer"),
        ok_status=302,
        extra={"superuser": True, "status_for": {"superuser": 200}},
        note="an officer of one district goes straight to it; several are listed",
    ),
    Row("budgets:district", lambda c: f"{BASE}/", OFFICER, extra=SU),
    Row(
        "budgets:district",
        lambda c: f"{BASE}/",
        OFFICER,
        method="POST",
        data=lambda c: NEW,
        ok_status=302,
        extra={"superuser": True, "case": "create"},
    ),
    Row("budgets:scenario", lambda c: f"{BASE}/{scenario(c).pk}/", OFFICER, extra=SU),
    Row("budgets:csv", lambda c: f"{BASE}/{scenario(c).pk}/check.csv", OFFICER, extra=SU),
    Row(
        "budgets:add",
        lambda c: f"{BASE}/{scenario(c).pk}/source/add/",
        OFFICER,
        method="POST",
        data=lambda c: SOURCE,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "budgets:remove",
        lambda c: f"{BASE}/{scenario(c).pk}/lever/{_item(c, 'lever')}/remove/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
]
