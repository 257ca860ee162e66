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
    "api:tokens": 11,
    "api:webhooks": 11,
    "budgets:csv": 12,
    "budgets:district": 11,
    "budgets:home": 8,
    "budgets:scenario": 18,
    "coaching:assignment": 16,
    "coaching:evaluation": 12,
    "coaching:feedback-map": 18,  # with the school's plan and its steps (the load after it)
    "coaching:goal": 19,  # the goal, the reader's rights, what is filed on it, its audit entries
    "coaching:home": 25,  # the overview is paged: its count; the goals one is invited to
    "coaching:plan": 16,
    "coaching:program": 19,
    "coaching:program-new": 9,
    "coaching:step-body": 15,
    "coaching:survey": 16,
    "coaching:survey-answer": 14,
    "coaching:surveys": 17,
    "councils:attachment": 17,
    "councils:body": 32,
    "councils:body-new": 10,
    "councils:decision": 23,
    "councils:home": 19,
    "councils:invite": 13,
    "councils:meeting": 31,
    "councils:meeting-new": 16,
    "councils:minutes-pdf": 18,
    "councils:poll": 33,
    "councils:proposal": 26,
    "councils:proposal-new": 18,
    "councils:register": 17,
    "councils:register-csv": 11,
    "forecasts:csv": 11,
    "forecasts:district": 13,
    "forecasts:home": 8,
    "forecasts:progress": 11,
    "forecasts:run": 12,
    "forecasts:xlsx": 11,
    "imports:connection": 9,
    "imports:district": 17,
    "imports:errors": 8,
    "imports:file": 8,
    "imports:home": 8,
    "imports:hr-template": 7,
    "imports:progress": 13,
    "imports:review": 9,
    "imports:run": 14,
    "imports:settings": 9,
    "mfa_index": 11,
    "mfa_list_webauthn": 10,
    "mfa_reauthenticate": 16,
    "network:cabinets": 12,
    "network:compare": 26,  # with last year's leaders in the demo (retention reads who stayed)
    "network:compare-csv": 23,
    "network:convening": 16,
    "network:convenings": 13,
    "network:curriculum": 15,
    "network:home": 18,
    "network:idea": 20,
    "network:ideas": 16,
    "network:join": 10,
    "network:library": 15,
    "network:members": 13,
    "network:pulse": 15,
    "network:pulse-answer": 13,
    "network:pulse-results": 22,
    "network:resource": 13,
    "network:resource-new": 9,
    "network:sharing": 12,
    "network:team": 17,
    "network:unit": 23,
    "notifications:list": 12,
    "notifications:preferences": 10,
    "openid_connect_login": 12,
    "pathways:adopt": 11,
    "pathways:adopt-csv": 8,
    "pathways:adopt-draft": 10,
    "pathways:application": 14,
    "pathways:claim": 10,
    "pathways:cohort": 22,
    "pathways:cohorts": 13,
    "pathways:district": 32,
    "pathways:evidence": 9,
    "pathways:my-applications": 12,
    "pathways:my-claims": 13,  # +1: is this person a teacher (only a teacher gets the form)
    "pathways:my-path": 41,
    "pathways:payroll": 16,
    "pathways:queue": 11,
    "pathways:review": 11,
    "pathways:staff-path": 17,
    "pathways:statement": 22,
    "people:audit-log": 10,
    "people:district": 19,
    "people:me": 38,
    "people:network": 23,
    "people:school": 30,
    "people:staff-detail": 24,
    "people:staff-list": 16,
    "recognition:achievement-public": 11,
    "recognition:award": 10,
    "recognition:credential": 15,
    "recognition:download-json": 9,
    "recognition:download-jwt": 9,
    "recognition:download-png": 9,
    "recognition:issuer": 11,
    "recognition:issuer-key": 9,
    "recognition:jwks": 9,
    "recognition:mine": 12,
    "recognition:office": 14,  # the awards are paged: their count
    "recognition:program": 21,
    "recognition:programs": 12,
    "recognition:public-jwt": 8,
    "recognition:public-png": 8,
    "recognition:status-list": 10,
    "recognition:transcript": 14,
    "recognition:transcript-json": 12,
    "recognition:transcript-jwt": 13,
    "recognition:verify": 13,
    "roles:application": 16,
    "roles:apply": 20,
    "roles:assignment": 11,
    "roles:assignments": 16,
    "roles:catalogue": 11,
    "roles:dashboard": 24,
    "roles:evidence": 9,
    "roles:home": 23,
    "roles:hr": 26,
    "roles:interest": 11,
    "roles:pipeline": 22,
    "roles:posting-detail": 28,
    "roles:posting-new": 16,
    "roles:postings": 14,
    "roles:proposal": 12,
    "roles:proposal-edit": 12,
    "roles:proposal-new": 12,
    "roles:proposals": 13,
    "roles:reviewer-candidates": 12,
    "roles:role-detail": 20,
    "roles:role-edit": 8,
    "roles:role-new": 9,
    "roles:score": 16,
    "roles:settings": 10,
    "roles:suggestions": 27,  # the positions each person holds (who each role is open to)
    "saml_login": 12,
    "saml_metadata": 9,
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
