"""Writers for policies and placements: adopt a policy through its crosswalk, record a
starting placement, recompute one person's standing now.

Adopting places every teacher through the reviewed crosswalk (``lattice.pathways.preview``)
and is refused while anyone would be unplaced or paid $0. Standings themselves are written
only by ``actions.standings.recompute_standings``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from lattice.audit.log import record
from lattice.lib.actors import Actor, signed_in
from lattice.lib.facts import Fact, facts_changed
from lattice.lib.formatting import money
from lattice.pathways import crosswalk as cw
from lattice.pathways.actions.standings import recompute_standings
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.models import (
    AdoptionDraft,
    PolicyAdoption,
    Standing,
    StandingStatus,
    StartingPlacement,
)
from lattice.pathways.policies import parse_policy, sha256_text
from lattice.pathways.preview import AdoptionPlan, plan_adoption
from lattice.people.models import District, StaffMember
from lattice.people.queries import today
from lattice.rules.loader import PolicyError
from lattice.rules.policy import Policy

SYNC_LIMIT = 5000  # larger districts recompute in the background after the adoption


class RecomputeError(ValidationError):
    """A person's standing could not be computed; nothing was written."""


def recompute_standing(
    staff: StaffMember, *, reason: str, kind: Fact = Fact.DECISION, actor: Actor = None
) -> Standing | None:
    """Announce a change of ``staff``'s facts and recompute their standing now, in the
    caller's transaction (the pathways actions that tell the teacher their new standing).

    Raises ``RecomputeError`` when their record cannot be read under the policy, so the
    caller's whole transaction (the claim, the decision) rolls back.
    """
    facts_changed(kind, district_id=staff.district_id, staff_ids=[staff.pk], reason=reason)
    report = recompute_standings(staff.district, staff_ids=[staff.pk], reason=reason, actor=actor)
    standing = Standing.objects.filter(staff_member=staff).first()
    if standing is not None and standing.status == StandingStatus.UNPLACED:
        raise RecomputeError(
            f"Could not recompute {staff.display_name}'s standing: {standing.problem}. "
            "Fix the record first; nothing was saved."
        )
    del report
    return standing


def check_adoption(district: District, toml_text: str, effective_from: dt.date) -> Policy:
    """The parsed policy, or ``ValidationError`` saying what is wrong and how to fix it."""
    try:
        policy = parse_policy(toml_text)
    except PolicyError as error:
        raise ValidationError([str(p) for p in error.problems]) from error
    if effective_from < policy.effective_from or (
        policy.effective_to is not None and effective_from > policy.effective_to
    ):
        until = f" to {policy.effective_to}" if policy.effective_to else ""
        raise ValidationError(
            f"{policy.key} is in force from {policy.effective_from}{until}; the effective date "
            f"{effective_from} is outside it — choose a date inside it, or adopt a district "
            "copy (the same rules with your district's dates)."
        )
    latest = PolicyAdoption.objects.filter(district=district).order_by("-effective_from").first()
    if latest is not None and effective_from < latest.effective_from:
        raise ValidationError(
            f"{district.name} adopted {latest.policy_key} from {latest.effective_from}; a new "
            "policy takes effect after it — choose a later effective date."
        )
    if PolicyAdoption.objects.filter(district=district, effective_from=effective_from).exists():
        raise ValidationError(
            f"{district.name} already adopted a policy effective {effective_from}; choose "
            "another effective date."
        )
    return policy


def refusal(plan: AdoptionPlan) -> list[str]:
    """Why ``plan`` cannot be adopted, each with the fix (empty when it can)."""
    messages = list(plan.problems)
    unplaced = [row for row in plan.rows if row.status == "unplaced"]
    if unplaced:
        messages.append(
            f"{len(unplaced)} teachers would not be placed (or would be paid $0) under "
            f"{plan.policy.key}. Fix each record or change the crosswalk, then preview again:"
        )
        messages += [f"{row.name} ({row.employee_id}): {row.problem} — {row.fix}" for row in
                     unplaced[:10]]  # fmt: skip
        if len(unplaced) > 10:
            messages.append(f"… and {len(unplaced) - 10} more (download the preview CSV).")
    return messages


@transaction.atomic
def adopt_policy(
    actor: Actor,
    district: District,
    *,
    toml_text: str,
    effective_from: dt.date,
    origin: str,
    note: str = "",
    on: dt.date | None = None,
    crosswalk: cw.Crosswalk | None = None,
    draft: AdoptionDraft | None = None,
) -> tuple[PolicyAdoption, int, list[str]]:
    """Adopt a policy from a date, placing every teacher through ``crosswalk`` (the proposed
    one when None), and recompute every standing.

    Refused (``ValidationError``) while any teacher would be unplaced or paid $0. Returns
    (the adoption, standings written, problems).
    """
    policy = check_adoption(district, toml_text, effective_from)
    plan = plan_adoption(district, policy, effective_from, crosswalk=crosswalk, on=on)
    refused = refusal(plan)
    if refused:
        raise ValidationError(refused)
    previous = adoption_in_force(district, max(on or today(), effective_from))
    summary = plan.summary()
    adoption = PolicyAdoption.objects.create(
        district=district,
        policy_key=policy.key,
        policy_name=policy.name,
        version=policy.version,
        effective_from=effective_from,
        toml_text=toml_text,
        sha256=sha256_text(toml_text),
        origin=origin[:200],
        note=note[:300],
        crosswalk={
            **plan.crosswalk.as_dict(),
            "from": f"{previous.policy_key} v{previous.version}" if previous else "",
            "summary": {k: v for k, v in summary.items() if k != "unplaced_reasons"},
        },
        adopted_by=signed_in(actor),
    )
    waiting = StartingPlacement.objects.filter(
        staff_member__district=district, adoption__isnull=True
    )
    if previous is None:
        keys = {p.key for p in policy.pathways}
        wrong = waiting.exclude(pathway__in=keys).exclude(pathway="")
        if wrong.exists():
            first = wrong.select_related("staff_member").first()
            assert first is not None
            raise ValidationError(
                f"{wrong.count()} recorded starting placements name pathways {policy.key} does "
                f"not have (e.g. {first.staff_member.display_name}: '{first.pathway}'); record "
                "them again on one of: " + ", ".join(sorted(keys))
            )
        waiting.update(adoption=adoption)
        claimed = set(waiting.model.objects.filter(adoption=adoption).values_list(
            "staff_member_id", flat=True))  # fmt: skip
    else:
        claimed = set()
    rows = [
        StartingPlacement(
            staff_member_id=pk,
            adoption=adoption,
            on=placement.on,
            pathway=placement.pathway or "",
            interval=placement.interval,
            units=placement.units,
            base_salary=placement.base_salary,
            reason=placement.note[:200],
        )
        for pk, placement in plan.placements.items()
        if placement is not None and pk not in claimed
    ]
    StartingPlacement.objects.bulk_create(rows, batch_size=1000)
    reason = f"adopted {policy.key} v{policy.version}"
    written = 0
    problems: list[str] = []
    if effective_from <= today():
        # In force today: every standing changes now (a later date waits for its day; the
        # nightly recompute as of today picks the adoption up then).
        facts_changed(Fact.POLICY, district_id=district.pk, on=effective_from, reason=reason)
        if len(plan.rows) <= SYNC_LIMIT:
            report = recompute_standings(district, reason=reason, actor=actor, adoption=adoption)
            written = report.created + report.changed
            problems = report.problems
    if draft is not None:
        draft.adoption = adoption
        draft.save(update_fields=["adoption"])
    record(
        actor=actor,
        action="pathways.policy.adopt",
        obj=adoption,
        district=district,
        after={
            "policy": policy.key,
            "version": policy.version,
            "effective_from": effective_from.isoformat(),
            "sha256": adoption.sha256,
            "origin": origin,
            "crosswalk": plan.crosswalk.as_dict(),
            "placements_recorded": len(rows),
            "standings_written": written,
            "summary": adoption.crosswalk["summary"],
        },
        summary=f"Adopted {policy.key} v{policy.version} from {effective_from}; "
        f"{summary['placed']} teachers placed, year-one cost {money(summary['cost'], signed=True)}",
    )
    return adoption, written, problems


def adopt_draft(
    actor: Actor, draft: AdoptionDraft, *, note: str | None = None
) -> tuple[PolicyAdoption, int, list[str]]:
    """Adopt a previewed draft with the crosswalk as the officer last reviewed it (the
    office's adoption page, and a council decision to adopt it, both come here).

    Refused (``ValidationError``) when the draft was adopted already, and as
    :func:`adopt_policy` refuses. ``note`` replaces the draft's note on the adoption (None
    keeps it). Returns what :func:`adopt_policy` returns.
    """
    if draft.adoption_id is not None:
        raise ValidationError("This draft was already adopted; start a new one.")
    return adopt_policy(
        actor, draft.district, toml_text=draft.toml_text, effective_from=draft.effective_from,
        origin=draft.origin, note=draft.note if note is None else note,
        crosswalk=cw.Crosswalk.from_dict(draft.crosswalk), draft=draft,
    )  # fmt: skip


@transaction.atomic
def save_adoption_draft(
    actor: Actor,
    district: District,
    *,
    toml_text: str,
    effective_from: dt.date,
    origin: str,
    note: str = "",
    crosswalk: cw.Crosswalk | None = None,
    draft: AdoptionDraft | None = None,
) -> AdoptionDraft:
    """Compute and keep the preview of an adoption (a new draft, or ``draft`` re-reviewed
    with a changed crosswalk). Nothing about anyone's standing changes."""
    policy = check_adoption(district, toml_text, effective_from)
    plan = plan_adoption(district, policy, effective_from, crosswalk=crosswalk)
    if draft is None:
        draft = AdoptionDraft(district=district, created_by=signed_in(actor))
    draft.policy_key, draft.policy_name, draft.version = policy.key, policy.name, policy.version
    draft.toml_text, draft.sha256 = toml_text, sha256_text(toml_text)
    draft.effective_from, draft.on = effective_from, plan.on
    draft.origin, draft.note = origin[:200], note[:300]
    draft.crosswalk = plan.crosswalk.as_dict()
    draft.rows = [row.as_dict() for row in plan.rows]
    draft.summary = {**plan.summary(), "problems": plan.problems, "refusal": refusal(plan)}
    if crosswalk is not None:
        from django.utils import timezone

        draft.reviewed_at = timezone.now()
    draft.save()
    record(
        actor=actor,
        action="pathways.adoption.preview",
        obj=draft,
        district=district,
        after={"policy": policy.key, "effective_from": effective_from.isoformat(),
               "crosswalk": draft.crosswalk, "summary": {k: v for k, v in draft.summary.items()
                                                         if k in ("placed", "unplaced", "cost")}},
    )  # fmt: skip
    return draft


@transaction.atomic
def record_starting_placement(
    actor: Actor,
    staff: StaffMember,
    *,
    on: dt.date,
    pathway: str,
    interval: int = 1,
    units: int = 0,
    reason: str = "",
) -> StartingPlacement:
    """Record where the district placed a person under the adoption in force (or, before
    any adoption, under the policy the district is about to adopt)."""
    adoption = adoption_in_force(staff.district_id, max(on, today()))
    if adoption is not None:
        policy = policy_of(adoption)
        keys = [p.key for p in policy.pathways]
        if pathway not in keys:
            raise ValidationError(
                f"'{pathway}' is not a pathway of {policy.key}; use one of: {', '.join(keys)}"
            )
        top = policy.pathway(pathway).top_interval
        if not 1 <= interval <= top:
            raise ValidationError(f"{pathway} has intervals 1 to {top}; {interval} is outside.")
    placement, _ = StartingPlacement.objects.update_or_create(
        staff_member=staff,
        adoption=adoption,
        defaults={
            "on": on,
            "pathway": pathway,
            "interval": interval,
            "units": units,
            "reason": reason[:200],
        },
    )
    record(
        actor=actor,
        action="pathways.starting_placement.record",
        obj=placement,
        district=staff.district,
        staff_member=staff,
        after={"on": on.isoformat(), "pathway": pathway, "interval": interval, "units": units},
        summary=reason,
    )
    facts_changed(
        Fact.DECISION,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=on,
        reason=f"starting placement recorded: {pathway} {interval}",
    )
    return placement


@transaction.atomic
def record_starting_placements(
    actor: Actor, district: District, rows: list[StartingPlacement], *, reason: str
) -> int:
    """Record many starting placements at once (a conversion), with one audit entry.

    Rows are unsaved ``StartingPlacement`` objects for people of ``district``; they wait for
    the district's next adoption (which claims them) unless they name one.
    """
    foreign = [r for r in rows if r.staff_member.district_id != district.pk]
    if foreign:
        raise ValidationError(
            f"{foreign[0].staff_member.display_name} does not work in {district.name}."
        )
    for row in rows:
        row.reason = reason[:200]
    StartingPlacement.objects.bulk_create(rows, batch_size=500)
    by_pathway: dict[str, int] = {}
    for row in rows:
        by_pathway[row.pathway] = by_pathway.get(row.pathway, 0) + 1
    record(
        actor=actor,
        action="pathways.starting_placement.record_batch",
        district=district,
        after={"count": len(rows), "by_pathway": by_pathway},
        summary=f"{len(rows)} starting placements recorded: {reason}",
    )
    facts_changed(
        Fact.DECISION,
        district_id=district.pk,
        staff_ids=[r.staff_member_id for r in rows],
        reason=f"{len(rows)} starting placements recorded",
    )
    return len(rows)
