"""Staffing suggestions for a district's open postings: every teacher's fit for each posting
and one suggested assignment across all open positions (``lattice.roles.optimise``).

The talent office's suggestions page shows this; it lives here, not in the view, so the
scoring is one function a test can call. Everything is read in a fixed number of queries
however many teachers there are (the facts of every teacher at once, the applicants, panels
and filled positions of every posting at once), and each posting's ranking by qualification
is remembered under the district's facts stamp (ADR 0023 has the figures).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count

from lattice.lib import stamped
from lattice.people.models import Assignment, District, SchoolYear, StaffMember
from lattice.people.queries import current_school_year
from lattice.roles import optimise
from lattice.roles.access import staff_who_see
from lattice.roles.models import (
    Application,
    ApplicationStatus,
    AssignmentStatus,
    LeadershipInterest,
    Offer,
    OfferResponse,
    PanelMember,
    Posting,
    RoleAssignment,
    RoleType,
)
from lattice.roles.qualify import Outcome, TeacherFacts, check
from lattice.roles.queries import facts_of
from lattice.rules.experience import years_of_experience

TOP = 5  # candidates listed under each posting
# The staff fields the scoring and the page read (after the id), read through the year's
# positions.
STAFF_COLUMNS = tuple(
    f"staff_member__{name}"
    for name in (
        "given_name",
        "preferred_name",
        "family_name",
        "prior_years_experience",
        "hire_date",
    )
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One teacher as the scoring and the page read them: a plain row, not a staff record (a
    district's every teacher is read on each request, and building a model instance for each
    cost more than the scoring). Named and counted as :class:`StaffMember` is."""

    pk: int
    given_name: str
    preferred_name: str
    family_name: str
    prior_years_experience: Decimal | int | None
    hire_date: dt.date | None

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    def total_experience(self, on: dt.date) -> Decimal:
        """Years of teaching experience on ``on`` (``StaffMember.total_experience``)."""
        return Decimal(years_of_experience(self.prior_years_experience, self.hire_date, on))


@dataclass(frozen=True)
class Section:
    """One open posting: its free positions and its best-fitting teachers with reasons."""

    posting: Posting
    free: int
    top: list[tuple[Candidate, optimise.Fit, tuple[str, ...]]]


@dataclass(frozen=True)
class Suggestions:
    """The page's two parts: per-posting candidates, and the numbered suggested assignment
    (posting, position number, teacher or None, fit or None)."""

    sections: list[Section]
    rows: list[tuple[Posting, int, Candidate | None, float | None]]

    @property
    def total(self) -> float:
        return sum(r[3] or 0 for r in self.rows)


def _free_positions(postings: list[Posting]) -> dict[int, int]:
    """Each posting's positions not yet accepted or offered (``queries.open_positions``)."""
    ids = [p.pk for p in postings]
    taken = dict(
        Application.objects.filter(posting_id__in=ids, status=ApplicationStatus.ACCEPTED)
        .values_list("posting_id")
        .annotate(n=Count("pk"))
        .values_list("posting_id", "n")
    )
    pending = dict(
        Offer.objects.filter(application__posting_id__in=ids, response=OfferResponse.PENDING)
        .values_list("application__posting_id")
        .annotate(n=Count("pk"))
        .values_list("application__posting_id", "n")
    )
    return {p.pk: max(p.positions - taken.get(p.pk, 0) - pending.get(p.pk, 0), 0) for p in postings}


def _role_key(posting: Posting) -> tuple[Any, ...]:
    """What a posting's ranking depends on besides the facts: its role as it stands (every
    requirement and the positions it is open to), its school and year."""
    role = posting.role
    return (
        tuple((f.attname, getattr(role, f.attname)) for f in role._meta.concrete_fields),
        posting.school_id,
        posting.school_year_id,
    )


Ranking = tuple[tuple[tuple[int, Outcome], ...], dict[int, int]]


class _Teachers:
    """What a ranking is computed from, read at most once a request and only when some
    posting's ranking is not remembered: the year's people in the positions any posting is
    open to (one query), who sees each school's posting (one query each), and the facts of
    everyone some posting may suggest (``queries.facts_of``, as for every posting at once)."""

    def __init__(
        self,
        district: District,
        year: SchoolYear | None,
        postings: list[Posting],
        in_force: SchoolYear | None,
        on: dt.date,
    ) -> None:
        self.district, self.year, self.postings = district, year, postings
        self.in_force, self.on = in_force, on

    @cached_property
    def people(self) -> tuple[dict[int, Candidate], dict[int, set[str]]]:
        open_to = {pos for p in self.postings for pos in p.role.eligible_positions}
        positions_of: dict[int, set[str]] = defaultdict(set)
        people: dict[int, Candidate] = {}
        for position, *row in (
            Assignment.objects.filter(
                staff_member__district=self.district,
                staff_member__active=True,
                school_year=self.year,
                position__in=sorted(open_to),
            )
            .order_by("staff_member__family_name", "staff_member__given_name", "staff_member_id")
            .values_list("position", "staff_member_id", *STAFF_COLUMNS)
        ):
            positions_of[row[0]].add(position)
            if row[0] not in people:
                people[row[0]] = Candidate(*row)
        return people, positions_of

    @cached_property
    def audience(self) -> dict[int, set[int] | None]:
        return {
            p.pk: (
                None
                if p.school_id is None
                else set(staff_who_see(p, self.in_force).values_list("pk", flat=True))
            )
            for p in self.postings
        }

    def candidates(self, posting: Posting) -> list[Candidate]:
        people, positions_of = self.people
        seen_by = self.audience[posting.pk]
        eligible = set(posting.role.eligible_positions)
        return [
            c
            for c in people.values()
            if (seen_by is None or c.pk in seen_by) and positions_of[c.pk] & eligible
        ]

    @cached_property
    def facts(self) -> dict[int, TeacherFacts]:
        everyone = {c.pk: c for p in self.postings for c in self.candidates(p)}
        return facts_of(self.district, list(everyone.values()), self.on)


def _ranking(teachers: _Teachers, posting: Posting) -> Ranking:
    """Everyone a posting may suggest (who sees it, in a position its role is open to) with
    their qualification, best first as they rank with no stated interest and no role held
    (the fit of nearly everyone; the few with either are scored afresh on each visit), then
    by name; and each one's place in that order.

    The check reads only facts and the role, so the ranking is remembered under the
    district's facts stamp with the role as it stands (``lattice.lib.stamped``) and kept in
    the process: on a large district it is a check of every teacher."""
    district, year, in_force = teachers.district, teachers.year, teachers.in_force
    seen_by = None if posting.school_id is None else in_force

    def compute() -> Ranking:
        role = posting.role
        candidates = teachers.candidates(posting)
        facts = teachers.facts
        labels = district.rating_labels
        shared: dict[Outcome, Outcome] = {}  # one object per distinct outcome: pickles small
        ranked: list[tuple[optimise.Fit, Candidate, Outcome]] = []
        for c in candidates:
            outcome = check(role, facts[c.pk], labels).outcome()
            outcome = shared.setdefault(outcome, outcome)
            plain = optimise.fit(c.pk, outcome, interested=False, load=0, max_load=1, kind="")
            ranked.append((plain, c, outcome))
        ranked.sort(key=lambda x: (-x[0].score, x[1].family_name))  # stable: then by name
        order = tuple((c.pk, outcome) for _, c, outcome in ranked)
        return order, {pk: i for i, (pk, _) in enumerate(order)}

    return stamped.remember(
        "roles.suggestions.ranking",
        district.pk,
        (
            _role_key(posting),
            None if year is None else year.pk,
            None if seen_by is None else seen_by.pk,
            teachers.on,
            tuple(district.rating_labels),
        ),
        compute,
        in_process=True,
    )


def suggest(
    district: District, year: SchoolYear | None, postings: Iterable[Posting], on: dt.date
) -> Suggestions:
    """Fit of every teacher of ``year`` for each of ``postings`` (the open ones the viewer may
    see), and the assignment that maximises total fit.

    With no open posting nothing is read. Each posting's ranking by qualification is
    remembered under the facts stamp (:func:`_ranking`); what is not a fact (stated
    interests, roles held, applications, review panels, the people's names) is read on
    every call, for the few people it concerns. The assignment is optimised over each
    posting's best eligible candidates only, as many as there are open positions in all:
    an optimal assignment never needs a posting's candidate below that many better ones
    (one of them is always free to take the seat), so the total fit is the optimum over
    everyone; among candidates of equal fit another may be picked."""
    postings = list(postings)
    if not postings:
        return Suggestions([], [])
    in_force = current_school_year(district) if any(p.school_id for p in postings) else None
    teachers = _Teachers(district, year, postings, in_force, on)
    rankings = {p.pk: _ranking(teachers, p) for p in postings}
    interests = {
        i.staff_member_id: i
        for i in LeadershipInterest.objects.filter(staff_member__district=district)
    }
    load: dict[int, int] = defaultdict(int)
    for sid in RoleAssignment.objects.filter(
        staff_member__district=district, school_year=year, status=AssignmentStatus.ACTIVE
    ).values_list("staff_member_id", flat=True):
        load[sid] += 1
    ids = [p.pk for p in postings]
    applicants: dict[int, set[int]] = defaultdict(set)
    for posting_id, applicant_id in Application.objects.filter(posting_id__in=ids).values_list(
        "posting_id", "applicant_id"
    ):
        applicants[posting_id].add(applicant_id)
    reviewers: dict[int, set[int]] = defaultdict(set)
    for posting_id, reviewer_id in PanelMember.objects.filter(
        panel__posting_id__in=ids
    ).values_list("panel__posting_id", "reviewer_id"):
        reviewers[posting_id].add(reviewer_id)
    free_of = _free_positions(postings)
    # Enough of each posting's plain ranking to hold its TOP and its share of the plan.
    enough = max(TOP, sum(free_of.values()))
    kinds = dict(RoleType.choices)
    scored: dict[int, list[tuple[optimise.Fit, tuple[str, ...]]]] = {}
    for p in postings:
        order, place = rankings[p.pk]
        role = p.role
        kind = kinds.get(role.role_type, "these").lower()
        applied = applicants[p.pk]
        on_panel = reviewers[p.pk]
        special = {sid for sid in (*interests, *load, *applied, *on_panel) if sid in place}
        picked = [order[place[sid]] for sid in sorted(special)]
        plain = 0
        for entry in order:
            if plain >= enough:
                break
            if entry[0] not in special:
                picked.append(entry)
                plain += 1
        fits: list[tuple[optimise.Fit, tuple[str, ...]]] = []
        for sid, outcome in picked:
            i = interests.get(sid)
            f = optimise.fit(
                sid,
                outcome,
                interested=bool(i and role.role_type in i.role_types),
                load=load.get(sid, 0),
                max_load=i.max_roles if i else 1,
                kind=kind,
            )
            reasons = f.reasons + (("applied to this posting",) if sid in applied else ())
            if sid in on_panel:
                f = replace(f, eligible=False)
                reasons += ("sits on this posting's review panel, so is not suggested",)
            fits.append((f, reasons))
        scored[p.pk] = fits
    # The names of only the people the page shows or the plan may pick, read now.
    by_id = {
        row[0]: Candidate(*row)
        for row in StaffMember.objects.filter(
            pk__in={f.staff_id for fits in scored.values() for f, _ in fits}
        ).values_list("pk", *(c.removeprefix("staff_member__") for c in STAFF_COLUMNS))
    }
    sections: list[Section] = []
    openings: list[dict[int, float]] = []
    groups: list[int] = []
    labels: list[tuple[Posting, int]] = []
    for p in postings:
        fits = scored[p.pk]

        def key(x: tuple[optimise.Fit, tuple[str, ...]]) -> tuple[Any, ...]:
            c = by_id[x[0].staff_id]
            return (-x[0].score, c.family_name, c.given_name, c.pk)

        fits.sort(key=key)
        free = free_of[p.pk]
        sections.append(Section(p, free, [(by_id[f.staff_id], f, r) for f, r in fits[:TOP]]))
        for n in range(free):
            openings.append({f.staff_id: f.score for f, _ in fits if f.eligible})
            groups.append(p.pk)
            labels.append((p, n + 1))
    wanted = {sid for fits in openings for sid in fits}
    capacity = {
        sid: max((interests[sid].max_roles if sid in interests else 1) - load.get(sid, 0), 0)
        for sid in wanted
    }
    plan = optimise.optimal_assignment(openings, capacity, groups)
    rows: list[Any] = [
        (
            labels[i][0],
            by_id.get(plan[i]) if i in plan else None,
            openings[i].get(plan[i]) if i in plan else None,
        )
        for i in range(len(openings))
    ]
    # best fit first within each posting, then number the positions
    rows.sort(key=lambda r: (r[0].role.title, r[0].pk, -(r[2] or -1)))
    numbered: list[tuple[Posting, int, Candidate | None, float | None]] = []
    seen: dict[int, int] = {}
    for posting, person, score in rows:
        seen[posting.pk] = seen.get(posting.pk, 0) + 1
        numbered.append((posting, seen[posting.pk], person, score))
    return Suggestions(sections, numbered)
