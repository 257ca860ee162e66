"""Reads for the pathways pages and for other apps: the stored standing, claims, the district.

:func:`standing_for` and :func:`standings_for` are the one way to read a teacher's standing
(My path, /me/, the staff page, the district overview, roles qualification, payroll, the
forecast): they return the stored row with whether it is fresh — computed as of the date
asked, under the adoption in force, with no fact changed since. For a date other than the
stored one they compute the standing on the spot (fresh by construction, nothing stored).

Callers check access first (``lattice.pathways.access``); these functions take objects the
caller may already see.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from lattice.lib import pay, stamped
from lattice.lib.formatting import day, moment
from lattice.lib.placements import PathwayPlacement
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.models import (
    AdoptionDraft,
    Application,
    Claim,
    ClaimStatus,
    Placement,
    PolicyAdoption,
    Standing,
    StandingStatus,
)
from lattice.pathways.models.policy import placement_label
from lattice.pathways.projection import Projection, project, where_label
from lattice.pathways.records import load_facts
from lattice.people.models import Assignment, District, SchoolYear, StaffMember
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.queries import current_school_year, today
from lattice.rules import poverty
from lattice.rules.policy import Policy, Route
from lattice.rules.records import school_year_end, school_year_of

__all__ = ["where_label"]


@dataclass(frozen=True)
class StandingRead:
    """A teacher's standing as a page or payroll reads it.

    ``standing`` is the stored row (or, for another date, one computed now and not saved);
    None when the teacher has none (no policy, not computed yet). ``fresh`` is False when a
    fact changed since it was computed, it is as of another day, or the policy changed;
    ``why`` says which, in words a teacher understands. Light reads (payroll) hold a
    :class:`StoredPay` instead of the model.
    """

    staff_id: int
    on: dt.date
    standing: Any
    fresh: bool
    why: str = ""
    adoption: PolicyAdoption | None = None

    @property
    def placed(self) -> bool:
        return self.standing is not None and self.standing.status == StandingStatus.PLACED

    @property
    def computed_at(self) -> dt.datetime | None:
        return self.standing.computed_at if self.standing is not None else None

    @property
    def snapshot(self) -> dict[str, Any]:
        return self.standing.snapshot if self.standing is not None else {}


def _freshness(row: Any, on: dt.date, adoption: PolicyAdoption | None) -> tuple[bool, str]:
    if adoption is None:
        return False, "the district has not adopted a career pathway policy"
    if row is None:
        return False, "not computed yet"
    if row.adoption_id != adoption.pk:
        return False, f"computed under an earlier policy; {adoption.policy_key} is now in force"
    if row.stale_since is not None:
        when = moment(timezone.localtime(row.stale_since))
        return False, f"waiting for a recompute since {when}: {row.stale_reason}"
    if row.as_of != on:
        return False, f"computed as of {day(row.as_of)}; the nightly recompute is due"
    return True, ""


def unsaved_standing(
    projection: Projection, staff: StaffMember | int, district_id: int, adoption: PolicyAdoption
) -> Standing:
    """A Standing built from a projection and never saved (another date, a preview)."""
    staff_id = staff if isinstance(staff, int) else staff.pk
    return Standing(
        staff_member_id=staff_id,
        district_id=district_id,
        adoption=adoption,
        as_of=projection.on,
        fingerprint=projection.fingerprint,
        computed_at=timezone.now(),
        **projection.stored_values(),
    )


@dataclass(frozen=True)
class StoredPay:
    """A stored standing without its snapshot: what payroll and the pay lines read, loaded
    as plain values (no model instances) so 100,000 teachers read in a second or two."""

    staff_member_id: int
    adoption_id: int
    as_of: dt.date
    status: str
    label: str
    policy_label: str
    pay_lines: list[dict[str, Any]]
    problem: str
    fix: str
    stale_since: dt.datetime | None
    stale_reason: str
    computed_at: dt.datetime
    pathway: str
    pathway_name: str
    units_banked: int
    base_salary: int
    supplements: int
    bonuses: int
    one_time: int
    lane: str

    FIELDS = (
        "staff_member_id", "adoption_id", "as_of", "status", "label", "policy_label",
        "pay_lines", "problem", "fix", "stale_since", "stale_reason", "computed_at", "pathway",
        "pathway_name", "units_banked", "base_salary", "supplements", "bonuses", "one_time",
        "lane",
    )  # fmt: skip

    @property
    def standing_label(self) -> str:
        if self.status != StandingStatus.PLACED:
            return str(StandingStatus(self.status).label)
        return self.label or self.pathway_name or self.pathway

    @property
    def total_salary(self) -> int:
        return self.base_salary + self.supplements + self.bonuses + self.one_time

    @property
    def snapshot(self) -> dict[str, Any]:
        return {}


_reads: contextvars.ContextVar[dict[tuple[int, dt.date], dict[int, StandingRead]] | None] = (
    contextvars.ContextVar("standing_reads", default=None)
)


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block each district's standings on a date are read once (payroll reads
    them itself and again through the pay-line registry)."""
    token = _reads.set({})
    try:
        yield
    finally:
        _reads.reset(token)


def standings_for(
    district: District | int,
    on: dt.date | None = None,
    staff_ids: Any = None,
    *,
    include_missing: bool = True,
    light: bool = False,
) -> dict[int, StandingRead]:
    """Every teacher's standing in the district on ``on`` (today), in a fixed number of
    queries; teachers without one are listed with ``standing`` None (unless
    ``include_missing`` is False, for callers that only read the placed). ``light`` reads
    the stored standings without their snapshot, as :class:`StoredPay` (payroll)."""
    district_id = district if isinstance(district, int) else district.pk
    on = on or today()
    ids = None if staff_ids is None else set(staff_ids)
    cache = _reads.get()
    if cache is not None and light and (district_id, on) in cache:
        found = cache[(district_id, on)]
        return {
            pk: read
            for pk, read in found.items()
            if (ids is None or pk in ids) and (include_missing or read.standing is not None)
        }
    adoption = adoption_in_force(district_id, on)
    current = on == today()
    out: dict[int, StandingRead] = {}
    if adoption is not None and not current:
        people = load_facts(district_id, ids)
        projections = project(
            people, policy_of(adoption), on, adoption_id=adoption.pk,
            schedule_salary=(adoption.crosswalk or {}).get("new_hire_salary"),
        )  # fmt: skip
        out = {
            pk: StandingRead(
                pk, on, unsaved_standing(p, pk, district_id, adoption), True, "", adoption
            )
            for pk, p in projections.items()
        }
    else:
        rows = Standing.objects.filter(district_id=district_id, staff_member__active=True)
        if ids is not None:
            rows = rows.filter(staff_member_id__in=sorted(ids))
        found_rows: Iterable[Any] = (
            (StoredPay(*values) for values in rows.values_list(*StoredPay.FIELDS))
            if light
            else rows
        )
        for row in found_rows:
            fresh, why = _freshness(row, on, adoption)
            out[row.staff_member_id] = StandingRead(
                row.staff_member_id, on, row, fresh, why, adoption
            )
        # Teachers without a stored standing are looked for unless every one asked for has
        # one (one person's page, the common case: a query fewer).
        wanted = include_missing and (ids is None or not ids <= out.keys())
        if wanted or (cache is not None and light and ids is None):
            teachers = teaching_staff(district_id).values_list("pk", flat=True)
            if ids is not None:
                teachers = teachers.filter(pk__in=sorted(ids))
            for pk in teachers:
                if pk not in out:
                    fresh, why = _freshness(None, on, adoption)
                    out[pk] = StandingRead(pk, on, None, fresh, why, adoption)
    if cache is not None and light and ids is None:
        cache[(district_id, on)] = out
    if not include_missing:
        return {pk: read for pk, read in out.items() if read.standing is not None}
    return out


def standing_for(staff: StaffMember, on: dt.date | None = None) -> StandingRead:
    """One teacher's standing on ``on`` (today), and whether it is fresh (the adoption in
    force comes with the read; it is read again only for someone the read does not list)."""
    found = standings_for(staff.district_id, on, [staff.pk])
    if staff.pk in found:
        return found[staff.pk]
    on = on or today()
    adoption = adoption_in_force(staff.district_id, on)
    return StandingRead(staff.pk, on, None, False, "pathways are for teachers", adoption)


def high_poverty_percent(
    district: District | int, on: dt.date | None = None, policies: Iterable[Policy] = ()
) -> int:
    """The FRL percent from which the district's schools count as high-poverty: the first of
    ``policies`` that declares one, else the policy in force's, else the default
    (``lattice.rules.poverty``: the one definition)."""
    adoption = adoption_in_force(district, on or today())
    return poverty.high_poverty_percent(
        [*policies, policy_of(adoption) if adoption is not None else None]
    )


def pathway_order(standing: Standing) -> tuple[str, ...]:
    """The policy's pathway (or stage) keys, lowest first, as the standing recorded them."""
    return tuple(standing.snapshot.get("policy", {}).get("pathways", []))


def placement_of(read: StandingRead, order: Sequence[str] | None = None) -> PathwayPlacement | None:
    """The pathway of a standing, or None when it is not placed on one. A pathway satisfies a
    minimum when it is that pathway or one above it in the policy's order (``order``, or the
    one the standing recorded)."""
    standing = read.standing
    if not read.placed or standing is None or not standing.pathway:
        return None
    order = list(pathway_order(standing) if order is None else order)
    below = order[: order.index(standing.pathway) + 1] if standing.pathway in order else []
    return PathwayPlacement(
        key=standing.pathway,
        label=standing.pathway_name or standing.pathway.title(),
        satisfies=frozenset(below or [standing.pathway]),
    )


def pathway_placements(
    district_id: int, on: dt.date, staff_ids: frozenset[int]
) -> dict[int, PathwayPlacement | None]:
    """Each teacher's pathway from their stored standing under the district's adopted policy
    (one reader call for many teachers); registered with ``lattice.lib.placements``. Nobody
    placed (no adoption, standing not computed) gives no placement, never an invented one."""
    reads = standings_for(district_id, on, staff_ids, include_missing=False, light=True)
    # The light read leaves the snapshot behind; the pathway order it recorded is the order
    # of the policy the standing was computed under (one parse per adoption, cached).
    orders = {
        adoption.pk: tuple(p.key for p in policy_of(adoption).pathways)
        for adoption in PolicyAdoption.objects.filter(
            pk__in={read.standing.adoption_id for read in reads.values()}
        )
    }
    return {
        pk: placement_of(read, orders.get(read.standing.adoption_id, ()))
        for pk, read in reads.items()
    }


def teaching_staff(district: District | int) -> QuerySet[StaffMember]:
    """Active people of the district who ever held a teaching assignment (pathways are theirs)."""
    district_id = district if isinstance(district, int) else district.pk
    teachers = Assignment.objects.filter(position__in=list(TEACHING_POSITIONS)).values(
        "staff_member_id"
    )
    return StaffMember.objects.filter(district_id=district_id, active=True, pk__in=teachers)


def age_label(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "1 day"
    if days < 14:
        return f"{days} days"
    return f"{days // 7} weeks"


# --- the teacher's page ---------------------------------------------------------------------


@dataclass(frozen=True)
class PayStatement:
    """A person's pay lines for the school year in force on a date, and their total: what
    "My path" lists and what payroll exports (both read ``lattice.lib.pay.pay_lines``)."""

    staff_id: int
    on: dt.date
    lines: tuple[pay.PayLine, ...]

    @property
    def total(self) -> int:
        return pay.total(self.lines)


def pay_statement(staff: StaffMember, on: dt.date | None = None) -> PayStatement:
    """One person's pay lines from every app that pays (the same registry as payroll)."""
    on = on or today()
    return pay_statements(staff.district_id, on, [staff.pk])[staff.pk]


def pay_statements(
    district_id: int, on: dt.date, staff_ids: Iterable[int]
) -> dict[int, PayStatement]:
    """The statements of the named people, as their pages show them (the people-named path
    of ``lattice.lib.pay.pay_lines``, one query per provider for the lot): what
    reconciling a district reads, a chunk at a time, instead of a query per person."""
    ids = list(staff_ids)
    lines = pay.pay_lines(district_id, on, ids)
    return {pk: PayStatement(pk, on, tuple(lines.get(pk, []))) for pk in ids}


@dataclass
class ChartPoint:
    label: str
    where: str
    total: int
    banked: int


@dataclass
class PathView:
    """What "My path" shows, read from the stored standing's snapshot."""

    read: StandingRead
    where: str
    chart: list[ChartPoint]
    explanation: list[tuple[str, list[str]]]  # (school year, plain sentences)
    moves: list[dict[str, Any]]
    policy: dict[str, Any]
    top: str = ""
    banked: str = ""

    @property
    def standing(self) -> Standing:
        assert self.read.standing is not None
        return self.read.standing


def path_view(read: StandingRead) -> PathView | None:
    """The page's view of a placed standing (None when not placed)."""
    if not read.placed:
        return None
    snap = read.snapshot
    return PathView(
        read=read,
        where=str(snap.get("where", "")),
        chart=[ChartPoint(*point) for point in snap.get("chart", [])],
        explanation=[(year, list(lines)) for year, lines in snap.get("explanation", [])],
        moves=list(snap.get("moves", [])),
        policy=dict(snap.get("policy", {})),
        top=str(snap.get("top", "")),
        banked=str(snap.get("banked", "")),
    )


def outcome_view(outcome: Any) -> PathView:
    """The page's view of a live engine run (the what-if panel compares two)."""
    from lattice.pathways.projection import _snapshot

    standing = outcome.standing
    snap = _snapshot(outcome.policy, standing, outcome.moves)
    read = StandingRead(0, outcome.on, None, True)
    return PathView(
        read=read,
        where=str(snap["where"]),
        chart=[ChartPoint(*point) for point in snap["chart"]],
        explanation=[(year, list(lines)) for year, lines in snap["explanation"]],
        moves=list(snap["moves"]),
        policy=dict(snap["policy"]),
        top=str(snap.get("top", "")),
        banked=str(snap.get("banked", "")),
    )


# --- claims ---------------------------------------------------------------------------------


@dataclass
class QueueRow:
    claim: Claim
    waited_days: int

    @property
    def waited(self) -> str:
        return age_label(self.waited_days)


def labels_in_use(policy: Policy, district: District, on: dt.date) -> list[str]:
    """The rating labels a teacher may try in a what-if on ``on``: the district's own labels
    that the policy's rating vocabulary in force maps (the latest vocabulary when none
    covers the day), or every label of that vocabulary when the district names none of
    them."""
    vocabulary = next(
        (v for v in policy.ratings.vocabularies if v.covers(on)),
        policy.ratings.vocabularies[-1] if policy.ratings.vocabularies else None,
    )
    known = [label for label, _ in vocabulary.labels] if vocabulary else []
    own = [label for label in district.rating_labels if label in known]
    return own or known


def claim_queue(district: District) -> list[QueueRow]:
    """Claims waiting for the talent office, oldest first, with how long each has waited."""
    on = today()
    claims = (
        Claim.objects.filter(district=district, status=ClaimStatus.SUBMITTED)
        .select_related("staff_member")
        .prefetch_related("evidence")
        .order_by("submitted_on", "submitted_at", "id")
    )
    return [QueueRow(c, max((on - c.submitted_on).days, 0)) for c in claims]


def claim_row(claim: Claim) -> QueueRow:
    """One claim with its wait, counted from the day it was submitted exactly as the claims
    queue counts it, so the queue and the claim's own page agree on its age."""
    return QueueRow(claim, max((today() - claim.submitted_on).days, 0))


def claims_of(staff: StaffMember) -> list[QueueRow]:
    """A person's claims, newest first; a waiting claim's age counts from its submission."""
    on = today()
    claims = staff.claims.prefetch_related("evidence").order_by("-submitted_on", "-id")
    return [QueueRow(c, max((on - c.submitted_on).days, 0)) for c in claims]


# --- district views -------------------------------------------------------------------------


@dataclass
class Movement:
    staff: StaffMember
    before: str
    after: str
    on: dt.date
    cost: int


@dataclass
class PipelineRow:
    staff: StaffMember
    standing: str
    move: str


@dataclass
class DistrictOverview:
    district: District
    adoption: PolicyAdoption | None
    pathway_names: list[str]
    by_school: list[tuple[str, list[int], int]]  # school, counts per pathway, total
    by_interval: list[tuple[str, int]]
    claims_waiting: int
    oldest_wait: int
    median_wait: int
    oldest_claims: list[QueueRow]
    movements: list[Movement]
    movement_cost: int
    pipeline: list[PipelineRow]
    placed: int
    year_label: str
    unplaced: int = 0
    stale: int = 0
    computed_at: dt.datetime | None = None
    notes: list[str] = field(default_factory=list)


def _movements(
    district: District, year: SchoolYear, on: dt.date, newest: dt.datetime | None
) -> list[Movement]:
    """Changes of standing this school year up to ``on``: each placement whose label differs
    from the person's placement before it. Only the standings writer adds placements, so the
    moves are remembered under the district's facts stamp and the newest standing's time
    (``newest``); the people who moved are read fresh."""
    found = stamped.remember(
        "pathways.movements",
        district.pk,
        (year.pk, year.start, year.end, on, newest),
        lambda: _moves(district, year, on),
    )
    staff = StaffMember.objects.in_bulk({m[0] for m in found})
    return [
        Movement(staff[pk], before, after, on, cost)
        for pk, before, after, on, cost in found
        if pk in staff
    ]


def _moves(
    district: District, year: SchoolYear, on: dt.date
) -> list[tuple[int, str, str, dt.date, int]]:
    """(staff id, before, after, effective on, cost) of each move, from the placement history
    read as plain values (no model instance per row)."""
    found: list[tuple[int, str, str, dt.date, int]] = []
    previous: tuple[int, str, int] | None = None
    last = min(year.end, on)
    for staff_id, effective_on, pathway, name, interval, step, lane, total in (
        Placement.objects.filter(district=district, effective_on__lte=on, staff_member__active=True)
        .order_by("staff_member_id", "effective_on", "id")
        .values_list(
            "staff_member_id", "effective_on", "pathway", "pathway_name", "interval", "step",
            "lane", F("base_salary") + F("supplements") + F("bonuses") + F("one_time"),
        )
    ):  # fmt: skip
        label = placement_label(pathway, name, interval, step, lane)
        if (
            previous is not None
            and previous[0] == staff_id
            and year.start <= effective_on <= last
            and previous[1] != label
        ):
            found.append((staff_id, previous[1], label, effective_on, total - previous[2]))
        previous = (staff_id, label, total)
    return found


@dataclass(frozen=True)
class _Placed:
    """What the overview keeps of a placed teacher's standing."""

    pathway: str
    standing_label: str
    computed_at: dt.datetime | None


@dataclass(frozen=True)
class _Summary:
    """The overview's counts of the stored standings (remembered under the facts stamp)."""

    pathway_names: list[str]
    by_school: list[tuple[str, list[int], int]]
    by_interval: list[tuple[str, int]]
    current: dict[int, _Placed]
    unplaced: int
    stale: int
    computed_at: dt.datetime | None
    newest: dt.datetime | None


def _summary(
    district: District, adoption: PolicyAdoption | None, year: SchoolYear | None, on: dt.date
) -> _Summary:
    reads = standings_for(district, on, light=True)
    current = {pk: r.standing for pk, r in reads.items() if r.placed and r.standing is not None}
    pathway_names: list[str] = []
    if adoption is not None:
        pathway_names = [p.name for p in policy_of(adoption).pathways]
    school_of: dict[int, str] = {}
    if year is not None:
        for staff_id, school in (
            Assignment.objects.filter(school_year=year, position__in=list(TEACHING_POSITIONS))
            .order_by("-fte", "id")
            .values_list("staff_member_id", "school__name")
        ):
            school_of.setdefault(staff_id, school)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    intervals: Counter[str] = Counter()
    for staff_id, standing in current.items():
        school = school_of.get(staff_id, "No assignment this year")
        name = standing.pathway_name or standing.lane or "On the schedule"
        if name not in pathway_names:
            pathway_names.append(name)
        counts[school][name] += 1
        intervals[standing.standing_label] += 1
    by_school = [
        (school, [counts[school][p] for p in pathway_names], sum(counts[school].values()))
        for school in sorted(counts)
    ]
    order = {name: i for i, name in enumerate(pathway_names)}

    def interval_key(item: tuple[str, int]) -> tuple[int, int, str]:
        label = item[0]
        head = next((n for n in pathway_names if label.startswith(n)), label)
        digits = "".join(ch for ch in label[len(head) :] if ch.isdigit())
        return (order.get(head, 99), int(digits or 0), label)

    computed = [r.computed_at for r in reads.values() if r.computed_at is not None]
    return _Summary(
        pathway_names=pathway_names,
        by_school=by_school,
        by_interval=sorted(intervals.items(), key=interval_key),
        current={
            pk: _Placed(s.pathway, s.standing_label, s.computed_at) for pk, s in current.items()
        },
        unplaced=sum(1 for r in reads.values() if r.standing is not None and not r.placed),
        stale=sum(1 for r in reads.values() if not r.fresh),
        computed_at=min(computed) if computed else None,
        newest=max(computed, default=None),
    )


def district_overview(district: District, on: dt.date | None = None) -> DistrictOverview:
    """The talent office's district page. The counts of the stored standings are remembered
    under the district's facts stamp (``lattice.lib.stamped``: every change of a fact or of
    a standing gives a new one); claims and applications are read fresh."""
    on = on or today()
    adoption = adoption_in_force(district, on)
    year = current_school_year(district, on)
    summary = stamped.remember(
        "pathways.overview",
        district.pk,
        (on, adoption.pk if adoption else None, year.pk if year else None),
        lambda: _summary(district, adoption, year, on),
    )
    current = summary.current
    newest = summary.newest
    queue = claim_queue(district)
    waits = [row.waited_days for row in queue]
    movements = _movements(district, year, on, newest) if year is not None else []
    movements.sort(key=lambda m: (m.on, m.staff.family_name))
    applied = set(
        Application.objects.filter(cohort__district=district).values_list(
            "staff_member_id", "cohort__transition_key"
        )
    )
    pipeline = _pipeline(district, adoption, current, applied, on) if adoption else []
    pipeline.sort(key=lambda p: (p.staff.family_name, p.staff.given_name))
    return DistrictOverview(
        district=district,
        adoption=adoption,
        pathway_names=summary.pathway_names,
        by_school=summary.by_school,
        by_interval=summary.by_interval,
        claims_waiting=len(queue),
        oldest_wait=max(waits, default=0),
        median_wait=int(median(waits)) if waits else 0,
        oldest_claims=queue[:10],
        movements=movements,
        movement_cost=sum(m.cost for m in movements),
        pipeline=pipeline,
        placed=len(current),
        year_label=year.label if year else "",
        unplaced=summary.unplaced,
        stale=summary.stale,
        computed_at=summary.computed_at,
    )


def _pipeline(
    district: District,
    adoption: PolicyAdoption,
    current: dict[int, Any],
    applied: set[tuple[int, str]],
    on: dt.date,
) -> list[PipelineRow]:
    """Teachers the rules let apply for a people-decided move who have not applied.

    Ratings are judged at the end of the last completed school year (see
    ``actions.applications.application_gaps``); the pathway is today's. Which moves the rules
    call ready is a projection of every candidate, the same until a fact changes: it is
    remembered under the district's facts stamp (``lattice.lib.stamped``); who has applied is
    read fresh.
    """
    policy = policy_of(adoption)
    moves = [t for t in policy.transitions if t.route is Route.DECISION]
    from_pathways = {t.from_pathway for t in moves}
    candidates = sorted(pk for pk, p in current.items() if p.pathway in from_pathways)
    year = school_year_of(on)
    judged = on if on >= school_year_end(year) else school_year_end(year - 1)
    newest = max((current[pk].computed_at for pk in candidates), default=None)
    ready = stamped.remember(
        "pathways.pipeline",
        district.pk,
        (adoption.pk, judged, newest, candidates),
        lambda: _ready_moves(district, adoption, candidates, judged),
    )
    # Only the names the page shows (a person's link and name): most of the district may be
    # in the pipeline, and the rest of a staff record is not read here.
    staff = StaffMember.objects.only("pk", "given_name", "preferred_name", "family_name").in_bulk(
        [pk for pk, found in ready.items() if found and pk in current]
    )
    moves_from: dict[str, set[str]] = defaultdict(set)
    for t in moves:
        moves_from[t.from_pathway].add(t.key)
    rows = []
    for pk, found in ready.items():
        standing = current.get(pk)
        if standing is None or not found:
            continue
        open_moves = moves_from.get(standing.pathway, set())
        for key, title in found:
            if key in open_moves and (pk, key) not in applied:
                rows.append(PipelineRow(staff[pk], standing.standing_label, title))
    return rows


def _ready_moves(
    district: District, adoption: PolicyAdoption, candidates: list[int], judged: dt.date
) -> dict[int, list[tuple[str, str]]]:
    """Each candidate's moves the rules call ready on ``judged``: (key, title), in the
    projection's order."""
    people = load_facts(district.pk, candidates)
    projections = project(
        people, policy_of(adoption), judged, adoption_id=adoption.pk,
        schedule_salary=(adoption.crosswalk or {}).get("new_hire_salary"),
    )  # fmt: skip
    return {
        pk: [(move.key, move.title) for move in projection.moves if move.ready]
        for pk, projection in projections.items()
    }


# --- adoption drafts, as other apps read them ------------------------------------------------


def draft_fingerprint(draft: AdoptionDraft) -> str:
    """A digest of what adopting ``draft`` would do: the policy's text, its effective date
    and the crosswalk as last reviewed. A council that voted on a draft keeps it, so a draft
    changed after the vote (a new crosswalk, another date) is not adopted in its name."""
    payload = json.dumps(
        {
            "sha256": draft.sha256,
            "effective_from": draft.effective_from.isoformat(),
            "crosswalk": draft.crosswalk,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class DraftPreview:
    """An adoption draft's preview in the counts the office's preview page leads with."""

    draft: AdoptionDraft
    fingerprint: str
    teachers: int
    placed: int
    unplaced: int
    gain: int
    lose: int
    same: int
    before_total: int
    after_total: int
    cost: int
    refusal: tuple[str, ...]

    @property
    def label(self) -> str:
        d = self.draft
        return f"{d.policy_name} ({d.policy_key} v{d.version}) from {day(d.effective_from)}"

    @property
    def adopted(self) -> bool:
        return self.draft.adoption_id is not None


def draft_preview(draft: AdoptionDraft) -> DraftPreview:
    s = draft.summary or {}
    return DraftPreview(
        draft=draft,
        fingerprint=draft_fingerprint(draft),
        teachers=int(s.get("teachers", 0)),
        placed=int(s.get("placed", 0)),
        unplaced=int(s.get("unplaced", 0)),
        gain=int(s.get("gain", 0)),
        lose=int(s.get("lose", 0)),
        same=int(s.get("same", 0)),
        before_total=int(s.get("before_total", 0)),
        after_total=int(s.get("after_total", 0)),
        cost=int(s.get("cost", 0)),
        refusal=tuple(s.get("refusal", ())),
    )


def open_adoption_drafts(district: District) -> QuerySet[AdoptionDraft]:
    """The district's drafts not adopted yet, newest first (what a council may vote on)."""
    return AdoptionDraft.objects.filter(district=district, adoption__isnull=True).defer("rows")
