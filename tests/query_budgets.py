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
    "account_change_password": 9,
    "account_inactive": 9,
    "account_login": 2,
    "account_logout": 8,
    "account_reauthenticate": 17,
    "accounts:provider-edit": 8,
    "accounts:provider-new": 8,
    "accounts:session": 9,
    "accounts:settings": 13,
    "accounts:sign-in-waiting": 9,
    "admin:index": 6,
    "api:audit-list": 7,
    "api:award-detail": 8,
    "api:award-list": 8,
    "api:claim-detail": 10,
    "api:claim-list": 8,
    "api:decision-detail": 11,
    "api:decision-list": 11,
    "api:docs": 7,
    "api:forecast-detail": 13,
    "api:forecast-list": 13,
    "api:import-detail": 13,
    "api:import-list": 13,
    "api:payroll": 13,
    "api:posting-detail": 15,
    "api:posting-list": 11,
    "api:role-assignment-detail": 9,
    "api:role-assignment-list": 8,
    "api:role-detail": 9,
    "api:role-list": 8,
    "api:schema": 14,
    "api:school-list": 8,
    "api:school-year-list": 9,
    "api:staff-detail": 10,
    "api:staff-list": 8,
    "api:standing-list": 18,
    "api:tokens": 12,
    "api:webhooks": 12,
    "budgets:csv": 13,
    "budgets:district": 12,
    "budgets:home": 9,
    "budgets:scenario": 19,
    "coaching:assignment": 19,
    "coaching:evaluation": 14,
    "coaching:feedback-map": 20,  # with the school's plan and its steps (the load after it)
    "coaching:goal": 21,  # the goal, the reader's rights, what is filed on it, its audit entries
    "coaching:home": 27,  # the overview is paged: its count; the goals one is invited to
    "coaching:plan": 18,
    "coaching:program": 24,
    "coaching:program-new": 10,
    "coaching:step-body": 17,
    "coaching:survey": 18,
    "coaching:survey-answer": 16,
    "coaching:surveys": 19,
    "councils:attachment": 19,
    "councils:body": 34,
    "councils:body-new": 13,
    "councils:decision": 25,
    "councils:home": 20,
    "councils:invite": 15,
    "councils:meeting": 33,
    "councils:meeting-new": 18,
    "councils:minutes-pdf": 20,
    "councils:poll": 36,
    "councils:proposal": 31,
    "councils:proposal-new": 22,
    "councils:register": 19,
    "councils:register-csv": 13,
    "forecasts:csv": 12,
    "forecasts:district": 14,
    "forecasts:home": 9,
    "forecasts:progress": 12,
    "forecasts:run": 13,
    "forecasts:xlsx": 12,
    "imports:connection": 10,
    "imports:district": 18,
    "imports:errors": 9,
    "imports:file": 9,
    "imports:home": 9,
    "imports:hr-template": 8,
    "imports:progress": 14,
    "imports:review": 10,
    "imports:run": 15,
    "imports:settings": 10,
    "mfa_index": 13,
    "mfa_list_webauthn": 12,
    "mfa_reauthenticate": 17,
    "network:cabinets": 15,
    "network:compare": 31,  # with last year's leaders in the demo (retention reads who stayed)
    "network:compare-csv": 25,
    "network:convening": 18,
    "network:convenings": 15,
    "network:curriculum": 17,
    "network:home": 18,
    "network:idea": 24,
    "network:ideas": 18,
    "network:join": 11,
    "network:library": 17,
    "network:members": 15,
    "network:pulse": 17,
    "network:pulse-answer": 15,
    "network:pulse-results": 24,
    "network:resource": 15,
    "network:resource-new": 10,
    "network:sharing": 13,
    "network:team": 19,
    "network:unit": 25,
    "notifications:list": 15,
    "notifications:preferences": 12,
    "openid_connect_login": 14,
    "pathways:adopt": 12,
    "pathways:adopt-csv": 9,
    "pathways:adopt-draft": 11,
    "pathways:application": 15,
    "pathways:claim": 12,
    "pathways:cohort": 23,
    "pathways:cohorts": 14,
    "pathways:district": 33,
    "pathways:evidence": 11,
    "pathways:my-applications": 14,
    "pathways:my-claims": 14,
    "pathways:my-path": 48,
    "pathways:payroll": 17,
    "pathways:queue": 12,
    "pathways:review": 13,
    "pathways:staff-path": 20,
    "pathways:statement": 47,
    "people:audit-log": 11,
    "people:district": 19,
    "people:me": 36,
    "people:network": 24,
    "people:school": 26,
    "people:staff-detail": 25,
    "people:staff-list": 17,
    "recognition:achievement-public": 13,
    "recognition:award": 12,
    "recognition:credential": 17,
    "recognition:download-json": 11,
    "recognition:download-jwt": 11,
    "recognition:download-png": 11,
    "recognition:issuer": 13,
    "recognition:issuer-key": 11,
    "recognition:jwks": 11,
    "recognition:mine": 14,
    "recognition:office": 15,  # the awards are paged: their count
    "recognition:program": 23,
    "recognition:programs": 14,
    "recognition:public-jwt": 10,
    "recognition:public-png": 10,
    "recognition:status-list": 17,
    "recognition:transcript": 17,
    "recognition:transcript-json": 14,
    "recognition:transcript-jwt": 16,
    "recognition:verify": 15,
    "roles:application": 18,
    "roles:apply": 23,
    "roles:assignment": 13,
    "roles:assignments": 18,
    "roles:catalogue": 14,
    "roles:dashboard": 25,
    "roles:evidence": 11,
    "roles:home": 26,
    "roles:hr": 27,
    "roles:interest": 13,
    "roles:pipeline": 23,
    "roles:posting-detail": 35,
    "roles:posting-new": 23,
    "roles:postings": 17,
    "roles:proposal": 15,
    "roles:proposal-edit": 14,
    "roles:proposal-new": 14,
    "roles:proposals": 15,
    "roles:reviewer-candidates": 15,
    "roles:role-detail": 24,
    "roles:role-edit": 9,
    "roles:role-new": 10,
    "roles:score": 18,
    "roles:settings": 11,
    "roles:suggestions": 28,  # the positions each person holds (who each role is open to)
    "saml_login": 14,
    "saml_metadata": 11,
    "site:healthz": 5,
    "socialaccount_login_cancelled": 9,
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
