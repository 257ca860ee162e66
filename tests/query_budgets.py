"""The query budget of every page, in one place: the most queries a GET of the page may run.

The access matrix (tests/test_access_matrix.py) checks every page that answers 200 for a
persona of the cast, and the crawler (tests/test_crawl.py) every page a demo persona reaches;
both fail when a page runs more queries than its budget here, or has none. A budget is a
count that does not grow with the district: lists read in a fixed number of queries (a page
whose count grows with its rows shows up as soon as the cast or the demo grows).

Budgets are the worst count measured across the personas of the cast and the demo, on a
cold cache (a first visit computes what lattice/lib/stamped then remembers), so they are
tight; to see the counts again (after adding pages, or making one leaner):

    LATTICE_RECORD_QUERIES=/tmp/queries.jsonl pytest tests/test_access_matrix.py tests/test_crawl.py
    python -m tests.query_budgets /tmp/queries.jsonl
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

from django.urls import resolve

RECORD = os.environ.get("LATTICE_RECORD_QUERIES", "")

BUDGETS: dict[str, int] = {
    "account_change_password": 10,
    "account_inactive": 10,
    "account_login": 2,
    "account_logout": 9,
    "account_reauthenticate": 18,
    "accounts:provider-edit": 8,
    "accounts:provider-new": 8,
    "accounts:session": 10,
    "accounts:settings": 13,
    "accounts:sign-in-waiting": 10,
    "admin:index": 6,
    "api:claim-detail": 12,
    "api:claim-list": 10,
    "api:docs": 9,
    "api:payroll": 14,
    "api:role-assignment-list": 10,
    "api:schema": 10,
    "api:school-list": 10,
    "api:school-year-list": 11,
    "api:staff-detail": 12,
    "api:staff-list": 10,
    "api:standing-list": 18,
    "api:tokens": 11,
    "api:webhooks": 11,
    "budgets:csv": 13,
    "budgets:district": 10,
    "budgets:home": 8,
    "budgets:scenario": 18,
    "coaching:assignment": 18,
    "coaching:evaluation": 13,
    "coaching:feedback-map": 17,
    "coaching:home": 23,
    "coaching:plan": 17,
    "coaching:program": 23,
    "coaching:program-new": 9,
    "coaching:survey": 17,
    "coaching:survey-answer": 15,
    "coaching:surveys": 17,
    "councils:body": 33,
    "councils:body-new": 10,
    "councils:decision": 24,
    "councils:home": 18,
    "councils:invite": 15,
    "councils:meeting": 32,
    "councils:meeting-new": 17,
    "councils:minutes-pdf": 20,
    "councils:poll": 35,
    "councils:proposal": 30,
    "councils:proposal-new": 17,
    "councils:register": 18,
    "councils:register-csv": 13,
    "forecasts:csv": 11,
    "forecasts:district": 12,
    "forecasts:home": 8,
    "forecasts:progress": 11,
    "forecasts:run": 11,
    "forecasts:xlsx": 11,
    "imports:connection": 9,
    "imports:district": 15,
    "imports:errors": 9,
    "imports:file": 9,
    "imports:home": 8,
    "imports:hr-template": 8,
    "imports:progress": 12,
    "imports:review": 9,
    "imports:run": 12,
    "imports:settings": 9,
    "mfa_index": 12,
    "mfa_list_webauthn": 11,
    "mfa_reauthenticate": 16,
    "network:compare": 29,
    "network:compare-csv": 18,
    "network:convening": 17,
    "network:convenings": 14,
    "network:home": 17,
    "network:idea": 19,
    "network:ideas": 17,
    "network:join": 10,
    "network:library": 16,
    "network:members": 14,
    "network:resource": 14,
    "network:resource-new": 9,
    "network:sharing": 12,
    "openid_connect_login": 13,
    "pathways:adopt": 11,
    "pathways:adopt-csv": 9,
    "pathways:adopt-draft": 10,
    "pathways:application": 14,
    "pathways:claim": 11,
    "pathways:cohort": 22,
    "pathways:cohorts": 12,
    "pathways:district": 32,
    "pathways:evidence": 11,
    "pathways:my-applications": 13,
    "pathways:my-claims": 13,
    "pathways:my-path": 47,
    "pathways:notifications": 11,
    "pathways:payroll": 16,
    "pathways:queue": 10,
    "pathways:review": 12,
    "pathways:staff-path": 18,
    "pathways:statement": 47,
    "people:audit-log": 10,
    "people:district": 13,
    "people:me": 28,
    "people:network": 23,
    "people:school": 20,
    "people:staff-detail": 24,
    "people:staff-list": 16,
    "recognition:achievement-public": 12,
    "recognition:award": 11,
    "recognition:credential": 16,
    "recognition:download-json": 11,
    "recognition:download-jwt": 11,
    "recognition:download-png": 11,
    "recognition:issuer": 12,
    "recognition:issuer-key": 11,
    "recognition:jwks": 11,
    "recognition:mine": 13,
    "recognition:office": 12,
    "recognition:program": 22,
    "recognition:programs": 13,
    "recognition:public-jwt": 10,
    "recognition:public-png": 10,
    "recognition:status-list": 17,
    "recognition:transcript": 16,
    "recognition:transcript-json": 14,
    "recognition:verify": 15,
    "roles:application": 17,
    "roles:apply": 20,
    "roles:assignment": 12,
    "roles:assignments": 16,
    "roles:catalogue": 13,
    "roles:dashboard": 19,
    "roles:evidence": 11,
    "roles:home": 24,
    "roles:hr": 26,
    "roles:interest": 12,
    "roles:posting-detail": 32,
    "roles:posting-new": 19,
    "roles:postings": 14,
    "roles:proposal": 12,
    "roles:proposal-new": 13,
    "roles:proposals": 13,
    "roles:role-detail": 21,
    "roles:role-edit": 8,
    "roles:role-new": 9,
    "roles:score": 17,
    "roles:settings": 10,
    "roles:suggestions": 15,
    "saml_login": 13,
    "saml_metadata": 11,
    "site:healthz": 5,
    "socialaccount_login_cancelled": 10,
}


def view_name(path: str) -> str:
    return resolve(path.split("?")[0]).view_name


def budget_for(path: str) -> int:
    """The budget of the page at ``path`` (its URL name's)."""
    name = view_name(path)
    if name not in BUDGETS:
        raise AssertionError(f"{path} ({name}) has no query budget in tests/query_budgets.py")
    return BUDGETS[name]


def check(path: str, queries: int, who: str = "") -> None:
    """Fail when the page at ``path`` ran more than its budget (or record the count)."""
    if RECORD:
        with open(RECORD, "a") as out:
            out.write(json.dumps({"name": view_name(path), "queries": queries}) + "\n")
        return
    budget = budget_for(path)
    assert queries <= budget, f"{path} ran {queries} queries {who}; its budget is {budget}"


def main(recorded: str) -> None:
    worst: dict[str, int] = defaultdict(int)
    for line in Path(recorded).read_text().splitlines():
        row = json.loads(line)
        worst[row["name"]] = max(worst[row["name"]], row["queries"])
    for name in sorted(worst):
        print(f'    "{name}": {worst[name]},')


if __name__ == "__main__":
    main(sys.argv[1])
