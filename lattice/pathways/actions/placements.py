"""Writers for policies and standings: adopt a policy, record a starting placement, recompute.

Recomputing writes a ``Placement`` row only when a person's standing changed, so the history
lists movements and which policy version made each one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lattice.audit.log import record
from lattice.pathways.compute import Outcome, adoption_in_force, compute, policy_of
from lattice.pathways.models import Placement, PolicyAdoption, StartingPlacement
from lattice.pathways.policies import parse_policy, sha256_text
from lattice.pathways.queries import teaching_staff
from lattice.pathways.records import SchoolFacts, load_staff, staff_for_records
from lattice.people.models import District, StaffMember
from lattice.people.queries import today
from lattice.rules.loader import PolicyError
from lattice.rules.records import school_year_end
from lattice.rules.standing import Salary, Unit

COMPARED = (
    "adoption_id",
    "pathway",
    "interval",
    "step",
    "lane",
    "units_banked",
    "base_salary",
    "supplements",
    "bonuses",
    "one_time",
)


class RecomputeError(ValidationError):
    """A person's standing could not be computed; nothing was written."""


def _salary_fields(salary: Salary) -> dict[str, int]:
    return {
        "base_salary": salary.base,
        "supplements": salary.supplements,
        "bonuses": salary.bonuses,
        "one_time": salary.one_time,
    }


def snapshot_of(outcome: Outcome) -> dict[str, Any]:
    """The engine's answer as kept in the history: trace, years and next moves."""
    standing = outcome.standing
    assert standing is not None
    return {
        "policy": f"{outcome.policy.key} v{outcome.policy.version}",
        "as_of": standing.as_of.isoformat(),
        "units_earned": standing.units_earned,
        "units_spent": standing.units_spent,
        "trace": [
            {
                "year": line.school_year,
                "text": line.text,
                "plain": line.plain,
                "unit": line.unit.value,
                "amount": line.amount,
            }
            for line in standing.trace
            if line.unit is not Unit.DOLLARS
        ],
        "years": [
            {
                "year": y.school_year,
                "pathway": y.pathway,
                "interval": y.interval,
                "step": y.step,
                "lane": y.lane,
                "units_banked": y.units_banked,
                "total": y.salary.total,
            }
            for y in standing.years
        ],
        "moves": [
            {
                "key": m.key,
                "title": m.title,
                "ready": m.ready,
                "people": any(q.decided_by_people for q in m.requirements),
                "missing": [q.gap or q.text for q in m.requirements if not q.met],
            }
            for m in outcome.moves
        ],
    }


def _rows_for(outcome: Outcome, staff: StaffMember, reason: str, history: bool) -> list[Placement]:
    standing = outcome.standing
    assert standing is not None
    policy = outcome.policy
    adoption = outcome.adoption
    names = {p.key: p.name for p in policy.pathways}
    rows: list[Placement] = []
    last = len(standing.years) - 1
    earned = 0
    for index, year in enumerate(standing.years):
        earned += year.units_earned
        if not history and index != last:
            continue
        if history and index == 0:
            start = outcome.record.start if outcome.record else adoption.effective_from
            effective = max(adoption.effective_from, start)
        elif history:
            effective = min(school_year_end(year.school_year), outcome.on)
        else:
            effective = outcome.on
        if history and effective < adoption.effective_from:
            continue
        rows.append(
            Placement(
                staff_member=staff,
                district_id=staff.district_id,
                adoption=adoption,
                effective_on=effective,
                as_of=outcome.on,
                reason=reason,
                pathway=year.pathway or "",
                pathway_name=names.get(year.pathway or "", ""),
                interval=year.interval,
                step=year.step,
                lane=year.lane or "",
                units_earned=earned,
                units_banked=year.units_banked,
                **_salary_fields(year.salary),
            )
        )
    return rows


def _same(a: Placement | None, b: Placement) -> bool:
    return a is not None and all(getattr(a, k) == getattr(b, k) for k in COMPARED)


def _changed(rows: list[Placement], latest: Placement | None, outcome: Outcome) -> list[Placement]:
    """The rows that differ from the one before; the last carries the engine's snapshot."""
    kept = []
    for row in rows:
        if _same(latest, row):
            continue
        kept.append(row)
        latest = row
    if kept:
        kept[-1].snapshot = snapshot_of(outcome)
    return kept


def latest_placement(staff: StaffMember) -> Placement | None:
    return staff.placements.order_by("-effective_on", "-id").first()


def recompute_standing(
    staff: StaffMember, *, reason: str, on: dt.date | None = None
) -> Placement | None:
    """Recompute one person's standing now; a new history row when it changed.

    Raises ``RecomputeError`` when their record cannot be read under the policy; callers run
    inside their own transaction, so nothing they wrote survives that.
    """
    on = on or today()
    if not teaching_staff(staff.district_id).filter(pk=staff.pk).exists():
        return None
    outcome = compute(load_staff(staff), on, with_moves=True)
    if outcome is None:
        return None
    if not outcome.ok:
        if outcome.record is not None and outcome.problem.startswith("your placement starts"):
            return None
        raise RecomputeError(
            f"Could not recompute {staff.display_name}'s standing: {outcome.problem}. "
            "Fix the record first; nothing was saved."
        )
    rows = _changed(
        _rows_for(outcome, staff, reason, history=False), latest_placement(staff), outcome
    )
    for row in rows:
        row.save()
    return rows[-1] if rows else None


def recompute_district(
    district: District, adoption: PolicyAdoption, *, reason: str, on: dt.date
) -> tuple[int, list[str]]:
    """Place every active person in ``district`` under ``adoption`` with year-by-year history.

    Returns (rows written, problems by person); people whose record cannot be read are
    listed, not skipped silently.
    """
    facts = SchoolFacts.for_district(district.pk)
    staff = staff_for_records(teaching_staff(district))
    latest: dict[int, Placement] = {}
    for row in Placement.objects.filter(district=district).order_by("effective_on", "id"):
        latest[row.staff_member_id] = row
    written = 0
    problems: list[str] = []
    batch: list[Placement] = []
    for person in staff:
        outcome = compute(person, on, adoption=adoption, school_facts=facts)
        if outcome is None or outcome.record is None:
            continue
        if not outcome.ok:
            if not outcome.problem.startswith("your placement starts"):
                problems.append(f"{person.display_name} ({person.employee_id}): {outcome.problem}")
            continue
        rows = _rows_for(outcome, person, reason, history=True)
        batch += _changed(rows, latest.get(person.pk), outcome)
    Placement.objects.bulk_create(batch, batch_size=500)
    written += len(batch)
    return written, problems


def check_adoption(district: District, toml_text: str, effective_from: dt.date) -> Any:
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
    if PolicyAdoption.objects.filter(district=district, effective_from=effective_from).exists():
        raise ValidationError(
            f"{district.name} already adopted a policy effective {effective_from}; choose "
            "another effective date."
        )
    return policy


@transaction.atomic
def adopt_policy(
    actor: Any,
    district: District,
    *,
    toml_text: str,
    effective_from: dt.date,
    origin: str,
    note: str = "",
    on: dt.date | None = None,
) -> tuple[PolicyAdoption, int, list[str]]:
    """Adopt a policy from a date and recompute every placement in the district.

    Returns (the adoption, history rows written, people whose record needs fixing).
    """
    policy = check_adoption(district, toml_text, effective_from)
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
        adopted_by=actor if getattr(actor, "pk", None) else None,
    )
    on = max(on or today(), effective_from)
    written, problems = recompute_district(
        district, adoption, reason=f"adopted {policy.key} v{policy.version}", on=on
    )
    record(
        actor=actor,
        action="pathways.adopt_policy",
        obj=adoption,
        district=district,
        after={
            "policy": policy.key,
            "version": policy.version,
            "effective_from": effective_from.isoformat(),
            "sha256": adoption.sha256,
            "origin": origin,
            "placements_written": written,
            "problems": problems[:50],
        },
        summary=f"Adopted {policy.key} v{policy.version} from {effective_from}; "
        f"{written} placement changes recorded",
    )
    return adoption, written, problems


@transaction.atomic
def record_starting_placement(
    actor: Any,
    staff: StaffMember,
    *,
    on: dt.date,
    pathway: str,
    interval: int = 1,
    units: int = 0,
    reason: str = "",
) -> StartingPlacement:
    """Record where the district placed a person when they joined the policy."""
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
        action="pathways.record_starting_placement",
        obj=placement,
        district=staff.district,
        staff_member=staff,
        after={"on": on.isoformat(), "pathway": pathway, "interval": interval, "units": units},
        summary=reason,
    )
    return placement


@transaction.atomic
def record_starting_placements(
    actor: Any, district: District, rows: list[StartingPlacement], *, reason: str
) -> int:
    """Record many starting placements at once (a conversion), with one audit entry.

    Rows are unsaved ``StartingPlacement`` objects for people of ``district`` without one.
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
        action="pathways.record_starting_placements",
        district=district,
        after={"count": len(rows), "by_pathway": by_pathway},
        summary=f"{len(rows)} starting placements recorded: {reason}",
    )
    return len(rows)
