"""The query budget of every page, in one place: the most queries a GET of the page may run.

The access matrix (tests/test_access_matrix.py) checks every page that answers 200 for a
persona of the cast, and the crawler (tests/test_crawl.py) every page a demo persona reaches;
both fail when a page runs more queries than its budget here, or has none. A budget is a
count that does not grow with the district: lists read in a fixed number of queries (a page
whose count grows with its rows shows up as soon as the cast or the demo grows).

Budgets are the worst count measured across the personas of the cast and the demo, so they
are tight; to see the counts again (after adding pages, or making one leaner):

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

BUDGETS: dict[str, int] = {}


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
