"""The pathways app's notices move into the notifications app with their time and read state,
and nobody is emailed them again.

The suite's databases are made from the models (``--nomigrations``), so this test migrates a
database of its own in a subprocess: pathways up to the migration before the move (only the
apps it depends on), a few notices written the old way, then the move.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.migrated import ROOT, SQLITE_NAME, _subprocess_env


def _migrate(var_dir: Path, *target: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", *target, "--noinput", "-v0"],
        cwd=ROOT,
        env=_subprocess_env(LATTICE_VAR_DIR=str(var_dir)),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_old_notices_are_copied_with_their_time_and_read_state_then_the_old_table_goes(
    tmp_path: Path,
) -> None:
    _migrate(tmp_path, "pathways", "0002_standings_crosswalks_and_adoption_drafts")
    db = sqlite3.connect(tmp_path / SQLITE_NAME)
    with db:
        db.execute(
            "INSERT INTO auth_user (id, password, last_login, is_superuser, username, first_name,"
            " last_name, email, is_staff, is_active, date_joined) VALUES (7, '',"
            " '2026-01-01 00:00:00', 0, 'ada', '', '', '', 0, 1, '2026-01-01 00:00:00')"
        )
        db.execute(
            "INSERT INTO pathways_notification (user_id, subject, body, link, created_at, read_at)"
            " VALUES (7, 'Your claim was verified', 'EDU 610', '/pathways/me/',"
            " '2026-03-04 09:30:00', '2026-03-05 08:00:00')"
        )
        db.execute(
            "INSERT INTO pathways_notification (user_id, subject, body, link, created_at, read_at)"
            " VALUES (7, 'Model cohort 1: you passed', 'Well done', '', '2026-03-06 10:00:00',"
            " NULL)"
        )
    db.close()

    _migrate(tmp_path, "pathways", "0003_notices_move_to_the_notifications_app")
    db = sqlite3.connect(tmp_path / SQLITE_NAME)
    rows = db.execute(
        "SELECT kind, subject, link, created_at, read_at, email FROM notifications_notification"
        " WHERE user_id = 7 ORDER BY id"
    ).fetchall()
    tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        ("pathways.claim_verified", "Your claim was verified", "/pathways/me/", "sent"),
        ("pathways.application_decided", "Model cohort 1: you passed", "", "sent"),
    ]
    assert rows[0][3].startswith("2026-03-04 09:30")
    assert rows[0][4].startswith("2026-03-05")
    assert rows[1][4] is None
    assert "pathways_notification" not in tables
