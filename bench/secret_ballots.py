"""Benchmark: casting and closing a secret poll, whose ballots are all rewritten in random
order at every vote and at closing (docs/councils.md, "What a secret ballot hides, and when").

    .venv/bin/python bench/secret_ballots.py                  # 40 voters and 1,000 voters
    .venv/bin/python bench/secret_ballots.py --voters 3000
    scripts/with-postgres.sh .venv/bin/python bench/secret_ballots.py

Runs on an empty SQLite database in a temporary directory (or on DATABASE_URL's database).
For each size: a secret yes/no poll whose snapshot holds N staff members (written straight
into the table: the size of a council, or of an election's electorate), every one of them
casting a ballot through ``cast_ballot``. Figures (milliseconds): the mean cast among the
first and the last tenth of the voters (the rewrite grows with the ballots already cast),
the whole vote, and ``close_poll``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lattice.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def one_size(n: int, tag: str) -> dict[str, Any]:
    from lattice.councils import actions
    from lattice.councils.models import EligibleVoter
    from lattice.people.models import District, StaffMember

    district = District.objects.create(key=f"bench-{tag}", name=f"Bench {tag}")
    people = StaffMember.objects.bulk_create(
        StaffMember(
            district=district, employee_id=f"{tag}-{i}", given_name=f"V{i}", family_name="B"
        )
        for i in range(n)
    )
    body = actions.create_body(
        None, district, name="Bench Council", kind="advisory_cabinet", purpose="p", scope="district"
    )
    seat = actions.add_seat(None, body, label="Chair", position="chair", selection="appointed")
    actions.fill_seat(None, seat, people[0])
    proposal = actions.raise_proposal(
        None, body, people[0], title="Bench", problem="p", proposal="q"
    )
    poll = actions.start_poll(None, proposal, kind="yes_no", anonymous=True)
    EligibleVoter.objects.bulk_create(EligibleVoter(poll=poll, voter=p) for p in people[1:])
    options = list(poll.options.values_list("pk", flat=True))
    times = []
    started = time.perf_counter()
    for i, person in enumerate(people):
        t = time.perf_counter()
        actions.cast_ballot(None, poll, person, {options[i % 2]: 1})
        times.append(time.perf_counter() - t)
    whole = time.perf_counter() - started
    t = time.perf_counter()
    actions.close_poll(None, poll)
    closing = time.perf_counter() - t
    tenth = max(n // 10, 1)
    return {
        "voters": n,
        "cast_first_tenth_ms": round(1000 * sum(times[:tenth]) / tenth, 2),
        "cast_last_tenth_ms": round(1000 * sum(times[-tenth:]) / tenth, 2),
        "whole_vote_s": round(whole, 2),
        "close_ms": round(1000 * closing, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, action="append", help="sizes (default 40, 1000)")
    args = parser.parse_args()
    sizes = args.voters or [40, 1000]
    if not os.environ.get("DATABASE_URL"):
        os.environ["LATTICE_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-secret-")
    _django()
    from django.db import connection

    figures = {"database": connection.vendor, "sizes": []}
    for i, n in enumerate(sizes):
        figures["sizes"].append(one_size(n, str(i)))
        print(f"  {figures['sizes'][-1]}", file=sys.stderr, flush=True)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
