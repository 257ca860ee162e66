"""Changing a role's stipend for its holders, by a decision taken elsewhere.

A role's stipend is copied onto each assignment when it is given (``assign_role``), so an
edit of the catalogue never rewrites what a holder was promised. A body that decides pay (a
council's decision, carried out by the talent office) may change it for the current holders
too: :func:`change_stipend` sets the catalogue's stipend, changes every assignment that is
still running from the day given, and keeps a :class:`~lattice.roles.models.StipendChange`
per holder, so the pay lines (``lattice.roles.pay``) pay the old amount before that day and
the new one from it, and say who changed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.formatting import day, money
from lattice.people.queries import today
from lattice.roles import queries
from lattice.roles.actions.common import RoleError
from lattice.roles.models import LeadershipRole, RoleAssignment, StipendChange

MAX_STIPEND = 100_000  # the catalogue's own bound on a stipend (LeadershipRole.stipend_dollars)


@dataclass(frozen=True)
class StipendChanged:
    """What :func:`change_stipend` did: the role, the amounts, from when, for how many."""

    role: LeadershipRole
    before: int
    after: int
    effective_from: dt.date
    holders: int


def check_stipend(role: LeadershipRole, stipend_dollars: int) -> None:
    """Refuse (``RoleError``) a stipend ``role`` cannot be given, saying why and the fix."""
    if role.pay_kind != "stipend":
        raise RoleError(
            f"{role.title} pays in units under the district policy, not a stipend; change "
            "its pay to a stipend in the catalogue first."
        )
    if not 0 <= stipend_dollars <= MAX_STIPEND:
        raise RoleError(
            f"A stipend is between {money(0)} and {money(MAX_STIPEND)} a year; "
            f"{money(stipend_dollars)} is outside."
        )
    if stipend_dollars == role.stipend_dollars:
        raise RoleError(f"{role.title} already pays {money(stipend_dollars)} a year.")


@transaction.atomic
def change_stipend(
    actor: Actor,
    role: LeadershipRole,
    *,
    stipend_dollars: int,
    decided_by: str,
    reference: str = "",
    on: dt.date | None = None,
) -> StipendChanged:
    """Pay ``stipend_dollars`` a year for ``role`` from ``on`` (today when None): in the
    catalogue, for later assignments, and for every active assignment still running then.

    ``decided_by`` says who decided it, as the holders' pay lines will read ("the Alder
    Leadership Council's decision of Nov 20, 2026"); ``reference`` names that record.
    Audited once for the role (``roles.role.change_stipend``) and once per holder
    (``roles.assignment.change_stipend``), whose history then shows their pay change.
    """
    role = LeadershipRole.objects.select_for_update().get(pk=role.pk)
    check_stipend(role, stipend_dollars)
    if not decided_by.strip():
        raise RoleError("Say who decided the change; the holders' pay lines name it.")
    effective_from = on or today()
    before = role.stipend_dollars
    role.stipend_dollars = stipend_dollars
    role.save(update_fields=["stipend_dollars"])
    running = list(queries.stipend_holders(role, effective_from).select_for_update(of=("self",)))
    changes = [
        StipendChange(
            assignment=a,
            effective_from=max(effective_from, a.starts_on),
            before_dollars=a.stipend_dollars,
            after_dollars=stipend_dollars,
            decided_by=decided_by[:300],
            reference=reference[:120],
            created_by=signed_in(actor),
        )
        for a in running
    ]
    StipendChange.objects.bulk_create(changes)
    RoleAssignment.objects.filter(pk__in=[a.pk for a in running]).update(
        stipend_dollars=stipend_dollars
    )
    record(
        actor=actor,
        action="roles.role.change_stipend",
        obj=role,
        district=role.district,
        before={"stipend_dollars": before},
        after={
            "stipend_dollars": stipend_dollars,
            "effective_from": effective_from.isoformat(),
            "holders": len(running),
            "reference": reference,
        },
        summary=f"{money(before)} → {money(stipend_dollars)} a year from {day(effective_from)}, "
        f"for {len(running)} current holders; decided by {decided_by}",
    )
    for change in changes:
        a = change.assignment
        record(
            actor=actor,
            action="roles.assignment.change_stipend",
            obj=a,
            district=role.district,
            staff_member=a.staff_member,
            before={"stipend_dollars": change.before_dollars},
            after={
                "stipend_dollars": stipend_dollars,
                "effective_from": change.effective_from.isoformat(),
                "reference": reference,
            },
            summary=f"{money(change.before_dollars)} → {money(stipend_dollars)} a year from "
            f"{day(change.effective_from)}; decided by {decided_by}",
        )
    return StipendChanged(role, before, stipend_dollars, effective_from, len(running))
