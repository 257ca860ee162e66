"""Reads of the people app for pages, the CLI and the API, always within an access scope.

Every function takes the querysets of :mod:`lattice.people.access` as its starting point, so
nothing here can widen what a user sees. Aggregates for the network office return counts
only, never rows about individuals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict, cast

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from lattice.lib.actors import Actor
from lattice.lib.stamped import remember
from lattice.lib.suppression import suppress_column, suppress_line
from lattice.people.access import (
    PRINCIPAL_POSITIONS,
    assignments_visible_to,
    ratings_visible_to,
    scope_for,
    staff_visible_to,
)
from lattice.people.models import (
    AccessGrant,
    Assignment,
    District,
    Network,
    Position,
    RatingRecord,
    School,
    SchoolLevel,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)
from lattice.people.models.staff import DEGREE_ORDER, TEACHING_POSITIONS

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import WithAnnotations

EXPIRY_WARNING_DAYS = 90


def today() -> dt.date:
    return timezone.localdate()


# --- school years ---------------------------------------------------------------------------


def current_school_year(district: District | int, on: dt.date | None = None) -> SchoolYear | None:
    """The district's school year on ``on`` (today): the one containing it; in a gap between
    years (summer), the latest one that started before it; before the first, the first.
    None when the district has no school years. Every app asks this one function."""
    on = on or today()
    district_id = district if isinstance(district, int) else district.pk
    years = SchoolYear.objects.filter(district_id=district_id)
    return (
        years.filter(start__lte=on, end__gte=on).order_by("-start").first()
        or years.filter(start__lte=on).order_by("-start").first()
        or years.order_by("start").first()
    )


# --- the teacher's own profile ---------------------------------------------------------------


@dataclass
class CertificateStatus:
    kind: str
    number: str
    issued: dt.date
    expires: dt.date | None
    status: str  # "expired" | "expiring" | "current"

    @property
    def label(self) -> str:
        return {
            "expired": "Expired",
            "expiring": f"Expires within {EXPIRY_WARNING_DAYS} days",
            "current": "Current",
        }[self.status]


@dataclass
class Profile:
    """What a person's own page shows about them, computed on one date."""

    staff: StaffMember
    on: dt.date
    current_year: SchoolYear | None
    current_assignments: list[Assignment]
    assignments: list[Assignment]
    ratings: list[RatingRecord]
    years_in_district: Decimal
    prior_years: Decimal
    highest_degree: str
    degrees: list[Any]
    graduate_credits: Decimal
    certificates: list[CertificateStatus] = field(default_factory=list)

    @property
    def total_years(self) -> Decimal:
        return self.years_in_district + self.prior_years


def certificate_status(expires: dt.date | None, on: dt.date) -> str:
    if expires is not None and expires < on:
        return "expired"
    if expires is not None and expires <= on + dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring"
    return "current"


def profile_for(user: Actor, staff: StaffMember, on: dt.date | None = None) -> Profile:
    """A person's profile as ``user`` may see it (the caller has already checked visibility)."""
    on = on or today()
    year = current_school_year(staff.district_id, on)
    assignments = list(
        assignments_visible_to(user, staff).order_by("-school_year__start", "school__name")
    )
    ratings = list(ratings_visible_to(user, staff).order_by("-school_year__start"))
    show_credentials = can_view_credentials(user, staff)
    degrees = list(staff.degrees.order_by("conferred_on")) if show_credentials else []
    highest = max(degrees, key=lambda d: DEGREE_ORDER.index(d.level), default=None)
    credits = (
        staff.credits.aggregate(total=Coalesce(Sum("credits"), Decimal(0)))["total"]
        if show_credentials
        else Decimal(0)
    )
    certificates = (
        [
            CertificateStatus(
                c.kind, c.number, c.issued, c.expires, certificate_status(c.expires, on)
            )
            for c in staff.certificates.order_by("expires", "kind")
        ]
        if show_credentials
        else []
    )
    return Profile(
        staff=staff,
        on=on,
        current_year=year,
        current_assignments=[a for a in assignments if year and a.school_year_id == year.pk],
        assignments=assignments,
        ratings=ratings,
        years_in_district=staff.years_of_service(on),
        prior_years=staff.prior_years_experience,
        highest_degree=highest.get_level_display() if highest else "None recorded",
        degrees=degrees,
        graduate_credits=credits,
        certificates=certificates,
    )


def can_view_credentials(user: Actor, staff: StaffMember) -> bool:
    """Degrees, credits and certificates: the person, their district's talent office, admins."""
    scope = scope_for(user)
    return (
        scope.is_superuser
        or scope.own_staff_id == staff.pk
        or staff.district_id in scope.officer_district_ids
    )


# --- staff directory -------------------------------------------------------------------------

SORTS = {
    "name": ("family_name", "given_name", "pk"),
    "-name": ("-family_name", "-given_name", "-pk"),
    "employee": ("employee_id", "pk"),
    "-employee": ("-employee_id", "-pk"),
    "school": ("school_name", "family_name", "pk"),
    "-school": ("-school_name", "family_name", "pk"),
    "hired": ("hire_date", "family_name", "pk"),
    "-hired": ("-hire_date", "family_name", "pk"),
}


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    subject: str = ""
    grades: str = ""
    position: str = ""
    school_id: int | None = None
    sort: str = "name"


def directory(
    user: Actor, school_year: SchoolYear, schools: QuerySet[School], f: DirectoryFilter
) -> QuerySet[StaffMember]:
    """Staff ``user`` may see with an assignment at ``schools`` in ``school_year``, filtered.

    Each person carries ``year_assignments``: their assignments that year at those schools
    (prefetched, so a page of results costs a fixed number of queries). Sorted by school,
    each also carries ``school_name``, the first of their schools by name; the other sorts
    leave it out, because SQLite works it out for every person the filters match, not only
    for the page shown (most of the 1,100-teacher directory's query, docs/decisions/0017).
    """
    if f.school_id is not None:
        schools = schools.filter(pk=f.school_id)
    matching = Assignment.objects.filter(school_year=school_year, school__in=schools)
    if f.subject:
        matching = matching.filter(subject=f.subject)
    if f.grades:
        matching = matching.filter(grades=f.grades)
    if f.position:
        matching = matching.filter(position=f.position)
    # One list of the matching people rather than a subquery run for every person
    # (``Exists``): SQLite builds the list once.
    people = staff_visible_to(user).filter(pk__in=matching.values("staff_member_id"))
    if f.q:
        for word in f.q.split()[:5]:
            people = people.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(employee_id__iexact=word)
            )
    year_assignments = (
        Assignment.objects.filter(school_year=school_year, school__in=schools)
        .select_related("school")
        .order_by("school__name", "position")
    )
    sort = f.sort if f.sort in SORTS else "name"
    if sort in ("school", "-school"):
        first_school = (
            Assignment.objects.filter(
                staff_member=OuterRef("pk"), school_year=school_year, school__in=schools
            )
            .order_by("school__name")
            .values("school__name")[:1]
        )
        people = people.annotate(school_name=Subquery(first_school))
    return people.prefetch_related(
        Prefetch("assignments", queryset=year_assignments, to_attr="year_assignments")
    ).order_by(*SORTS[sort])


def filter_choices(school_year: SchoolYear, schools: QuerySet[School]) -> dict[str, list[Any]]:
    """The subjects, grade bands and positions present, for the filter menus."""
    rows = set(
        Assignment.objects.filter(school_year=school_year, school__in=schools)
        .order_by()
        .values_list("subject", "grades", "position")
        .distinct()
    )
    subjects = sorted({subject for subject, _, _ in rows if subject})
    grades = sorted({band for _, band, _ in rows if band}, key=_grade_sort_key)
    present = {position for _, _, position in rows}
    positions = [(value, label) for value, label in Position.choices if value in present]
    return {"subjects": subjects, "grades": grades, "positions": positions}


def _grade_sort_key(band: str) -> tuple[int, str]:
    first = band.split("-")[0].strip().upper()
    if first in ("PK", "PRE-K"):
        return (-1, band)
    if first == "K":
        return (0, band)
    return (int(first), band) if first.isdigit() else (99, band)


# --- district and school headcounts ---------------------------------------------------------


class Headcounts(TypedDict):
    """What :func:`school_headcounts` adds to each school (and the district page beside it)."""

    teachers: int
    teacher_fte: Decimal
    staff_count: int
    level: str | None
    frl_share: Decimal | None
    title_i: bool | None
    level_label: str
    principal_names: list[str]


SchoolHeadcount: TypeAlias = "WithAnnotations[School, Headcounts]"


def teaching(prefix: str = "") -> Q:
    """The one definition of a teacher in a school year's counts: an active staff member
    with a teaching assignment (a teacher, or an instructional coach) that year. ``prefix``
    reaches the assignment from another model (``assignments__`` from a school)."""
    return Q(
        **{
            f"{prefix}position__in": sorted(TEACHING_POSITIONS),
            f"{prefix}staff_member__active": True,
        }
    )


def teachers_by_school(district: District, school_year: SchoolYear) -> dict[int, set[int]]:
    """School id -> the ids of its teachers in the school year (:func:`teaching`); a person
    teaching at two schools is in both sets, once in the district's count."""
    rows = Assignment.objects.filter(
        teaching(), school__district=district, school_year=school_year
    ).values_list("school_id", "staff_member_id")
    out: dict[int, set[int]] = {}
    for school_id, staff_id in rows:
        out.setdefault(school_id, set()).add(staff_id)
    return out


@dataclass(frozen=True)
class SchoolStaff:
    """Who works at each school of a district in a school year, read once: ``teachers`` as
    :func:`teaching` defines them (the count every page shows), ``staff`` everyone active
    assigned there in any position (teachers, nurses, librarians, specialists…)."""

    teachers: dict[int, set[int]]
    staff: dict[int, set[int]]


def staff_by_school(district: District, school_year: SchoolYear) -> SchoolStaff:
    """School id -> the ids of its teachers, and of all its active staff, in the school year
    (one query): for a page that counts people in any position against the teacher count."""
    rows = (
        Assignment.objects.filter(
            school__district=district, school_year=school_year, staff_member__active=True
        )
        .annotate(teaches=ExpressionWrapper(teaching(), output_field=BooleanField()))
        .values_list("school_id", "staff_member_id", "teaches")
    )
    teachers: dict[int, set[int]] = {}
    staff: dict[int, set[int]] = {}
    for school_id, staff_id, teaches in rows:
        staff.setdefault(school_id, set()).add(staff_id)
        if teaches:
            teachers.setdefault(school_id, set()).add(staff_id)
    return SchoolStaff(teachers, staff)


def teacher_count(district: District, school_year: SchoolYear, school: School | None = None) -> int:
    """How many teachers the district (or one school) has in the school year: the number
    every page that shows one shows (the district overview, the roles dashboard, the
    network's pages), from :func:`teaching`'s one definition (one query)."""
    qs = Assignment.objects.filter(teaching(), school__district=district, school_year=school_year)
    if school is not None:
        return qs.filter(school=school).values("staff_member_id").distinct().count()
    # The district's count reads the whole year's assignments (a second on 100,000
    # teachers): remembered under the district's facts stamp, as every fact writer restamps.
    return remember(
        "people.teacher_count",
        district.pk,
        (school_year.pk,),
        lambda: qs.values("staff_member_id").distinct().count(),
    )


def school_headcounts(district: District, school_year: SchoolYear) -> list[SchoolHeadcount]:
    """The district's schools with the year's counts (two queries).

    Each school gets ``teachers`` (its teachers, as :func:`teaching` defines them),
    ``teacher_fte`` (their teaching assignments' FTE),
    ``staff_count`` (everyone assigned); and the year's ``level`` (``level_label``),
    ``frl_share`` and ``title_i`` from its profile.

    The counts come from one pass over the year's assignments in the district, grouped by
    school, not from a join of every school to every year's assignments: on a 100,000-teacher
    district that join read all 600,000 assignments and took seconds (ADR 0023). The counts
    are remembered under the district's facts stamp.
    """
    teaches = teaching()

    def count() -> dict[int, Any]:
        return {
            row["school_id"]: row
            for row in Assignment.objects.filter(school__district=district, school_year=school_year)
            .order_by()
            .values("school_id")
            .annotate(
                teachers=Count("staff_member", filter=teaches, distinct=True),
                teacher_fte=Sum("fte", filter=teaches),
                staff_count=Count("staff_member", distinct=True),
            )
        }

    # Remembered under the district's facts stamp (ADR 0017): only assignments change them.
    counts = remember("people.school_counts", district.pk, (school_year.pk,), count)
    profile = SchoolYearProfile.objects.filter(school=OuterRef("pk"), school_year=school_year)
    labels = dict(SchoolLevel.choices)
    schools = list(
        School.objects.filter(district=district)
        .annotate(
            level=Subquery(profile.values("level")[:1]),
            frl_share=Subquery(profile.values("frl_share")[:1]),
            title_i=Subquery(profile.values("title_i")[:1]),
        )
        .order_by("name")
    )
    # The annotations above, and level_label filled in here (principal_names by the page).
    rows = cast(list[SchoolHeadcount], schools)
    for school in rows:
        found = counts.get(school.pk, {})
        school.teachers = found.get("teachers", 0)
        school.teacher_fte = found.get("teacher_fte") or Decimal("0.00")
        school.staff_count = found.get("staff_count", 0)
        school.level_label = labels.get(school.level or "", "Not recorded")
    return rows


@dataclass
class LevelSummary:
    level: str
    label: str
    schools: int
    teachers: int
    teacher_fte: Decimal


def summarise_by_level(schools: list[SchoolHeadcount]) -> list[LevelSummary]:
    labels = dict(SchoolLevel.choices)
    out: dict[str, LevelSummary] = {}
    for school in schools:
        key = school.level or "unknown"
        row = out.setdefault(
            key, LevelSummary(key, labels.get(key, "Not recorded"), 0, 0, Decimal(0))
        )
        row.schools += 1
        row.teachers += school.teachers
        row.teacher_fte += school.teacher_fte
    order = [value for value, _ in SchoolLevel.choices] + ["unknown"]
    return sorted(out.values(), key=lambda r: order.index(r.level))


def staff_address(user: User) -> str:
    """The email address on the account's staff record ("" without one): where notices go
    for an account that has no address of its own."""
    found = StaffMember.objects.filter(user=user).values_list("email", flat=True).first()
    return found or ""


def principal_users(school: School, on: dt.date | None = None) -> list[User]:
    """The accounts of the people who lead ``school`` in the school year in force ``on``
    (today): who is told that something at the school waits on its principal."""
    year = current_school_year(school.district_id, on)
    if year is None:
        return []
    rows = (
        Assignment.objects.filter(
            school=school,
            school_year=year,
            position__in=PRINCIPAL_POSITIONS,
            staff_member__user__isnull=False,
        )
        .select_related("staff_member__user")
        .order_by("staff_member__family_name")
    )
    seen: dict[int, User] = {}
    for row in rows:
        user = row.staff_member.user
        if user is not None:  # the filter's staff_member__user__isnull=False
            seen.setdefault(user.pk, user)
    return list(seen.values())


def officer_users(district: District | int) -> list[User]:
    """The accounts of ``district``'s talent office: who is told what waits on the district."""
    district_id = district if isinstance(district, int) else district.pk
    grants = AccessGrant.objects.filter(
        role=AccessGrant.Role.TALENT_OFFICER, district_id=district_id, user__is_active=True
    ).select_related("user")
    return list({g.user.pk: g.user for g in grants}.values())


def principals_by_school(
    schools: Sequence[School], school_year: SchoolYear
) -> dict[int, list[str]]:
    rows = (
        Assignment.objects.filter(
            school__in=[s.pk for s in schools],
            school_year=school_year,
            position__in=PRINCIPAL_POSITIONS,
        )
        .select_related("staff_member")
        .order_by("staff_member__family_name")
    )
    out: dict[int, list[str]] = {}
    for row in rows:
        out.setdefault(row.school_id, []).append(row.staff_member.display_name)
    return out


# --- network aggregates (counts only) --------------------------------------------------------


@dataclass(frozen=True)
class DistrictCounts:
    """One district's row of the network office's table, as shown: None where suppressed.

    Schools are not people and are shown exactly; teachers and principals are counts of
    people, suppressed down the column with the network's total (:mod:`lattice.lib.suppression`).
    """

    district_name: str
    school_year: str
    schools: int
    teachers: int | None
    principals: int | None


@dataclass(frozen=True)
class RatingCell:
    """One rating of a district's distribution: its count and share, None where suppressed."""

    label: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class RatingDistribution:
    """A district's latest ratings as shown: zeros hide too, for a 0 ("no one rated
    Ineffective") speaks for every teacher counted."""

    district_name: str
    school_year: str
    rated: int | None
    cells: tuple[RatingCell, ...]


@dataclass(frozen=True)
class NetworkOverview:
    """The network office's page for one network: counts only, every one already suppressed,
    so a template cannot show a number it should not. Nothing names or counts one person."""

    districts: tuple[DistrictCounts, ...]
    schools: int
    teachers: int | None
    principals: int | None
    ratings: tuple[RatingDistribution, ...]
    unrated: tuple[str, ...]


@dataclass(frozen=True)
class _RawDistrict:
    name: str
    school_year: str
    schools: int
    teachers: int
    principals: int
    ratings_year: str
    ratings: tuple[tuple[str, int], ...]


def _raw_district(district: District, on: dt.date | None) -> _RawDistrict:
    """A district's counts before suppression (a handful of queries); never leaves here."""
    year = current_school_year(district, on)
    teachers = principals = 0
    if year is not None:
        teachers = teacher_count(district, year)
        principals = (
            Assignment.objects.filter(
                school_year=year,
                staff_member__active=True,
                school__district=district,
                position__in=PRINCIPAL_POSITIONS,
            )
            .values("staff_member")
            .distinct()
            .count()
        )
    latest = (
        RatingRecord.objects.filter(staff_member__district=district)
        .order_by("-school_year__start")
        .values_list("school_year_id", "school_year__label")
        .first()
    )
    ratings: tuple[tuple[str, int], ...] = ()
    if latest is not None:
        counts = Counter(
            dict(
                RatingRecord.objects.filter(
                    school_year_id=latest[0], staff_member__district=district
                )
                .values_list("label")
                .annotate(n=Count("pk"))
                .values_list("label", "n")
            )
        )
        labels = list(district.rating_labels) + sorted(set(counts) - set(district.rating_labels))
        ratings = tuple((label, counts.get(label, 0)) for label in labels)
    return _RawDistrict(
        district.name,
        year.label if year else "",
        district.schools.count(),
        teachers,
        principals,
        latest[1] if latest else "",
        ratings,
    )


def _ratings(raw: _RawDistrict) -> RatingDistribution:
    line = suppress_line([n for _, n in raw.ratings], zeros_disclose=True)
    rated = line.total
    return RatingDistribution(
        raw.name,
        raw.ratings_year,
        rated,
        tuple(
            RatingCell(label, n, None if n is None or not rated else n / rated)
            for (label, _), n in zip(raw.ratings, line.cells, strict=True)
        ),
    )


def network_overview(network: Network, on: dt.date | None = None) -> NetworkOverview:
    """The network office's aggregates for ``network``, suppressed: each district's teachers
    and principals with the network's totals (primary and complementary suppression down
    each column), and each district's latest rating distribution with its total rated."""
    raw = [_raw_district(d, on) for d in network.districts.order_by("name")]
    teachers = suppress_column([r.teachers for r in raw])
    principals = suppress_column([r.principals for r in raw])
    return NetworkOverview(
        districts=tuple(
            DistrictCounts(r.name, r.school_year, r.schools, t, p)
            for r, t, p in zip(raw, teachers.cells, principals.cells, strict=True)
        ),
        schools=sum(r.schools for r in raw),
        teachers=teachers.total,
        principals=principals.total,
        ratings=tuple(_ratings(r) for r in raw if r.ratings),
        unrated=tuple(r.name for r in raw if not r.ratings),
    )


def staff_years(user: Actor, school: School) -> list[SchoolYear]:
    """The school years of ``school`` whose staff list ``user`` may open, latest first."""
    scope = scope_for(user)
    years = SchoolYear.objects.filter(district_id=school.district_id).order_by("-start")
    if scope.is_superuser or school.district_id in scope.officer_district_ids:
        return list(years)
    led = {y for s, y in scope.led_school_years if s == school.pk}
    return [y for y in years if y.pk in led]
