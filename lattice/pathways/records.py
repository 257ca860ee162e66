"""The one adapter between Django and the rules engine: a person's rows → ``TeacherRecord``.

Read from the database: the person (hire date, prior experience), ratings
(``people.RatingRecord``), degrees, certificates (imported and verified claims), the verified
ledger (college credits, PD hours, approved projects, roles served), recorded decisions, the
starting placement and each year's school facts. Submitted or rejected claims never reach the
engine. Imported graduate credits (``people.CreditRecord``) feed credential lanes only; unit
ledgers count only credits claimed within their window, as the policies require.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from lattice.pathways.models import Claim, ClaimKind, ClaimStatus, Decision, StartingPlacement
from lattice.people.models import (
    Assignment,
    SchoolYearProfile,
    StaffMember,
)
from lattice.rules import records as r
from lattice.rules.policy import Model, Policy

DEGREES = {
    "bachelor": r.Degree.BACHELORS,
    "master": r.Degree.MASTERS,
    "specialist": r.Degree.MASTERS,
    "doctorate": r.Degree.DOCTORATE,
}


@dataclass(frozen=True)
class WhatIf:
    """Facts to try on top of the record (nothing is saved): the what-if panel's inputs."""

    rating: str = ""
    credits: int = 0
    pd_hours: int = 0
    on: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not (self.rating or self.credits or self.pd_hours)


@dataclass
class SchoolFacts:
    """Free/reduced-lunch shares by (school id, school year id), loaded once per district."""

    frl: dict[tuple[int, int], Decimal] = field(default_factory=dict)

    @classmethod
    def for_district(cls, district_id: int) -> SchoolFacts:
        rows = SchoolYearProfile.objects.filter(school__district_id=district_id).values_list(
            "school_id", "school_year_id", "frl_share"
        )
        return cls({(s, y): share for s, y, share in rows})


def staff_for_records(staff: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
    """``staff`` with everything :func:`build_record` reads, in a fixed number of queries."""
    return staff.select_related("starting_placement").prefetch_related(
        "ratings__school_year",
        "degrees",
        "certificates",
        "credits",
        Prefetch(
            "claims",
            queryset=Claim.objects.filter(status=ClaimStatus.VERIFIED).order_by("id"),
            to_attr="verified_claims",
        ),
        Prefetch("pathway_decisions", queryset=Decision.objects.order_by("decided", "id")),
        Prefetch(
            "assignments", queryset=Assignment.objects.select_related("school_year").order_by("id")
        ),
    )


def load_staff(staff: StaffMember) -> StaffMember:
    """One person, re-read with everything :func:`build_record` needs."""
    return staff_for_records(StaffMember.objects.filter(pk=staff.pk)).get()


def _year(day: dt.date) -> int:
    return r.school_year_of(day)


def _certificate_kinds(kind: str, policy: Policy) -> list[str]:
    """The kind as written, plus its initials when the policy names certificates that way
    (a "Standard Professional Certificate" is Baltimore's "SPC")."""
    kinds = [kind]
    wanted = {k for t in policy.transitions for k in t.certificate_any}
    wanted |= {k for t in policy.transitions for k in t.requires.certificate_any}
    words = kind.replace("-", " ").split()
    initials = "".join(w[0] for w in words if w[:1].isalpha()).upper()
    if len(words) > 1 and initials in wanted and initials != kind:
        kinds.append(initials)
    return kinds


def build_record(
    staff: StaffMember,
    policy: Policy,
    *,
    what_if: WhatIf | None = None,
    school_facts: SchoolFacts | None = None,
) -> r.TeacherRecord:
    """The engine's record of ``staff`` (loaded with :func:`staff_for_records`)."""
    hire = staff.hire_date or policy.effective_from
    ratings = [
        r.Rating(_year(rr.school_year.start), rr.label, posted=rr.school_year.end)
        for rr in staff.ratings.all()
    ]
    degrees = [
        r.DegreeEarned(DEGREES[d.level], d.conferred_on or hire)
        for d in staff.degrees.all()
        if d.level in DEGREES
    ]
    certificates = [
        r.Certificate(kind, c.issued, c.expires)
        for c in staff.certificates.all()
        for kind in _certificate_kinds(c.kind, policy)
    ]
    credits: list[r.CreditEarned] = []
    if policy.model is not Model.LEDGER:
        credits += [
            r.CreditEarned(int(c.credits), c.earned_on, c.earned_on) for c in staff.credits.all()
        ]
    pd_hours: list[r.PdHours] = []
    accomplishments: list[r.Accomplishment] = []
    roles: list[r.RoleServed] = []
    claims: Iterable[Claim] = (
        staff.verified_claims
        if hasattr(staff, "verified_claims")
        else staff.claims.filter(status=ClaimStatus.VERIFIED).order_by("id")
    )
    window = policy.ledger.credit_window_days if policy.ledger else None
    role_keys = {role.key for role in policy.roles.roles} if policy.roles else set()
    for claim in claims:
        kind = claim.kind
        if kind == ClaimKind.CREDITS:
            submitted = claim.submitted_on
            if claim.window_exception and window is not None:
                # The talent office accepted it late: it counts as submitted by the deadline.
                submitted = min(submitted, claim.completed + dt.timedelta(days=window))
            credits.append(r.CreditEarned(claim.quantity, claim.completed, submitted))
        elif kind == ClaimKind.PD_HOURS:
            pd_hours.append(r.PdHours(claim.quantity, claim.completed))
        elif kind == ClaimKind.PROJECT:
            accomplishments.append(
                r.Accomplishment(
                    claim.category or "project", claim.completed, claim.quantity, claim.title
                )
            )
        elif kind == ClaimKind.ROLE and claim.category in role_keys:
            roles.append(r.RoleServed(claim.category, _year(claim.completed)))
        elif kind == ClaimKind.CERTIFICATE:
            certificates += [
                r.Certificate(k, claim.completed, claim.expires)
                for k in _certificate_kinds(claim.title, policy)
            ]
    decisions = [
        r.Decision(r.DecisionKind(d.kind), d.decided, d.ends, d.note)
        for d in staff.pathway_decisions.all()
    ]
    placement = None
    start: StartingPlacement | None = getattr(staff, "starting_placement", None)
    if start is not None:
        placement = r.Placement(start.on, start.pathway, start.interval, start.units)
    years = _years(staff, school_facts)
    record = r.TeacherRecord(
        teacher_id=staff.employee_id,
        hire_date=hire,
        prior_experience_years=int(staff.prior_years_experience),
        placement=placement,
        degrees=tuple(degrees),
        credits=tuple(sorted(credits, key=lambda c: (c.submitted, c.course_end))),
        pd_hours=tuple(sorted(pd_hours, key=lambda p: p.completed)),
        certificates=tuple(certificates),
        ratings=tuple(sorted(ratings, key=lambda x: x.school_year)),
        accomplishments=tuple(sorted(accomplishments, key=lambda a: a.completed)),
        roles=tuple(roles),
        decisions=tuple(decisions),
        years=years,
    )
    if what_if is not None and not what_if.empty:
        record = apply_what_if(record, what_if)
    return record


def apply_what_if(record: r.TeacherRecord, what_if: WhatIf) -> r.TeacherRecord:
    """``record`` with the what-if facts added on ``what_if.on`` (this school year)."""
    on = what_if.on or dt.date.today()
    year = _year(on)
    changes: dict[str, Any] = {}
    if what_if.rating:
        kept = tuple(x for x in record.ratings if x.school_year != year)
        changes["ratings"] = (*kept, r.Rating(year, what_if.rating, posted=on))
    if what_if.credits:
        changes["credits"] = (*record.credits, r.CreditEarned(what_if.credits, on, on))
    if what_if.pd_hours:
        changes["pd_hours"] = (*record.pd_hours, r.PdHours(what_if.pd_hours, on))
    return replace(record, **changes)


def _years(staff: StaffMember, school_facts: SchoolFacts | None) -> tuple[r.SchoolYearFacts, ...]:
    """Each school year's FRL share at the person's main assignment (largest FTE)."""
    if school_facts is None:
        school_facts = SchoolFacts.for_district(staff.district_id)
    best: dict[int, Assignment] = {}
    for a in staff.assignments.all():
        year = _year(a.school_year.start)
        if year not in best or a.fte > best[year].fte:
            best[year] = a
    out = []
    for year, a in sorted(best.items()):
        share = school_facts.frl.get((a.school_id, a.school_year_id))
        percent = int((share * 100).to_integral_value()) if share is not None else 0
        out.append(r.SchoolYearFacts(school_year=year, frl_percent=percent))
    return tuple(out)
