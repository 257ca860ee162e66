"""Query parameters shared by the read endpoints: ``updated_since`` and ``on``.

*Updated since* is read from the append-only audit log, which every change of standing,
pay, assignment, rating and personal record goes through (``lattice.audit.log.record``): a
person has changed since a moment when an audit entry about them was written at or after
it. One definition for every endpoint, and no column another app must remember to touch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BigIntegerField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from lattice.api.problems import FieldProblem
from lattice.audit.models import AuditEntry

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records changed at or after this moment (ISO 8601, e.g. "
    "2026-09-01T00:00:00Z), as the audit log records changes.",
)
ON = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description="The date to read as of (YYYY-MM-DD); today when left out.",
)
DISTRICT = OpenApiParameter(
    "district",
    OpenApiTypes.STR,
    description="A district's key, for accounts that reach more than one district.",
)


def flag(request: Any, name: str) -> bool | None:
    """A true/false query parameter (None when absent); anything else is refused."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or values[0] not in ("true", "false"):
        raise FieldProblem(
            name, f"“{values[-1]}” is not true or false.", "Send true or false, once."
        )
    return values[0] == "true"


def one_of(request: Any, name: str, allowed: list[str], what: str) -> str | None:
    """A query parameter that must be one of ``allowed``, once (None when absent)."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or values[0] not in allowed:
        raise FieldProblem(
            name, f"“{values[-1]}” is not {what}.", "Use one of: " + ", ".join(allowed) + ", once."
        )
    return values[0]


def updated_since(request: Any) -> dt.datetime | None:
    raw = request.query_params.get("updated_since")
    if raw is None:
        return None
    return moment(raw, "updated_since")


def moment(raw: str, name: str) -> dt.datetime:
    """An ISO 8601 date and time (or a date: its midnight, UTC when no offset is given)."""
    try:
        value = parse_datetime(raw.replace(" ", "+")) if raw else None
        day = None if value is not None or not raw else parse_date(raw)
    except ValueError:  # well formed, but no such day (2026-02-30)
        value = day = None
    if value is None:
        if day is None:
            raise FieldProblem(
                name,
                f"“{raw}” is not a date and time.",
                "Write it as ISO 8601, e.g. 2026-09-01T00:00:00Z.",
            )
        value = dt.datetime.combine(day, dt.time.min)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    try:
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows.
        return value.astimezone(dt.UTC)
    except OverflowError as exc:
        raise FieldProblem(
            name, f"“{raw}” is out of range.", "Give a date after the year 1."
        ) from exc


def on_date(request: Any) -> dt.date:
    raw = request.query_params.get("on")
    if raw is None:
        return timezone.localdate()
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    if day is None:
        raise FieldProblem("on", f"“{raw}” is not a date.", "Write it as YYYY-MM-DD.")
    return day


def people_changed_since(since: dt.datetime) -> QuerySet[Any]:
    """Staff ids with an audit entry about them at or after ``since``."""
    return (
        AuditEntry.objects.filter(at__gte=since, staff_member_id__isnull=False)
        .order_by()
        .values("staff_member_id")
    )


def objects_changed_since(since: dt.datetime, label: str) -> QuerySet[Any]:
    """Ids of objects of model ``label`` (e.g. ``people.School``) audited since ``since``."""
    return (
        AuditEntry.objects.filter(at__gte=since, object_type=label)
        .exclude(object_id="")
        .order_by()
        .annotate(pk_value=Cast("object_id", BigIntegerField()))
        .values("pk_value")
    )
