"""Migration 0007 moves who voted from receipt rows (one written per vote, in the order of
voting) onto the eligibility snapshot (``EligibleVoter.voted``), then drops the receipts.

The suite's databases are made from the models (``--nomigrations``), so this test migrates a
database of its own in a subprocess: councils up to 0005, a poll with two receipts written
through the historical models, then 0007.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.migrated import ROOT, _subprocess_env

SCRIPT = """
import datetime as dt, json, django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

before = [("councils", "0006_voting_shares_and_proxies")]
after = [("councils", "0007_voted_on_the_snapshot")]
executor = MigrationExecutor(connection)
executor.migrate(before)
apps = executor.loader.project_state(before).apps
district = apps.get_model("people", "District").objects.create(key="n", name="Northfield")
Staff = apps.get_model("people", "StaffMember")
people = [
    Staff.objects.create(district=district, employee_id=str(i), given_name=f"M{i}",
                         family_name="Voter")
    for i in range(3)
]
body = apps.get_model("councils", "Body").objects.create(
    district=district, name="Council", kind="advisory_cabinet", purpose="p")
poll = apps.get_model("councils", "Poll").objects.create(
    body=body, title="Poll", kind="yes_no", anonymous=True, opened_on=dt.date(2026, 1, 5))
for person in people:
    apps.get_model("councils", "EligibleVoter").objects.create(poll=poll, voter=person)
for person in (people[2], people[0]):
    apps.get_model("councils", "VoterReceipt").objects.create(poll=poll, voter=person)
executor = MigrationExecutor(connection)
executor.migrate(after)
apps = executor.loader.project_state(after).apps
rows = apps.get_model("councils", "EligibleVoter").objects.filter(poll_id=poll.pk)
print(json.dumps({
    "voted": sorted(p.pk for p in people if rows.get(voter_id=p.pk).voted),
    "expected": sorted([people[0].pk, people[2].pk]),
    "receipts_table": "councils_voterreceipt" in connection.introspection.table_names(),
}))
"""


def test_receipts_become_marks_on_the_snapshot_and_the_receipt_table_goes(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=_subprocess_env(LATTICE_VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["voted"] == result["expected"]
    assert result["receipts_table"] is False
