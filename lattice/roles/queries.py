"""Reads of the roles app: qualifications, supplements, rankings, coverage and equity.

Callers pass querysets already limited by ``lattice.roles.access``; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import Prefetch, QuerySet

from lattice.lib import formatting, stamped
from lattice.lib.placements import (
    PathwayPlacement,
    high_poverty_percent,
    pathway_placement,
    pathway_placements,
)
from lattice.people.models import (
    Assignment,
    Certificate,
    District,
    RatingRecord,
    School,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)
from lattice.people.queries import (
    current_school_year,
    staff_by_school,
    teachers_by_school,
    today,
)
from lattice.roles import costing
from lattice.roles.models import (
    Application,
    ApplicationStatus,
    AssignmentStatus,
    LeadershipRole,
    Offer,
    OfferResponse,
    PayKind,
    Posting,
    RoleAssignment,
    RoleSettings,
    RoleStatus,
    RoleType,
    Score,
)
from lattice.roles.qualify import Qualification, TeacherFacts, check
from lattice.rules import poverty


def settings_for(district: District) -> RoleSettings:
    """The district's role settings, or the documented defaults when none are saved."""
    found = RoleSettings.objects.filter(district=district).first()
    return found or RoleSettings(district=district)


def current_year(district: District, on: dt.date) -> SchoolYear | None:
    """The district's current school year (``lattice.people.queries.current_school_year``)."""
    return current_school_year(district, on)


# --- qualifications ------------------------------------------------------------------------


def with_facts(staff: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
    """Prefetch what :func:`facts_for` reads (ratings, certificates)."""
    return staff.prefetch_related(
        Prefetch(
            "ratings",
            queryset=RatingRecord.objects.select_related("school_year").order_by(
                "-school_year__start"
            ),
        ),
        Prefetch("certificates", queryset=Certificate.objects.all()),
    )


_UNKNOWN: Any = object()


def facts_for(staff: StaffMember, on: dt.date, pathway: Any = _UNKNOWN) -> TeacherFacts:
    """What the qualification check reads about ``staff`` (loaded with :func:`with_facts`);
    pass ``pathway`` when it was read for many teachers at once (``pathways_of``)."""
    ratings = sorted(staff.ratings.all(), key=lambda r: r.school_year.start, reverse=True)
    return TeacherFacts(
        ratings_recent_first=[r.label for r in ratings if r.school_year.start <= on],
        certificate_kinds=frozenset(c.kind for c in staff.certificates.all() if c.is_current(on)),
        years_experience=staff.total_experience(on),
        pathway=current_pathway(staff, on) if pathway is _UNKNOWN else pathway,
    )


class Experienced(Protocol):
    """What :func:`facts_of` reads of each person: a staff record, or a plain row of one
    (``lattice.roles.suggestions.Candidate``) that counts experience the same way."""

    @property
    def pk(self) -> Any: ...

    def total_experience(self, on: dt.date) -> Decimal: ...


def facts_of(
    district: District, staff: Sequence[Experienced], on: dt.date
) -> dict[int, TeacherFacts]:
    """:func:`facts_for` of many teachers at once, in three queries however many: the
    district's ratings and certificates read as plain rows, and one pathway reader call
    (a prefetch would build a queryset per teacher, which costs more than the check). They
    are facts, so they are remembered under the district's facts stamp
    (``lattice.lib.stamped``) until one changes, and kept in the process too (busy pages read
    them on every request; nothing here changes them); experience is counted from ``staff``."""
    ids = tuple(sorted({s.pk for s in staff}))
    ratings, kinds, placements = stamped.remember(
        "roles.facts",
        district.pk,
        (on, ids),
        lambda: _facts_rows(district, set(ids), on),
        in_process=True,
    )
    return {
        s.pk: TeacherFacts(
            ratings_recent_first=ratings.get(s.pk, []),
            certificate_kinds=frozenset(kinds.get(s.pk, ())),
            years_experience=s.total_experience(on),
            pathway=placements.get(s.pk),
        )
        for s in staff
    }


def _facts_rows(
    district: District, ids: set[int], on: dt.date
) -> tuple[dict[int, list[str]], dict[int, set[str]], dict[int, PathwayPlacement | None]]:
    ratings: dict[int, list[str]] = defaultdict(list)
    for staff_id, label in (
        RatingRecord.objects.filter(staff_member__district=district, school_year__start__lte=on)
        .order_by("-school_year__start")
        .values_list("staff_member_id", "label")
    ):
        if staff_id in ids:
            ratings[staff_id].append(label)
    kinds: dict[int, set[str]] = defaultdict(set)
    for staff_id, kind, issued, expires in Certificate.objects.filter(
        staff_member__district=district, issued__lte=on
    ).values_list("staff_member_id", "kind", "issued", "expires"):
        if staff_id in ids and Certificate(issued=issued, expires=expires).is_current(on):
            kinds[staff_id].add(kind)
    return dict(ratings), dict(kinds), pathways_of(district, on, ids)


def current_pathway(staff: StaffMember, on: dt.date | None = None) -> PathwayPlacement | None:
    """The teacher's pathway/stage in force on ``on`` (today), or None when never placed
    (``lattice.lib.placements``: the pathways app answers from the stored standing)."""
    return pathway_placement(staff.district_id, staff.pk, on or today())


def pathways_of(
    district: District, on: dt.date, staff_ids: Iterable[int]
) -> dict[int, PathwayPlacement | None]:
    """Each teacher's pathway placement, read for many at once (one reader call)."""
    return pathway_placements(district.pk, on, staff_ids)


def qualification(staff: StaffMember, role: LeadershipRole, on: dt.date) -> Qualification:
    """Each requirement of ``role`` met or unmet for ``staff`` on ``on``, with the gap."""
    return check(role, facts_for(staff, on), role.district.rating_labels)


# --- pay -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Supplement:
    role: str
    role_key: str
    school_year: str
    dollars: int
    units: Decimal
    extra_days: int
    starts_on: dt.date
    ends_on: dt.date


def supplements_for(staff: StaffMember, on_date: dt.date) -> list[Supplement]:
    """Stipends and units a person earns from roles active on ``on_date`` (for payroll)."""
    rows = RoleAssignment.objects.filter(
        staff_member=staff,
        status=AssignmentStatus.ACTIVE,
        starts_on__lte=on_date,
        ends_on__gte=on_date,
    ).select_related("role", "school_year")
    return [
        Supplement(
            role=a.role.title,
            role_key=a.role.key,
            school_year=a.school_year.label,
            dollars=a.stipend_dollars,
            units=a.role.pay_units if a.role.pay_kind == PayKind.UNITS else Decimal(0),
            extra_days=a.extra_days,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
        )
        for a in rows
    ]


# --- selection -----------------------------------------------------------------------------


@dataclass
class Ranked:
    application: Application
    reviewers: int
    mean_total: Decimal | None
    criteria: dict[str, Decimal] = field(default_factory=dict)
    rank: int | None = None


ACTIVE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.UNSUCCESSFUL,
)


def ranking(posting: Posting, applications: Sequence[Application] | None = None) -> list[Ranked]:
    """Applications ranked by the mean of each reviewer's complete rubric total, best first.

    A reviewer's scores count once they scored every criterion; unscored applications come
    last, in order of submission.
    """
    if applications is None:
        applications = list(
            posting.applications.filter(status__in=ACTIVE_STATUSES)
            .select_related("applicant")
            .order_by("submitted_at", "pk")
        )
    keys = [c["key"] for c in posting.rubric]
    per: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for s in Score.objects.filter(application__in=[a.pk for a in applications]):
        per[s.application_id][s.member_id][s.criterion] = s.points
    out: list[Ranked] = []
    for app in applications:
        complete = [m for m in per[app.pk].values() if all(k in m for k in keys)]
        if complete:
            n = Decimal(len(complete))
            mean = sum(Decimal(sum(m[k] for k in keys)) for m in complete) / n
            crit = {k: sum(Decimal(m[k]) for m in complete) / n for k in keys}
            out.append(Ranked(app, len(complete), mean.quantize(Decimal("0.01")), crit))
        else:
            out.append(Ranked(app, 0, None))
    order = sorted(out, key=lambda r: (r.mean_total is None, -(r.mean_total or 0)))
    for i, row in enumerate(order, start=1):
        row.rank = i if row.mean_total is not None else None
    return order


def waitlist(posting: Posting) -> list[Ranked]:
    """Scored applicants not yet offered, best first: who gets the next offer."""
    return [
        r
        for r in ranking(posting)
        if r.mean_total is not None and r.application.status == ApplicationStatus.SUBMITTED
    ]


def open_positions(posting: Posting) -> int:
    taken = posting.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    pending = Offer.objects.filter(
        application__posting=posting, response=OfferResponse.PENDING
    ).count()
    return max(posting.positions - taken - pending, 0)


# --- coverage, equity, cost ----------------------------------------------------------------


def teaching_staff_by_school(district: District, year: SchoolYear) -> dict[int, set[int]]:
    """School id -> ids of the school's teachers that year: the people app's one definition
    (``lattice.people.queries.teachers_by_school``), so the dashboard's count is the
    district overview's."""
    return teachers_by_school(district, year)


LOWER_POVERTY = Decimal("0.40")  # below this FRL share: lower poverty


def frl_bands(high_percent: int) -> list[tuple[str, str, Decimal, Decimal]]:
    """(key, label, lowest, highest) FRL share of each band; schools are high-poverty from the
    district policy's threshold (``lattice.lib.placements.high_poverty_percent``, which the
    pathways app answers from the policy in force: one definition)."""
    high = Decimal(high_percent) / 100
    low = min(LOWER_POVERTY, high)
    return [
        ("low", f"Lower poverty (under {low:.0%} FRL)", Decimal("0"), low),
        ("mid", f"Middle ({low:.0%}–{high_percent - 1}% FRL)", low, high),
        ("high", f"High poverty ({high_percent}% FRL or more)", high, Decimal("1.01")),
    ]


def frl_band(share: Decimal | None, bands: list[tuple[str, str, Decimal, Decimal]]) -> str:
    if share is None:
        return "unknown"
    for key, _, low, high in bands:
        if low <= share < high:
            return key
    return "unknown"


@dataclass
class SchoolCoverage:
    """One school's row of the dashboard: ``teachers`` (the teacher count), ``in_roles``
    (its staff holding a role, in any position), ``share`` the holders per teacher."""

    school: School
    teachers: int = 0
    in_roles: int = 0
    release_fte: Decimal = Decimal(0)
    stipends: int = 0
    extra_days: int = 0
    frl_share: Decimal | None = None
    coverage_cost: int = 0

    @property
    def share(self) -> Decimal:
        return Decimal(self.in_roles) / self.teachers if self.teachers else Decimal(0)

    @property
    def per_hundred(self) -> int:
        """Role holders per 100 teachers, whole."""
        return int((self.share * 100).to_integral_value())


@dataclass
class Dashboard:
    """A district's leadership coverage in a school year. Role holders count whatever their
    position (a librarian or a nurse holding a role is a holder, and is paid): ``in_roles``
    is everyone holding an active role, ``teachers_in_roles`` the teachers among them.
    Ratios divide by ``teachers``, the people app's teacher count: ``share`` is the role
    holders per teacher (per 100 teachers, as the target is set)."""

    district: District
    year: SchoolYear
    settings: RoleSettings
    schools: list[SchoolCoverage]
    teachers: int
    in_roles: int
    teachers_in_roles: int
    required: int
    by_type: list[tuple[str, int, Decimal, int]]  # label, holders, share, target %
    bands: list[tuple[str, int, int, Decimal, int]]  # label, teachers, in roles, share, dollars
    cost: costing.SystemCost
    plan: Any  # the engine's plan of the default mix for this many teachers
    # qualified, not in a role: staff id -> titles of the roles they qualify for (the people
    # themselves are listed a page at a time by :func:`pipeline_page`)
    pipeline: dict[int, list[str]]

    @property
    def share(self) -> Decimal:
        return Decimal(self.in_roles) / self.teachers if self.teachers else Decimal(0)

    @property
    def target_met(self) -> bool:
        return self.in_roles >= self.required

    @property
    def shortfall(self) -> int:
        """How many more people must hold a role to reach the target (0 once it is met)."""
        return max(self.required - self.in_roles, 0)

    @property
    def target_sentence(self) -> str:
        """The coverage against the target in words: "Target met (31 of 100, 31%)" once it is
        met, else how many more are needed; never a count "needed" that is already there."""
        of = f"{self.in_roles} of {self.teachers}, {formatting.percent(self.share)}"
        if self.target_met:
            return f"Target met ({of})"
        more = self.shortfall
        return (
            f"{more} more role holder{'' if more == 1 else 's'} needed for the "
            f"{self.settings.target_share_percent}% target ({self.required} in all; now {of})"
        )

    @property
    def per_hundred(self) -> int:
        """Role holders per 100 teachers, whole."""
        return int((self.share * 100).to_integral_value())

    @property
    def others_in_roles(self) -> int:
        """Role holders who are not teachers (librarians, nurses, specialists…)."""
        return self.in_roles - self.teachers_in_roles

    @property
    def pipeline_by_role(self) -> list[tuple[str, int]]:
        """How many teachers outside a role qualify for each role, most first."""
        counts: dict[str, int] = defaultdict(int)
        for fits in self.pipeline.values():
            for title in fits:
                counts[title] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def active_role_assignments(district: District, year: SchoolYear) -> Any:
    return RoleAssignment.objects.filter(
        role__district=district, school_year=year, status=AssignmentStatus.ACTIVE
    )


def school_staff(
    district: District, year: SchoolYear
) -> tuple[dict[int, set[int]], dict[int, set[int]], frozenset[int]]:
    """Who works at each school in ``year`` (``people.queries.staff_by_school``: its teachers,
    and its active staff in any position) and every teacher of the district.

    Assignments and who is active are facts, so this is remembered under the district's
    facts stamp and kept in the process: on 100,000 teachers it is a read of every
    assignment of the year (about 100 ms), the same until a fact changes. The caller must
    not change what it returns."""

    def compute() -> tuple[dict[int, set[int]], dict[int, set[int]], frozenset[int]]:
        at_school = staff_by_school(district, year)
        teachers = frozenset().union(*at_school.teachers.values())
        return at_school.teachers, at_school.staff, teachers

    return stamped.remember("roles.school_staff", district.pk, (year.pk,), compute, in_process=True)


def dashboard(district: District, year: SchoolYear, on: dt.date) -> Dashboard:
    """Coverage, equity, cost and pipeline of a district's leadership roles in a school year."""
    conf = settings_for(district)
    teachers_at, staff_at, all_teachers = school_staff(district, year)
    profiles = {
        p.school_id: p.frl_share
        for p in SchoolYearProfile.objects.filter(school__district=district, school_year=year)
    }
    schools = {
        s.pk: SchoolCoverage(s, frl_share=profiles.get(s.pk))
        for s in School.objects.filter(district=district)
    }
    for school_id, ids in teachers_at.items():
        schools[school_id].teachers = len(ids)
    holders: set[int] = set()
    by_type: dict[str, set[int]] = defaultdict(set)
    supplements = 0
    release = Decimal(0)
    days = 0
    for a in active_role_assignments(district, year).values(
        "staff_member_id", "school_id", "role_type", "release_fte", "stipend_dollars", "extra_days"
    ):
        holders.add(a["staff_member_id"])
        by_type[a["role_type"]].add(a["staff_member_id"])
        supplements += a["stipend_dollars"]
        release += a["release_fte"]
        days += a["extra_days"]
        row = schools.get(a["school_id"])
        if row is not None:
            row.release_fte += a["release_fte"]
            row.stipends += a["stipend_dollars"]
            row.extra_days += a["extra_days"]
    for row in schools.values():
        row.in_roles = len(staff_at.get(row.school.pk, set()) & holders)
        row.coverage_cost = int((row.release_fte * conf.coverage_fte_cost).to_integral_value())
    catalogue = list(LeadershipRole.objects.filter(district=district, status=RoleStatus.ACTIVE))
    spec = costing.spec_for(
        district.key,
        catalogue,
        target_share_percent=conf.target_share_percent,
        round_up=conf.round_up,
    )
    n = len(all_teachers)
    target_by_type: dict[str, int] = defaultdict(int)
    for role in catalogue:
        target_by_type[role.role_type] += role.default_share_percent
    type_rows = []
    for key, label in RoleType.choices:
        count = len(by_type.get(key, set()))
        if count or target_by_type.get(key):
            type_rows.append(
                (label, count, Decimal(count) / n if n else Decimal(0), target_by_type.get(key, 0))
            )
    band_rows = []
    line = high_poverty_percent(district.pk, on)
    bands = frl_bands(poverty.DEFAULT_HIGH_POVERTY_PERCENT if line is None else line)
    for key, label, low, high in bands:
        if low >= high:
            continue
        members = [r for r in schools.values() if frl_band(r.frl_share, bands) == key]
        t = sum(r.teachers for r in members)
        h = sum(r.in_roles for r in members)
        band_rows.append(
            (label, t, h, Decimal(h) / t if t else Decimal(0), sum(r.stipends for r in members))
        )
    return Dashboard(
        district=district,
        year=year,
        settings=conf,
        schools=sorted(schools.values(), key=lambda r: r.school.name),
        teachers=n,
        in_roles=len(holders),
        teachers_in_roles=len(all_teachers & holders),
        required=costing.leaders_required(spec, n),
        by_type=type_rows,
        bands=band_rows,
        cost=costing.system_cost(
            supplements=supplements,
            coverage_fte=release,
            extra_days=days,
            coverage_fte_cost=conf.coverage_fte_cost,
            extra_day_cost=conf.extra_day_cost,
        ),
        plan=costing.plan(spec, n) if catalogue else None,
        pipeline=pipeline(district, on, all_teachers - holders, catalogue),
    )


def pipeline(
    district: District,
    on: dt.date,
    staff_ids: Iterable[int],
    catalogue: Sequence[LeadershipRole],
) -> dict[int, list[str]]:
    """Of ``staff_ids``, those who qualify for at least one active role, with those roles.

    Checking every teacher against every role reads only facts and the roles' requirements,
    so the answer is remembered under the district's facts stamp (``lattice.lib.stamped``)
    with the roles as they stand."""
    if not catalogue:
        return {}
    roles = tuple(
        tuple((f.attname, getattr(r, f.attname)) for f in r._meta.concrete_fields)
        for r in catalogue
    )
    ids = tuple(sorted(staff_ids))
    return stamped.remember(
        "roles.pipeline",
        district.pk,
        (on, ids, roles, district.rating_labels),
        lambda: _qualifying(district, set(ids), on, catalogue),
    )


def pipeline_of(district: District, year: SchoolYear, on: dt.date) -> dict[int, list[str]]:
    """The district's pipeline in ``year``, as the coverage dashboard counts it: teachers
    outside a role who qualify for an active role."""
    teachers_at = teaching_staff_by_school(district, year)
    teachers = set().union(*teachers_at.values()) if teachers_at else set()
    holders = set(active_role_assignments(district, year).values_list("staff_member_id", flat=True))
    catalogue = list(LeadershipRole.objects.filter(district=district, status=RoleStatus.ACTIVE))
    return pipeline(district, on, teachers - holders, catalogue)


def pipeline_people(fits: dict[int, list[str]]) -> QuerySet[StaffMember]:
    """The people of a pipeline (:func:`pipeline`), by name, to list a page at a time."""
    return StaffMember.objects.filter(pk__in=list(fits)).order_by("family_name", "given_name", "pk")


def _qualifying(
    district: District,
    staff_ids: set[int],
    on: dt.date,
    catalogue: Sequence[LeadershipRole],
) -> dict[int, list[str]]:
    """Staff id -> titles of the roles they qualify for."""
    people = list(
        StaffMember.objects.filter(pk__in=staff_ids).order_by("family_name", "given_name")
    )
    facts = facts_of(district, people, on)
    labels = district.rating_labels
    found = {}
    for person in people:
        fits = [r.title for r in catalogue if check(r, facts[person.pk], labels).qualified]
        if fits:
            found[person.pk] = fits
    return found


def home_school(staff: StaffMember, year: SchoolYear) -> School | None:
    """The school of a person's largest assignment that year (where cover is needed)."""
    found = (
        Assignment.objects.filter(staff_member=staff, school_year=year)
        .select_related("school")
        .order_by("-fte", "pk")
        .first()
    )
    return found.school if found else None


def may_hold(staff: StaffMember, role: LeadershipRole, year: SchoolYear) -> bool:
    """Whether ``staff`` holds, in ``year``, a position the role is open to (its
    ``eligible_positions``, read from the staff records; by default classroom teachers and
    instructional coaches), so a principal or a talent officer is not offered to apply
    unless the district opened the role to them."""
    return Assignment.objects.filter(
        staff_member=staff, school_year=year, position__in=list(role.eligible_positions)
    ).exists()


# --- stipend changes -----------------------------------------------------------------------


def stipend_holders(role: LeadershipRole, on: dt.date) -> QuerySet[RoleAssignment]:
    """The assignments of ``role`` a stipend change from ``on`` reaches: active, and running
    on that day or starting later (the term already given for next year)."""
    return RoleAssignment.objects.filter(
        role=role, status=AssignmentStatus.ACTIVE, ends_on__gte=on
    ).select_related("staff_member")


@dataclass(frozen=True)
class StipendPreview:
    """What changing ``role``'s stipend to ``after`` from ``on`` would do, in counts: how many
    current holders, what they are paid now in all and what they would be paid a year."""

    role: LeadershipRole
    after: int
    on: dt.date
    holders: int
    before_total: int
    after_total: int

    @property
    def cost(self) -> int:
        """The change in what the district pays these holders a year (+ costs more)."""
        return self.after_total - self.before_total


def stipend_preview(role: LeadershipRole, stipend_dollars: int, on: dt.date) -> StipendPreview:
    paid = list(stipend_holders(role, on).values_list("stipend_dollars", flat=True))
    return StipendPreview(
        role=role,
        after=stipend_dollars,
        on=on,
        holders=len(paid),
        before_total=sum(paid),
        after_total=stipend_dollars * len(paid),
    )


def stipend_roles(district: District) -> QuerySet[LeadershipRole]:
    """The district's catalogue roles that pay a stipend (not retired): those a decision
    may change the stipend of."""
    return (
        LeadershipRole.objects.filter(district=district, pay_kind=PayKind.STIPEND)
        .exclude(status=RoleStatus.RETIRED)
        .order_by("title")
    )
