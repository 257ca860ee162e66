"""The one writer of standings, and how fact changes reach it.

:func:`recompute_standings` is the only code that writes ``Standing`` rows and the placement
history. It reads the people's facts in a fixed number of queries, places them with the rules
engine (``lattice.pathways.projection``), and writes in bulk: a row whose computed values did
not change keeps its content and only moves its date; a changed standing gets a history row
and an audit entry. People are recomputed in chunks, each its own transaction, so a large
district shows progress (the stale count falls) and a crash loses at most one chunk: what is
left stays marked stale and the nightly sweep picks it up.

:func:`on_facts_changed` is the pathways app's listener on ``lattice.lib.facts``: inside the
writer's transaction it marks the affected standings stale (cheap), and after the commit it
recomputes them — at once for a few people, as a background task for many.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record, record_many
from lattice.lib import stamped
from lattice.lib.actors import Actor
from lattice.lib.facts import FactsChanged
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.models import Placement, PolicyAdoption, Standing
from lattice.pathways.projection import PLACED, Projection, project
from lattice.pathways.records import SchoolFacts, load_facts, teaching_ids
from lattice.people.models import District
from lattice.people.queries import today
from lattice.rules.records import school_year_end

log = logging.getLogger(__name__)

CHUNK = 2000
INLINE_LIMIT = 500  # up to this many people are recomputed right after the commit
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


@dataclass
class RecomputeReport:
    """What one recompute did: counts, and how long it took."""

    district: str
    on: dt.date
    people: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    placed: int = 0
    unplaced: int = 0
    pending: int = 0
    history_rows: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.district}: {self.people:,} standings as of {self.on} in {self.seconds:.1f} s "
            f"({self.created:,} new, {self.changed:,} changed, {self.unchanged:,} unchanged, "
            f"{self.removed:,} removed; {self.placed:,} placed, {self.unplaced:,} not placed, "
            f"{self.pending:,} starting later)"
        )


def _history_values(adoption: PolicyAdoption, values: dict[str, Any]) -> tuple[Any, ...]:
    return (adoption.pk, *(values[k] for k in COMPARED[1:]))


def _history(
    projection: Projection,
    adoption: PolicyAdoption,
    latest: Placement | None,
    district_id: int,
    reason: str,
) -> list[Placement]:
    """Placement history rows for a standing that changed: every year since the adoption
    when the person has no history under it yet, else one row from ``on``."""
    if projection.status != PLACED or not projection.years:
        return []
    record_start = projection.record.start if projection.record else adoption.effective_from
    first_time = latest is None or latest.adoption_id != adoption.pk
    rows = []
    last = len(projection.years) - 1
    previous = (
        None
        if latest is None
        else (latest.adoption_id, *(getattr(latest, k) for k in COMPARED[1:]))
    )
    for index, year in enumerate(projection.years):
        if not first_time and index != last:
            continue
        if first_time and index == 0:
            effective = max(adoption.effective_from, record_start)
        elif first_time:
            effective = min(school_year_end(year["year"]), projection.on)
        else:
            effective = projection.on
        if effective < adoption.effective_from:
            continue
        values = _history_values(adoption, year)
        if values == previous:
            continue
        previous = values
        rows.append(
            Placement(
                staff_member_id=projection.staff_id,
                district_id=district_id,
                adoption=adoption,
                effective_on=effective,
                as_of=projection.on,
                reason=reason[:200],
                **{k: year[k] for k in COMPARED[1:]},
                pathway_name=year["pathway_name"],
                units_earned=year["units_earned"],
            )
        )
    return rows


def _label(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "status": values["status"],
        "standing": values["label"] if values["status"] == PLACED else "",
        "pay": values["base_salary"]
        + values["supplements"]
        + values["bonuses"]
        + values["one_time"],
    }


def _write_chunk(
    district: District,
    adoption: PolicyAdoption,
    projections: dict[int, Projection],
    on: dt.date,
    reason: str,
    actor: Actor,
    report: RecomputeReport,
) -> None:
    now = timezone.now()
    existing = {
        row["staff_member_id"]: row
        for row in Standing.objects.filter(staff_member_id__in=list(projections)).values(
            "pk", "staff_member_id", "fingerprint", "adoption_id", "status", "label",
            "base_salary", "supplements", "bonuses", "one_time",
        )
    }  # fmt: skip
    unchanged: list[int] = []
    replaced: list[int] = []
    fresh: list[Standing] = []
    audits = []
    changed_ids = []
    for staff_id, projection in projections.items():
        report.placed += projection.status == PLACED
        report.unplaced += projection.status == "unplaced"
        report.pending += projection.status == "pending"
        fingerprint = projection.fingerprint
        old = existing.get(staff_id)
        if (
            old is not None
            and old["fingerprint"] == fingerprint
            and (old["adoption_id"] == adoption.pk)
        ):
            unchanged.append(old["pk"])
            continue
        values = projection.stored_values()
        if old is not None:
            replaced.append(old["pk"])
        fresh.append(
            Standing(
                staff_member_id=staff_id,
                district=district,
                adoption=adoption,
                as_of=on,
                fingerprint=fingerprint,
                computed_at=now,
                **values,
            )
        )
        changed_ids.append(staff_id)
        before = _label(old) if old is not None else {}
        after = _label(values)
        if before != after:
            audits.append(
                {
                    "object_type": "pathways.Standing",
                    "object_id": staff_id,
                    "object_label": projection.where,
                    "staff_member_id": staff_id,
                    "before": before,
                    "after": after,
                }
            )
    report.unchanged += len(unchanged)
    report.changed += len(replaced)
    report.created += len(fresh) - len(replaced)
    for start in range(0, len(unchanged), 500):
        Standing.objects.filter(pk__in=unchanged[start : start + 500]).update(
            as_of=on, computed_at=now, stale_since=None, stale_reason=""
        )
    for start in range(0, len(replaced), 500):
        Standing.objects.filter(pk__in=replaced[start : start + 500]).delete()
    Standing.objects.bulk_create(fresh, batch_size=500)
    latest: dict[int, Placement] = {}
    for start in range(0, len(changed_ids), 500):
        for row in Placement.objects.filter(
            staff_member_id__in=changed_ids[start : start + 500]
        ).order_by("effective_on", "id"):
            latest[row.staff_member_id] = row
    history = []
    for staff_id in changed_ids:
        history += _history(projections[staff_id], adoption, latest.get(staff_id), district.pk,
                            reason)  # fmt: skip
    Placement.objects.bulk_create(history, batch_size=500)
    report.history_rows += len(history)
    # Results remembered from the old standings (lattice.lib.stamped) are out of date.
    stamped.restamp(district.pk)
    transaction.on_commit(lambda: stamped.restamp(district.pk))
    if audits:
        record_many(
            actor=actor, action="pathways.standing.change", entries=audits, district=district,
            summary=f"Standing recomputed: {reason}",
        )  # fmt: skip


def recompute_standings(
    district: District,
    *,
    reason: str,
    staff_ids: Iterable[int] | None = None,
    on: dt.date | None = None,
    actor: Actor = None,
    stale_only: bool = False,
    adoption: PolicyAdoption | None = None,
) -> RecomputeReport:
    """Recompute and store the standings of ``staff_ids`` (None: every teacher) as of ``on``.

    ``stale_only`` limits a district-wide run to standings marked stale and teachers who
    have none yet. People who left or no longer teach lose their standing row (their
    history stays). Without an adoption in force, the district's standings are removed.
    """
    started = time.perf_counter()
    on = on or today()
    report = RecomputeReport(district.key, on)
    adoption = adoption or adoption_in_force(district, on)
    scope = Standing.objects.filter(district=district)
    ids = None if staff_ids is None else set(staff_ids)
    if ids is not None:
        scope = scope.filter(staff_member_id__in=sorted(ids))
    if adoption is None:
        report.removed = scope.count()
        scope.delete()
        report.seconds = time.perf_counter() - started
        return report
    teachers = teaching_ids(district.pk)
    if ids is None and stale_only:
        stored = dict(
            Standing.objects.filter(district=district).values_list("staff_member_id", "stale_since")
        )
        ids = {pk for pk in teachers if pk not in stored or stored[pk] is not None}
        ids |= {pk for pk in stored if pk not in teachers}
    wanted = sorted(teachers if ids is None else ids & teachers)
    gone = [pk for pk in (ids if ids is not None else ()) if pk not in teachers]
    with transaction.atomic():
        if ids is None:
            stored_ids = Standing.objects.filter(district=district).values_list(
                "staff_member_id", flat=True
            )
            gone = [pk for pk in stored_ids if pk not in teachers]
        for first in range(0, len(gone), 500):
            report.removed += Standing.objects.filter(
                staff_member_id__in=gone[first : first + 500]
            ).delete()[0]
    policy = policy_of(adoption)
    school_facts = SchoolFacts.for_district(district.pk)
    salary = (adoption.crosswalk or {}).get("new_hire_salary")
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        with transaction.atomic():
            people = load_facts(district.pk, chunk)
            projections = project(
                people, policy, on, adoption_id=adoption.pk, school_facts=school_facts,
                schedule_salary=salary,
            )  # fmt: skip
            report.people += len(projections)
            _write_chunk(district, adoption, projections, on, reason, actor, report)
            report.problems += [
                f"{people[pk].name} ({people[pk].employee_id}): {p.problem}"
                for pk, p in projections.items()
                if p.status == "unplaced"
            ][:50]
    report.seconds = time.perf_counter() - started
    return report


# --- the facts-changed listener ----------------------------------------------------------


def mark_stale(district_id: int, staff_ids: Iterable[int] | None, reason: str) -> int:
    """Mark standings stale (keeping the earliest time and reason); returns how many."""
    rows = Standing.objects.filter(district_id=district_id, stale_since__isnull=True)
    if staff_ids is not None:
        rows = rows.filter(staff_member_id__in=sorted(set(staff_ids)))
    count = rows.update(stale_since=timezone.now(), stale_reason=reason[:200] or "facts changed")
    stamped.restamp(district_id)  # what was remembered from fresh standings is out of date
    transaction.on_commit(lambda: stamped.restamp(district_id))
    return count


_pending = threading.local()


def _queue() -> dict[int, set[int] | None]:
    if not hasattr(_pending, "districts"):
        _pending.districts = {}
    queue: dict[int, set[int] | None] = _pending.districts
    return queue


def on_facts_changed(event: FactsChanged) -> None:
    """Listener: mark the affected standings stale now; recompute them after the commit.

    Changes announced in one transaction are recomputed together once it commits (a demo
    or an import announcing hundreds of changes gives one recompute, not hundreds).
    """
    reason = event.reason or f"{event.kind.value} changed"
    mark_stale(event.district_id, event.staff_ids, reason)
    queue = _queue()
    if event.staff_ids is None or queue.get(event.district_id, set()) is None:
        queue[event.district_id] = None
    else:
        queue.setdefault(event.district_id, set()).update(event.staff_ids)  # type: ignore[union-attr]
    transaction.on_commit(lambda: _drain(reason))


def _drain(reason: str) -> None:
    queue = _queue()
    work = dict(queue)
    queue.clear()
    for district_id, staff_ids in work.items():
        recompute_after_commit(district_id, staff_ids, reason)


def recompute_after_commit(district_id: int, staff_ids: set[int] | None, reason: str) -> None:
    """Recompute a few people now; enqueue the district's stale standings for many. Only
    standings still stale (or missing) are recomputed: an action that recomputed its own
    teacher in its transaction leaves nothing to do."""
    district = District.objects.filter(pk=district_id).first()
    if district is None or adoption_in_force(district, today()) is None:
        return
    waiting = Standing.objects.filter(district=district, stale_since__isnull=False)
    if staff_ids is not None:
        stored = set(
            Standing.objects.filter(
                district=district, staff_member_id__in=sorted(staff_ids)
            ).values_list("staff_member_id", flat=True)
        )
        stale = set(
            waiting.filter(staff_member_id__in=sorted(staff_ids)).values_list(
                "staff_member_id", flat=True
            )
        )
        staff_ids = stale | (staff_ids - stored)
        if not staff_ids:
            return
    elif (
        not waiting.exists()
        and len(teaching_ids(district.pk)) <= Standing.objects.filter(district=district).count()
    ):
        return
    if staff_ids is not None and len(staff_ids) <= INLINE_LIMIT:
        try:
            recompute_standings(district, staff_ids=staff_ids, reason=reason)
        except Exception:  # the standings stay stale; the nightly sweep retries them
            log.exception("recomputing %s standings in %s failed", len(staff_ids), district.key)
        return
    from lattice.pathways.tasks import recompute_district

    recompute_district.enqueue(district_id, reason, True)


@transaction.atomic
def request_recompute(actor: Actor, district: District, *, reason: str) -> None:
    """The talent office asks for every standing to be recomputed as of today (audited)."""
    count = mark_stale(district.pk, None, reason)
    record(
        actor=actor,
        action="pathways.recompute.request",
        district=district,
        after={"marked_stale": count, "reason": reason},
        summary=f"Recompute requested: {reason}",
    )
    transaction.on_commit(lambda: recompute_after_commit(district.pk, None, reason))
