"""Staffing suggestions for a district's open postings: every teacher's fit for each posting
and one suggested assignment across all open positions (``lattice.roles.optimise``).

The talent office's suggestions page shows this; it lives here, not in the view, so the
scoring is one function a test can call. Everything is read in a fixed number of queries
however many postings and teachers there are (the facts of every teacher at once, the
applicants, panels and filled positions of every posting at once).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count

from lattice.people.models import Assignment, District, SchoolYear
from lattice.people.models.staff import TEACHING_POSITIONS
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
from lattice.roles.qualify import check
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


def suggest(
    district: District, year: SchoolYear | None, postings: Iterable[Posting], on: dt.date
) -> Suggestions:
    """Fit of every teacher of ``year`` for each of ``postings`` (the open ones the viewer may
    see), and the assignment that maximises total fit."""
    postings = list(postings)
    # Whoever holds a position some posting's role is open to (its eligible positions, read
    # from the staff records), not only classroom teachers; each posting keeps its own.
    open_to = {pos for p in postings for pos in p.role.eligible_positions} or set(
        TEACHING_POSITIONS
    )
    # Only what the scoring and the page read (the name, and the experience the check
    # counts): a district's every teacher is loaded, so each field costs. One read of the
    # year's positions gives both each person's positions and, once each, the people.
    positions_of: dict[int, set[str]] = defaultdict(set)
    people: dict[int, Candidate] = {}
    for position, *row in (
        Assignment.objects.filter(
            staff_member__district=district, staff_member__active=True, school_year=year
        )
        .order_by("staff_member__family_name", "staff_member__given_name", "staff_member_id")
        .values_list("position", "staff_member_id", *STAFF_COLUMNS)
    ):
        positions_of[row[0]].add(position)
        if row[0] not in people:
            people[row[0]] = Candidate(*row)
    staff = [c for c in people.values() if positions_of[c.pk] & open_to]
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
    # Only teachers who see a posting among their openings can apply to it, so only they are
    # suggested: everyone for a district-wide posting, a school's own staff for a school's.
    in_force = current_school_year(district) if any(p.school_id for p in postings) else None
    audience: dict[int, set[int] | None] = {
        p.pk: (
            None
            if p.school_id is None
            else set(staff_who_see(p, in_force).values_list("pk", flat=True))
        )
        for p in postings
    }
    # Facts only of whoever some posting may suggest (in its audience, in a position its
    # role is open to): a school's posting is seen by its own staff, not the district's.
    audiences = list(audience.values())
    anyone = any(a is None for a in audiences)
    seen_by_some: set[int] = set().union(*(a for a in audiences if a is not None))
    candidates = [
        s for s in staff if (anyone or s.pk in seen_by_some) and positions_of[s.pk] & open_to
    ]
    facts = facts_of(district, candidates, on) if postings else {}
    by_id = {s.pk: s for s in staff}
    kinds = dict(RoleType.choices)
    sections: list[Section] = []
    openings: list[dict[int, float]] = []
    groups: list[int] = []
    labels: list[tuple[Posting, int]] = []
    labels_of = district.rating_labels
    for p in postings:
        fits: list[tuple[optimise.Fit, tuple[str, ...]]] = []
        seen_by = audience[p.pk]
        role = p.role
        eligible_positions = set(role.eligible_positions)
        kind = kinds.get(role.role_type, "these").lower()
        applied = applicants[p.pk]
        on_panel = reviewers[p.pk]
        for s in staff:
            sid = s.pk
            if seen_by is not None and sid not in seen_by:
                continue
            if not positions_of[sid] & eligible_positions:
                continue
            q = check(role, facts[sid], labels_of)
            i = interests.get(sid)
            f = optimise.fit(
                sid,
                q,
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
        fits.sort(key=lambda x: (-x[0].score, by_id[x[0].staff_id].family_name))
        free = free_of[p.pk]
        sections.append(Section(p, free, [(by_id[f.staff_id], f, r) for f, r in fits[:TOP]]))
        for n in range(free):
            openings.append({f.staff_id: f.score for f, _ in fits if f.eligible})
            groups.append(p.pk)
            labels.append((p, n + 1))
    capacity = {
        s.pk: max((interests[s.pk].max_roles if s.pk in interests else 1) - load.get(s.pk, 0), 0)
        for s in staff
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
