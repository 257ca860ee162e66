"""What a decision can carry out in Lattice: a small typed registry of carry-outs.

A proposal may say what it changes in Lattice once its vote passes (``Proposal.carries_out``
names a :class:`CarryOut`, ``carry_out_fields`` holds what it was raised with). Each carry-out
says who may carry it out, checks the fields when the proposal is raised, previews what it
would do (on the proposal and the decision pages, before anyone confirms), and carries it out
through the owning app's own public action, which audits it in that app's words:

- ``create_role``: add a leadership role to the catalogue (``roles.actions.save_role``); the
  body's administrators (the talent office, or the school's principal for a school body);
- ``adopt_policy``: adopt a pathway policy the talent office drafted and previewed
  (``pathways.actions.adopt_draft``); the talent office only, since it changes pay. The
  proposal keeps the draft's fingerprint, so a draft changed after the vote is refused;
- ``change_stipend``: pay a catalogue role's holders a new stipend
  (``roles.actions.change_stipend``) from the day the proposal states (the start of next
  semester, say; none stated: the day it is carried out); the talent office only. A day
  before the proposal is raised is refused unless the proposal says the change is
  back-dated, and then reaches back to the start of the school year at most.

The councils app sits above pathways and roles (docs/decisions/0009), so it reads them
through their ``actions``, ``queries`` and ``access`` modules directly; neither knows about
councils. Adding a carry-out is adding an entry to :data:`CARRY_OUTS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse

from lattice.councils.access import administers
from lattice.councils.actions.common import CouncilError
from lattice.councils.models import Body, Decision
from lattice.lib.actors import Actor
from lattice.lib.formatting import day, money
from lattice.pathways import actions as pathways_actions
from lattice.pathways import queries as pathways_queries
from lattice.pathways.models import AdoptionDraft
from lattice.people.access import can_administer_district
from lattice.people.queries import current_school_year, today
from lattice.roles import access as roles_access
from lattice.roles import actions as roles_actions
from lattice.roles import queries as roles_queries
from lattice.roles.models import LeadershipRole, RoleType

Fields = Mapping[str, Any]


@dataclass(frozen=True)
class Preview:
    """What a carry-out would do, as label/value lines, and why it cannot now (empty: it
    can). The decision page shows both above the confirm button."""

    lines: tuple[tuple[str, str], ...]
    refusal: str = ""
    details_url: str = ""  # the owning app's fuller preview, for who carries it out
    details_label: str = ""


@dataclass(frozen=True)
class Done:
    """What carrying out changed: ``record`` is kept on the decision (``kind:pk:label``),
    ``audit`` goes into the councils' own audit entry."""

    record: str
    audit: dict[str, Any]


@dataclass(frozen=True)
class CarryOut:
    """One kind of change a decision carries out: ``key`` is what ``Proposal.carries_out``
    stores, ``label`` what the pages say it does. ``check`` runs when the proposal is raised
    and returns the fields to keep (or refuses with a sentence); ``preview`` and
    ``carry_out`` read and write only through the owning app's public modules."""

    key: str
    label: str
    carried_out_by: str  # who, in the words the pages use ("the talent office")
    may_carry_out: Callable[[Actor, Body], bool]
    check: Callable[[Body, Fields], dict[str, Any]]  # raising: the fields to keep, or refuse
    preview: Callable[[Body, Fields], Preview]
    carry_out: Callable[[Actor, Decision], Done]
    link: Callable[[Body, int], str]  # the page of what it changed, from the record's pk


def _statement(decision: Decision) -> str:
    """Who decided, as a holder's pay line will read it."""
    return f"the {decision.body.name}'s decision of {day(decision.decided_on)}"


def _reference(decision: Decision) -> str:
    return f"councils.Decision:{decision.pk}"


def _office(actor: Actor, body: Body) -> bool:
    """The district's talent office and the superuser: the people who may change pay."""
    return can_administer_district(actor, body.district)


# --- create a catalogue role -----------------------------------------------------------------

ROLE_LABELS = {
    "key": "Code (used in web addresses and import files)",
    "title": "Title",
    "role_type": "Kind of role",
    "purpose": "Purpose",
    "duties": "Duties",
}


def _role_check(body: Body, fields: Fields) -> dict[str, Any]:
    out = dict(fields)
    if not str(out.get("title", "")).strip():
        raise CouncilError("Role: give the new role a title.")
    return out


def _role_preview(body: Body, fields: Fields) -> Preview:
    return Preview(
        tuple(
            (ROLE_LABELS.get(k, k.replace("_", " ").capitalize()), _role_value(k, v))
            for k, v in fields.items()
        )
    )


def _role_value(key: str, value: Any) -> str:
    """A field of the new role as the catalogue shows it: the kind of role by its label
    ("Coach", not the stored "coach"), other fields on one line."""
    if key == "role_type":
        return str(dict(RoleType.choices).get(str(value), value))
    return "; ".join(str(value).splitlines())


def _role_carry_out(actor: Actor, decision: Decision) -> Done:
    assert decision.proposal is not None
    try:
        role = roles_actions.save_role(
            actor, decision.body.district, **decision.proposal.carry_out_fields
        )
    except roles_actions.RoleError as exc:
        raise CouncilError(f"Carry out: the role cannot be created: {exc}") from exc
    return Done(f"role:{role.pk}:{role.title}", {"role": role.title})


def _role_link(body: Body, pk: int) -> str:
    return reverse("roles:role-detail", args=[pk])


# --- adopt a pathway policy ------------------------------------------------------------------


def _draft(body: Body, fields: Fields) -> AdoptionDraft | None:
    pk = fields.get("draft")
    if not isinstance(pk, int):
        return None
    return AdoptionDraft.objects.filter(pk=pk, district=body.district).defer("rows").first()


def _policy_check(body: Body, fields: Fields) -> dict[str, Any]:
    draft = _draft(body, fields)
    if draft is None:
        raise CouncilError(
            "Pathway policy: choose one of the drafts the talent office has previewed."
        )
    if draft.adoption_id is not None:
        raise CouncilError(
            f"Pathway policy: {draft} was adopted already; choose a draft not yet adopted."
        )
    preview = pathways_queries.draft_preview(draft)
    return {"draft": draft.pk, "fingerprint": preview.fingerprint, "policy": preview.label}


def _policy_preview(body: Body, fields: Fields) -> Preview:
    draft = _draft(body, fields)
    if draft is None:
        return Preview(
            (("Policy", str(fields.get("policy", "a draft"))),),
            "The talent office's draft of this policy no longer exists; raise a new "
            "proposal on a current draft.",
        )
    p = pathways_queries.draft_preview(draft)
    lines = (
        ("Policy", p.label),
        ("Teachers placed", f"{p.placed} of {p.teachers}"),
        ("Not placed", str(p.unplaced)),
        ("Pay", f"{p.gain} gain, {p.lose} lose, {p.same} the same"),
        (
            "Year-one cost",
            f"{money(p.cost, signed=True)} ({money(p.before_total)} → {money(p.after_total)})",
        ),
    )
    refusal = ""
    if p.adopted:
        refusal = "This draft was adopted already, outside this decision."
    elif p.fingerprint != fields.get("fingerprint"):
        refusal = (
            "The talent office changed this draft after the vote (its crosswalk, date or "
            "policy text), so it is not what the body voted on. Raise a new proposal on the "
            "draft as it is now."
        )
    elif p.refusal:
        refusal = "The draft cannot be adopted yet: " + " ".join(p.refusal[:3])
    return Preview(
        lines,
        refusal,
        details_url=reverse("pathways:adopt-draft", args=[draft.pk]),
        details_label="Every teacher in the talent office's preview",
    )


def _policy_carry_out(actor: Actor, decision: Decision) -> Done:
    proposal = decision.proposal
    assert proposal is not None
    draft = _draft(decision.body, proposal.carry_out_fields)
    assert draft is not None  # the preview's refusal stops a missing draft first
    note = f"Decided by {_statement(decision)} ({_reference(decision)})."
    try:
        adoption, written, _ = pathways_actions.adopt_draft(actor, draft, note=note)
    except ValidationError as exc:
        raise CouncilError("Carry out: " + " ".join(exc.messages[:5])) from exc
    label = f"{adoption.policy_key} v{adoption.version} from {day(adoption.effective_from)}"
    return Done(
        f"adoption:{adoption.pk}:{label}",
        {"adoption": adoption.pk, "policy": adoption.policy_key, "standings_written": written},
    )


def _policy_link(body: Body, pk: int) -> str:
    return f"{reverse('pathways:adopt')}?district={body.district.key}"


# --- change a role's stipend -----------------------------------------------------------------


def _role(body: Body, fields: Fields) -> LeadershipRole | None:
    pk = fields.get("role")
    if not isinstance(pk, int):
        return None
    return roles_queries.stipend_roles(body.district).filter(pk=pk).first()


def _stated_from(fields: Fields) -> dt.date | None:
    """The day the proposal says the new stipend is paid from (None: it says none)."""
    value = fields.get("effective_from")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _year_start(body: Body, on: dt.date) -> dt.date | None:
    year = current_school_year(body.district_id, on)
    return year.start if year is not None else None


def _stipend_check(body: Body, fields: Fields) -> dict[str, Any]:
    role = _role(body, fields)
    if role is None:
        raise CouncilError("Role: choose a role of the catalogue that pays a stipend.")
    amount = fields.get("stipend_dollars")
    if not isinstance(amount, int):
        raise CouncilError("New stipend: give the new stipend in whole dollars a year.")
    try:
        roles_actions.check_stipend(role, amount)
    except roles_actions.RoleError as exc:
        raise CouncilError(f"New stipend: {exc}") from exc
    kept: dict[str, Any] = {"role": role.pk, "title": role.title, "stipend_dollars": amount}
    raw = fields.get("effective_from")
    stated = _stated_from(fields)
    if raw and stated is None:
        raise CouncilError(f"New stipend paid from: '{raw}' is not a date; write it as 2027-01-01.")
    if stated is None:
        return kept
    backdated = bool(fields.get("backdated"))
    raised_on = today()
    if stated < raised_on and not backdated:
        raise CouncilError(
            f"New stipend paid from: {day(stated)} is before the proposal is raised "
            f"({day(raised_on)}). Choose a later day, or say that the change is back-dated "
            "(its holders are then owed the difference since that day)."
        )
    start = _year_start(body, raised_on)
    if backdated and start is not None and stated < start:
        raise CouncilError(
            "New stipend paid from: a back-dated change reaches back to the start of this "
            f"school year ({day(start)}) at most; pay for an earlier year is settled in payroll."
        )
    if stated > raised_on + dt.timedelta(days=MAX_AHEAD_DAYS):
        raise CouncilError(
            f"New stipend paid from: {day(stated)} is more than two years ahead; choose a "
            f"day within two years of {day(raised_on)}."
        )
    return kept | {"effective_from": stated.isoformat(), "backdated": backdated}


MAX_AHEAD_DAYS = 2 * 366  # a stipend decided now takes effect within two school years


def stipend_from(fields: Fields, on: dt.date) -> tuple[dt.date, str]:
    """The day a stipend decision carried out on ``on`` pays the new stipend from, and that
    day in words for the preview. The day the proposal states; none stated, ``on`` itself. A
    stated day already past is kept only when the proposal says it is back-dated; otherwise
    the change is paid from ``on``, never before the day it is carried out unannounced."""
    stated = _stated_from(fields)
    if stated is None:
        return on, f"{day(on)}, the day it is carried out (the proposal names no day)"
    if stated >= on:
        return stated, day(stated)
    if fields.get("backdated"):
        return stated, f"{day(stated)}, back-dated: holders are owed the difference since then"
    return on, (
        f"{day(on)}, the day it is carried out: the {day(stated)} the proposal names has "
        "passed, and it does not say it is back-dated"
    )


def _stipend_preview(body: Body, fields: Fields) -> Preview:
    role = _role(body, fields)
    amount = int(fields.get("stipend_dollars", 0))
    if role is None:
        return Preview(
            (("Role", str(fields.get("title", "a role"))),),
            "The role is no longer in the catalogue or no longer pays a stipend; nothing can "
            "be changed.",
        )
    effective, paid_from = stipend_from(fields, today())
    p = roles_queries.stipend_preview(role, amount, effective)
    lines = (
        ("Role", role.title),
        ("Stipend", f"{money(role.stipend_dollars)} → {money(amount)} a year"),
        ("Paid from", paid_from),
        ("Current holders", f"{p.holders} (paid the new stipend from {day(effective)})"),
        (
            "Cost a year",
            f"{money(p.cost, signed=True)} ({money(p.before_total)} → {money(p.after_total)})",
        ),
    )
    refusal = ""
    try:
        roles_actions.check_stipend(role, amount)
    except roles_actions.RoleError as exc:
        refusal = str(exc)
    return Preview(lines, refusal)


def _stipend_carry_out(actor: Actor, decision: Decision) -> Done:
    proposal = decision.proposal
    assert proposal is not None
    role = _role(decision.body, proposal.carry_out_fields)
    assert role is not None  # the preview's refusal stops a missing role first
    effective, _ = stipend_from(proposal.carry_out_fields, today())
    try:
        changed = roles_actions.change_stipend(
            actor,
            role,
            stipend_dollars=int(proposal.carry_out_fields["stipend_dollars"]),
            decided_by=_statement(decision),
            reference=_reference(decision),
            on=effective,
        )
    except roles_actions.RoleError as exc:
        raise CouncilError(f"Carry out: {exc}") from exc
    return Done(
        f"stipend:{role.pk}:{role.title} pays {money(changed.after)} a year from "
        f"{day(changed.effective_from)}",
        {
            "role": role.title,
            "before": changed.before,
            "after": changed.after,
            "holders": changed.holders,
            "effective_from": changed.effective_from.isoformat(),
            "backdated": changed.effective_from < today(),
        },
    )


CARRY_OUTS: dict[str, CarryOut] = {
    c.key: c
    for c in (
        CarryOut(
            key="create_role",
            label="Add a leadership role to the district's catalogue",
            carried_out_by="the talent office (or the school's principal for a school body)",
            may_carry_out=administers,
            check=_role_check,
            preview=_role_preview,
            carry_out=_role_carry_out,
            link=_role_link,
        ),
        CarryOut(
            key="adopt_policy",
            label="Adopt a pathway policy the talent office has previewed",
            carried_out_by="the talent office",
            may_carry_out=_office,
            check=_policy_check,
            preview=_policy_preview,
            carry_out=_policy_carry_out,
            link=_policy_link,
        ),
        CarryOut(
            key="change_stipend",
            label="Change a leadership role's stipend for its holders",
            carried_out_by="the talent office",
            may_carry_out=lambda actor, body: roles_access.can_edit_catalogue(
                actor, body.district_id
            ),
            check=_stipend_check,
            preview=_stipend_preview,
            carry_out=_stipend_carry_out,
            link=_role_link,
        ),
    )
}


def policy_drafts(body: Body) -> QuerySet[AdoptionDraft]:
    """The drafts a proposal of ``body`` may adopt: its district's, not adopted yet."""
    return pathways_queries.open_adoption_drafts(body.district)


def stipend_roles(body: Body) -> QuerySet[LeadershipRole]:
    """The roles a proposal of ``body`` may change the stipend of."""
    return roles_queries.stipend_roles(body.district)


def carry_out_for(key: str) -> CarryOut:
    """The registered carry-out ``key``; ``CouncilError`` naming the choices otherwise."""
    found = CARRY_OUTS.get(key)
    if found is None:
        raise CouncilError(
            f"Carries out: '{key}' is not something a decision carries out; choose one of "
            + ", ".join(sorted(CARRY_OUTS))
            + "."
        )
    return found


@dataclass(frozen=True)
class Shown:
    """A carry-out as a page shows it: what, who carries it out, the preview, and once
    done, what it made and where to see it."""

    carry_out: CarryOut
    preview: Preview
    record_label: str = ""
    record_url: str = ""


def shown(body: Body, key: str, fields: Fields, carried_out_as: str = "") -> Shown | None:
    entry = CARRY_OUTS.get(key)
    if entry is None:
        return None
    if carried_out_as:
        _, pk, label = [*carried_out_as.split(":", 2), "", ""][:3]
        url = entry.link(body, int(pk)) if pk.isdigit() else ""
        return Shown(entry, Preview(()), label, url)
    return Shown(entry, entry.preview(body, fields))


__all__ = [
    "CARRY_OUTS",
    "CarryOut",
    "Done",
    "Preview",
    "Shown",
    "carry_out_for",
    "policy_drafts",
    "shown",
    "stipend_roles",
]
