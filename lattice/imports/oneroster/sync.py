"""The live roster sync: a district's OneRoster 1.2 REST connection, read on a schedule
through the same plan → preview → apply path and safety rules as an uploaded package.

Each sync is an import run (origin ``sync``) whose stored files are the package the service
answered with, so its preview, errors, history, retry, undo and file retention are those of
any import. A delta asks for records changed since the newest ``dateLastModified`` of the
last applied sync; every ``full_sync_days`` (and the first time) a full sync reads everything
and, as a bulk import, also finds people the SIS removed.

A sync applies by itself only when it has no errors, stays within the district's safety
limits and the connection says "apply automatically"; otherwise it waits at its preview and
the district's talent officers are told (email, and the connection's status on the imports
pages). A failure (the service unreachable, credentials refused, data with errors) marks the
connection failing and tells them too.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.imports import actions, lifecycle
from lattice.imports.models import ImportRun, RosterConnection
from lattice.imports.oneroster import secrets
from lattice.imports.oneroster.rest import (
    RosterClient,
    RosterServiceError,
    check_base_url,
    fetch_package,
    utc_stamp,
)
from lattice.lib import jobs
from lattice.lib.actors import Actor
from lattice.people.models import AccessGrant, District

log = logging.getLogger(__name__)
Health = RosterConnection.Health
CONNECTION_FIELDS = (
    "base_url",
    "token_url",
    "client_id",
    "scope",
    "include_classes",
    "schedule",
    "sync_hour",
    "auto_apply",
    "enabled",
    "full_sync_days",
)


# --- the connection (an action: audited, the secret encrypted and never echoed) -----------


@transaction.atomic
def save_connection(
    actor: Actor, district: District, values: dict[str, Any], secret: str = ""
) -> RosterConnection:
    """Create or change the district's connection; ``secret`` replaces the saved one if given."""
    connection = RosterConnection.objects.filter(district=district).first()
    created = connection is None
    if connection is None:
        connection = RosterConnection(district=district)
    before = {f: getattr(connection, f) for f in CONNECTION_FIELDS} if not created else {}
    for name in CONNECTION_FIELDS:
        if name in values:
            setattr(connection, name, values[name])
    connection.base_url = check_base_url(connection.base_url)
    if secret:
        connection.secret_encrypted = secrets.encrypt(secret)
        connection.secret_set_at = timezone.now()
    connection.full_clean(exclude=["secret_encrypted"])
    connection.save()
    after = {f: getattr(connection, f) for f in CONNECTION_FIELDS}
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if secret:
        changed["client_secret"] = "replaced (not shown)"
    if changed:
        record(
            actor=actor,
            action="imports.connection.save",
            obj=connection,
            district=district,
            before={k: before.get(k) for k in changed if k in before},
            after=changed,
        )
    return connection


# --- alerts --------------------------------------------------------------------------------


def officer_emails(district: District) -> list[str]:
    users = (
        get_user_model()
        .objects.filter(
            access_grants__district=district,
            access_grants__role=AccessGrant.Role.TALENT_OFFICER,
            is_active=True,
        )
        .exclude(email="")
    )
    return sorted({u.email for u in users})


def alert_officers(connection: RosterConnection, subject: str, body: str) -> None:
    """Email the district's talent officers once the status change is committed."""
    addresses = officer_emails(connection.district)
    if not addresses:
        return
    link = f"/imports/{connection.district.key}/connection/"

    def send() -> None:
        try:
            send_mail(subject, f"{body}\n\n{link}", None, addresses)
        except Exception:  # mail trouble must not undo the sync's record
            log.warning("could not email the roster-sync alert for %s", connection.district)

    transaction.on_commit(send)


def _status(
    connection: RosterConnection,
    health: str,
    message: str,
    *,
    alert: str = "",
    **fields: Any,
) -> None:
    previous = connection.health
    connection.health = health
    connection.last_message = message[:500]
    for name, value in fields.items():
        setattr(connection, name, value)
    connection.save(update_fields=["health", "last_message", *fields])
    if alert and (health != previous or health == Health.WAITING):
        alert_officers(connection, alert, message)


# --- the sync -------------------------------------------------------------------------------


def _needs_full(connection: RosterConnection, now: dt.datetime) -> bool:
    return (
        not connection.high_water
        or connection.last_full_sync_at is None
        or now - connection.last_full_sync_at >= dt.timedelta(days=connection.full_sync_days)
    )


def sync(connection_id: int, *, actor: Actor = None, full: bool = False) -> ImportRun | None:
    """Read the service and plan, preview and (when safe) apply; returns the run."""
    connection = RosterConnection.objects.select_related("district").get(pk=connection_id)
    district = connection.district
    now = timezone.now()
    full = full or _needs_full(connection, now)
    since = "" if full else connection.high_water
    RosterConnection.objects.filter(pk=connection.pk).update(last_attempt_at=now)
    connection.last_attempt_at = now
    storage = f"imports/{uuid.uuid4().hex}"
    run = actions.create_run(
        actor,
        kind=ImportRun.Kind.ONEROSTER,
        district=district,
        origin="sync",
        file_names=[],
        mode="bulk" if full else "delta",
        storage=storage,
    )
    ImportRun.objects.filter(pk=run.pk).update(connection=connection)
    run.connection = connection
    jobs.claim(
        ImportRun, run.pk, status=ImportRun.Status.PARSING, from_statuses=[ImportRun.Status.QUEUED]
    )
    run.refresh_from_db()
    folder = Path(settings.MEDIA_ROOT) / storage
    try:
        with jobs.Lease(ImportRun, run.pk) as lease:
            secret = secrets.decrypt(connection.secret_encrypted)
            with RosterClient(
                connection.base_url,
                connection.client_id,
                secret,
                token_url=connection.token_url,
                scope=connection.scope,
            ) as client:
                fetched = fetch_package(
                    client,
                    folder,
                    since=since,
                    include_classes=connection.include_classes,
                    progress=lease,
                )
            names = sorted(p.name for p in folder.iterdir())
            ImportRun.objects.filter(pk=run.pk).update(file_names=names)
            run.file_names = names
            if since and fetched.total == 0:
                return _nothing_new(connection, run, since)
            from lattice.imports.service import prepare_oneroster

            plan = prepare_oneroster(
                folder, district, mode="delta" if since else "bulk", progress=lease
            )
            plan.counted.update(fetched.counted)
        run.preview = {
            "sync": {
                "since": since,
                "newest": fetched.newest or utc_stamp(now),
                "full": full,
                "counted": dict(fetched.counted),
                "records": dict(fetched.records),
            }
        }
        actions.store_preview(run, plan)
    except (RosterServiceError, secrets.SecretUnreadable) as exc:
        lifecycle.fail(run, "parse", f"The roster sync could not read the SIS: {exc}.")
        _status(
            connection,
            Health.FAILING,
            f"The last sync failed: {exc}.",
            alert=f"Roster sync failed for {district.name}",
        )
        return run
    except Exception:
        log.exception("roster sync %s failed", connection_id)
        lifecycle.fail(
            run, "parse", f"The roster sync stopped unexpectedly (run #{run.pk} in the log)."
        )
        _status(
            connection,
            Health.FAILING,
            f"The last sync stopped unexpectedly (run #{run.pk} in the log); try again.",
            alert=f"Roster sync failed for {district.name}",
        )
        return run
    if plan.errors:
        _status(
            connection,
            Health.FAILING,
            f"The SIS sent data with {plan.errors.total} errors, so nothing was written "
            f"(import #{run.pk} lists them).",
            alert=f"Roster sync for {district.name} found errors",
        )
        return run
    guard = run.guard
    if guard.get("exceeded"):
        _status(
            connection,
            Health.WAITING,
            f"Import #{run.pk} waits for an officer: it would deactivate "
            f"{guard['staff_removed']:,} staff and end {guard['assignments_ended']:,} "
            "assignments, more than the district's limit.",
            alert=f"Roster sync for {district.name} needs a decision",
        )
        return run
    if not connection.auto_apply:
        _status(
            connection,
            Health.WAITING,
            f"Import #{run.pk} is ready to apply (this connection does not apply by itself).",
        )
        return run
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.APPLY_QUEUED)
    jobs.claim(
        ImportRun,
        run.pk,
        status=ImportRun.Status.APPLYING,
        from_statuses=[ImportRun.Status.APPLY_QUEUED],
    )
    try:
        with jobs.Lease(ImportRun, run.pk):
            actions.apply_plan(actor, plan, run)
    except Exception:
        log.exception("roster sync %s could not apply", connection_id)
        lifecycle.fail(
            run, "apply", f"Nothing was written: applying failed (run #{run.pk} in the log)."
        )
        _status(
            connection,
            Health.FAILING,
            f"Applying the last sync failed (run #{run.pk} in the log); nothing was written.",
            alert=f"Roster sync failed for {district.name}",
        )
        return run
    run.refresh_from_db()
    return run


def _nothing_new(connection: RosterConnection, run: ImportRun, since: str) -> ImportRun:
    now = timezone.now()
    message = f"No changes: the SIS reports nothing modified since {since}."
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.APPLIED,
        applied_at=now,
        progress=1,
        progress_label="Done",
        message=message,
        counts={"tables": {}, "people_changed": 0},
        preview={"sync": {"since": since, "newest": since, "full": False}},
        **jobs.reset_lease(),
    )
    _status(connection, Health.OK, message, last_success_at=now)
    run.refresh_from_db()
    return run


def after_apply(run: ImportRun) -> None:
    """A sync run was applied (by the sync, or later by an officer): move the connection on."""
    if run.connection_id is None:
        return
    connection = RosterConnection.objects.filter(pk=run.connection_id).first()
    if connection is None:
        return
    info = run.preview.get("sync", {})
    fields: dict[str, Any] = {"last_success_at": timezone.now()}
    if info.get("newest"):
        fields["high_water"] = max(info["newest"], connection.high_water)
    if info.get("full"):
        fields["last_full_sync_at"] = timezone.now()
    counts = run.counts.get("tables", {})
    changed = ", ".join(
        f"{table}: " + ", ".join(f"{v} {k}" for k, v in c.items() if v and k != "unchanged")
        for table, c in counts.items()
        if any(v for k, v in c.items() if k != "unchanged")
    )
    message = (
        f"Synced (import #{run.pk}): {changed}."
        if changed
        else (f"Synced (import #{run.pk}): nothing changed.")
    )
    _status(connection, Health.OK, message, **fields)


def due_connections(now: dt.datetime | None = None) -> list[int]:
    """Connections whose schedule says a sync is due now (nightly at the hour, or hourly)."""
    now = now or timezone.now()
    due = []
    for connection in RosterConnection.objects.filter(enabled=True).exclude(
        schedule=RosterConnection.Schedule.MANUAL
    ):
        last = connection.last_attempt_at
        if connection.schedule == RosterConnection.Schedule.HOURLY:
            if last is None or now - last >= dt.timedelta(minutes=55):
                due.append(connection.pk)
            continue
        today_at = now.replace(hour=connection.sync_hour, minute=0, second=0, microsecond=0)
        if now >= today_at and (last is None or last < today_at):
            due.append(connection.pk)
    return due
