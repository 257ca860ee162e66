"""The live OneRoster 1.2 REST sync, end to end against a real HTTP provider on 127.0.0.1
with a real OAuth 2.0 client-credentials token exchange (``lattice.imports.oneroster.provider``
serving the same package the CSV tests import). No mocks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from lattice.imports import actions, lifecycle
from lattice.imports.models import ImportRun, RosterConnection
from lattice.imports.oneroster.provider import serve
from lattice.imports.oneroster.sync import due_connections, save_connection, sync
from lattice.imports.tasks import apply_run
from lattice.lib import schedule
from lattice.people.models import Assignment, School, SchoolYear, StaffMember
from tests.imports.files import write_package_12
from tests.imports.helpers import import_roster

SECRET = "s3cret-for-tests-only"
BASE = "/imports/northfield"


@pytest.fixture
def package(tmp_path):
    return write_package_12(tmp_path / "or")


@pytest.fixture
def provider(package):
    with serve(package, client_id="lattice", client_secret=SECRET) as running:
        yield running


@pytest.fixture
def connection(cast, provider):
    officer = cast.user("officer")
    officer.email = "opal.officer@northfield.example.org"
    officer.save(update_fields=["email"])
    return save_connection(
        officer,
        cast.district,
        {"base_url": provider.base_url, "client_id": "lattice", "include_classes": True},
        SECRET,
    )


def district_rows(district: Any) -> dict[str, set[tuple[Any, ...]]]:
    """The district's roster as comparable rows (assignment keys aside: REST roles carry no
    sourcedId, so the reader keys them user|org|role)."""
    return {
        "years": set(
            SchoolYear.objects.filter(district=district).values_list(
                "label", "start", "end", "sourced_id"
            )
        ),
        "schools": set(
            School.objects.filter(district=district).values_list("key", "name", "sourced_id")
        ),
        "staff": set(
            StaffMember.objects.filter(district=district).values_list(
                "employee_id",
                "sourced_id",
                "given_name",
                "family_name",
                "preferred_name",
                "email",
                "active",
            )
        ),
        "assignments": set(
            Assignment.objects.filter(staff_member__district=district).values_list(
                "staff_member__employee_id",
                "school__key",
                "school_year__label",
                "position",
                "title",
                "begin_date",
                "end_date",
            )
        ),
    }


def _confirm_and_apply(run: ImportRun, user: Any) -> ImportRun:
    run.refresh_from_db()
    lifecycle.queue_apply(user, run, run.guard["confirm_count"])
    apply_run.call(run.pk, user.pk)
    run.refresh_from_db()
    return run


def test_a_sync_imports_the_same_rows_as_the_csv_package(cast, connection, package):
    with transaction.atomic():
        import_roster(package, cast.district)
        from_csv = district_rows(cast.district)
        transaction.set_rollback(True)
    run = sync(connection.pk)
    assert run.status == ImportRun.Status.READY  # 3 of 5 would leave: it waits for a yes
    run = _confirm_and_apply(run, cast.user("officer"))
    assert run.status == ImportRun.Status.APPLIED, run.message
    assert district_rows(cast.district) == from_csv
    assert run.counts["counted_not_stored"]["student"] == 5
    assert not StaffMember.objects.filter(sourced_id__startswith="stu-").exists()
    connection.refresh_from_db()
    assert connection.health == RosterConnection.Health.OK
    assert connection.high_water == "2025-08-01T00:00:00.000Z"


def test_a_second_sync_reports_nothing_changed(cast, connection):
    first = _confirm_and_apply(sync(connection.pk), cast.user("officer"))
    assert first.status == ImportRun.Status.APPLIED
    before = district_rows(cast.district)
    second = sync(connection.pk)
    assert second.status == ImportRun.Status.APPLIED
    assert second.mode == "delta"
    assert second.message == (
        "No changes: the SIS reports nothing modified since 2025-08-01T00:00:00.000Z."
    )
    assert district_rows(cast.district) == before
    full = sync(connection.pk, full=True)
    assert full.status == ImportRun.Status.APPLIED
    assert full.message == "No changes: everything was already up to date."


def test_a_delta_asks_only_for_changes_and_applies_them(cast, connection, provider):
    _confirm_and_apply(sync(connection.pk), cast.user("officer"))
    provider.provider.touch("users", "u-ada", givenName="Adele")
    run = sync(connection.pk)
    assert run.status == ImportRun.Status.APPLIED, run.message
    assert StaffMember.objects.get(sourced_id="u-ada").given_name == "Adele"
    assert any(
        "filter=dateLastModified%3E%272025-08-01T00%3A00%3A00.000Z%27" in r
        for r in provider.provider.requests
    )
    assert run.counts["tables"]["staff"]["update"] == 1
    assert not any(c.get("deactivate") for c in run.counts["tables"].values())


def test_paging_reads_every_page(cast, connection, provider):
    from lattice.imports.oneroster.rest import RosterClient

    with RosterClient(provider.base_url, "lattice", SECRET, page_size=2) as client:
        users = list(client.records("users"))
    assert len(users) == 10  # 4 staff, 5 students, 1 parent: five pages of two
    assert sum("/users?limit=2" in r for r in provider.provider.requests) == 5


def test_a_sync_that_would_deactivate_many_waits_and_tells_the_officers(
    cast, connection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = sync(connection.pk)
    connection.refresh_from_db()
    assert run.status == ImportRun.Status.READY
    assert connection.health == RosterConnection.Health.WAITING
    assert "would deactivate 4 staff" in connection.last_message
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 6
    assert [m.to for m in mail.outbox] == [["opal.officer@northfield.example.org"]]
    assert mail.outbox[0].subject == "Roster sync for Northfield Public Schools needs a decision"


def test_refused_credentials_fail_the_sync_with_a_plain_message_and_an_alert(
    cast, connection, django_capture_on_commit_callbacks
):
    save_connection(cast.user("officer"), cast.district, {}, "not-the-secret")
    with django_capture_on_commit_callbacks(execute=True):
        run = sync(connection.pk)
    connection.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert connection.health == RosterConnection.Health.FAILING
    assert "the SIS refused Lattice's client id and secret (invalid_client)" in run.message
    assert mail.outbox[0].subject == "Roster sync failed for Northfield Public Schools"


def test_an_unreachable_service_fails_the_sync(cast, connection, provider):
    provider.stop()
    run = sync(connection.pk)
    assert run.status == ImportRun.Status.FAILED
    assert "Lattice could not reach http://127.0.0.1:" in run.message


def test_the_secret_is_stored_encrypted_and_never_shown(cast, connection, client_for):
    connection.refresh_from_db()
    assert SECRET not in connection.secret_encrypted
    page = client_for("officer").get(f"{BASE}/connection/").content.decode()
    assert SECRET not in page
    assert "(not shown)" in page
    assert 'name="client_secret"' in page
    assert f'value="{SECRET}"' not in page


def test_an_officer_sets_up_the_connection_on_the_settings_page(cast, client_for, provider):
    officer = client_for("officer")
    response = officer.post(
        f"{BASE}/connection/",
        {
            "base_url": provider.base_url,
            "client_id": "lattice",
            "client_secret": SECRET,
            "scope": "",
            "schedule": "nightly",
            "sync_hour": "2",
            "full_sync_days": "7",
            "auto_apply": "on",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    saved = RosterConnection.objects.get(district=cast.district)
    assert saved.schedule == "nightly"
    response = officer.post(f"{BASE}/connection/sync/", {})
    assert response.status_code == 302
    assert ImportRun.objects.filter(origin="sync", district=cast.district).count() == 1


def test_plain_http_is_refused_except_on_the_loopback_address(cast):
    with pytest.raises(ValueError, match="use https://"):
        save_connection(
            None,
            cast.district,
            {"base_url": "http://sis.example.org/ims/oneroster/rostering/v1p2", "client_id": "x"},
            "y",
        )


def test_the_nightly_sync_is_registered_and_due_once_a_night(cast, connection):
    import datetime as dt

    from django.utils import timezone

    assert "imports.roster-sync" in {job.name for job in schedule.jobs()}
    night = timezone.now().replace(hour=3, minute=0, second=0, microsecond=0)
    assert due_connections(night) == [connection.pk]
    RosterConnection.objects.filter(pk=connection.pk).update(last_attempt_at=night)
    assert due_connections(night + dt.timedelta(hours=1)) == []
    assert due_connections(night + dt.timedelta(days=1)) == [connection.pk]
    assert due_connections(night.replace(hour=1)) == []


def test_an_officer_can_apply_a_waiting_sync_and_the_connection_moves_on(cast, connection):
    run = sync(connection.pk)
    _confirm_and_apply(run, cast.user("officer"))
    connection.refresh_from_db()
    assert connection.health == RosterConnection.Health.OK
    assert connection.last_full_sync_at is not None
    assert actions.reap(cast.district) == []
