"""Writing audit entries. Only named actions call :func:`record`, inside their transaction,
under an action name an app registered (:mod:`lattice.audit.names`); an unknown name is
refused before anything is written."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import models

from lattice.audit.models import AuditEntry
from lattice.audit.names import require
from lattice.lib.actors import Actor, signed_in

SYSTEM = "system"


def _actor_label(actor: Actor) -> str:
    if actor is None:
        return SYSTEM
    full = actor.get_full_name() if isinstance(actor, User) else ""
    return f"{full} ({actor.get_username()})" if full else actor.get_username()


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    district: Any = None,
    staff_member: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one audit entry. ``actor`` is a user or None for the system."""
    return AuditEntry.objects.create(
        actor=signed_in(actor),
        actor_label=_actor_label(actor),
        action=require(action),
        district=district,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        staff_member=staff_member,
        before=before or {},
        after=after or {},
        summary=summary[:500],
    )


def record_many(
    *,
    actor: Actor,
    action: str,
    entries: list[dict[str, Any]],
    district: Any = None,
    summary: str = "",
) -> int:
    """Append one audit entry per item of ``entries`` in one statement (a recompute that
    changes many people's standings). Each item may give ``obj``, ``staff_member_id``,
    ``object_label``, ``before``, ``after`` and ``summary``; the rest is as :func:`record`."""
    require(action)
    label = _actor_label(actor)
    actor_obj = signed_in(actor)
    rows = []
    for item in entries:
        obj = item.get("obj")
        rows.append(
            AuditEntry(
                actor=actor_obj,
                actor_label=label,
                action=action,
                district=district,
                object_type=obj._meta.label if obj is not None else item.get("object_type", ""),
                object_id=str(obj.pk) if obj is not None else str(item.get("object_id", "")),
                object_label=str(item.get("object_label", obj or ""))[:300],
                staff_member_id=item.get("staff_member_id"),
                before=item.get("before") or {},
                after=item.get("after") or {},
                summary=str(item.get("summary", summary))[:500],
            )
        )
    AuditEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, JSON-ready, for before/after."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = str(value)
        out[name] = value
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
