"""The pathways app's notices move into the notifications app with their read state, and
nobody is emailed them again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("pathways", "0002_standings_crosswalks_and_adoption_drafts"),
    ("notifications", "0001_notices_and_delivery_preferences"),
]
AFTER = [("pathways", "0003_notices_move_to_the_notifications_app")]


def test_old_notices_are_copied_with_their_time_and_read_state_then_the_old_table_goes() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    User = old_apps.get_model("auth", "User")
    Old = old_apps.get_model("pathways", "Notification")
    ada = User.objects.create(username="ada-migrated")
    made = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
    read = Old.objects.create(
        user=ada, subject="Your claim was verified", body="EDU 610", link="/pathways/me/"
    )
    Old.objects.filter(pk=read.pk).update(created_at=made, read_at=made)
    Old.objects.create(user=ada, subject="Model cohort 1: you passed", body="Well done")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    New = new_apps.get_model("notifications", "Notification")
    rows = list(New.objects.filter(user_id=ada.pk).order_by("id"))
    assert [(r.kind, r.email) for r in rows] == [
        ("pathways.claim_verified", "sent"),
        ("pathways.application_decided", "sent"),
    ]
    assert rows[0].created_at == made and rows[0].read_at == made
    assert rows[1].read_at is None
    assert "pathways_notification" not in connection.introspection.table_names()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the schema as it was
