"""Who may see what: the one permission layer used by views, the CLI and the API.

Scopes (issue "Foundation"):
- a teacher sees their own record;
- a principal sees the staff of the school(s) they lead, for the school years they lead it;
  every other power a principal has (postings, applications, role assignments, proposals in
  the roles app) is scoped the same way, by (school, school year), so a principal who moved
  from one school to another keeps no power over the school they left;
- a teacher holding an *active* leadership role that **evaluates** peers (issue 7; Wareham's
  move from coach to secondary evaluator) sees, like a principal but no further, the teachers
  assigned to the role's school in the role's school year: their person pages, their
  assignments there and their ratings for that year only. No school pages, no directory. The
  roles app grants this reach through a provider it registers (``lattice.people.reach``),
  asked each time a scope is built, so it follows the role: it ends with the assignment's term
  or status, and changes when the role's peer relation changes;
- a holder of a role that only **supports** peers (coach, mentor, ...) gains no access at all:
  coaching stays confidential and separate from evaluation (New Bedford: coach–teacher
  conversations are confidential and support is requested by teachers), so a coach sees no
  colleague's person page and no rating;
- a district talent officer sees everything in their district;
- a network officer sees aggregate counts of member districts, never individual records;
- a superuser sees everything.

Anything outside a user's scope is reported as *not found* (404), never *forbidden*, so the
existence of another district's records does not leak. Every function here is a plain
predicate or a queryset filter; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import (
    CharField,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest
from django.utils import timezone

from lattice.audit.models import AuditEntry
from lattice.lib.actors import Actor
from lattice.people.models import (
    AccessGrant,
    Assignment,
    District,
    Network,
    Position,
    RatingRecord,
    School,
    SchoolYear,
    StaffMember,
)
from lattice.people.models.staff import TEACHING_POSITIONS
from lattice.people.reach import providers as reach_providers

PRINCIPAL_POSITIONS = (Position.PRINCIPAL,)


@dataclass(frozen=True)
class Persona:
    """What a signed-in user is, for navigation and home pages (not for access decisions)."""

    key: str  # superuser | officer | network | principal | teacher | none
    label: str


@dataclass(frozen=True)
class LedPeriod:
    """A school year a principal led a school, as the dates that year is *in force*: from its
    first day until the district's next school year begins (``until`` exclusive; None for the
    latest year). Summer belongs to the year just ended, so there is always one year in force.
    """

    school_id: int
    school_year_id: int
    start: dt.date
    until: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day < self.until)

    def q(self, date_field: str) -> Q:
        """Q matching rows of this school whose ``date_field`` falls in this period."""
        q = Q(school_id=self.school_id, **{f"{date_field}__gte": self.start})
        if self.until is not None:
            q &= Q(**{f"{date_field}__lt": self.until})
        return q


@dataclass
class Scope:
    """The resolved reach of one user; built once per request by :func:`scope_for`."""

    user: Actor
    is_superuser: bool = False
    own_staff_id: int | None = None
    # the district of that staff record (read in the same query)
    own_district_id: int | None = None
    officer_district_ids: frozenset[int] = field(default_factory=frozenset)
    network_ids: frozenset[int] = field(default_factory=frozenset)
    # (school id, school year id) pairs the user leads as principal
    led_school_years: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    # (school id, school year id) pairs where a reach provider gives the user a principal's
    # reach over the teachers there (roles: an active role that evaluates peers)
    evaluated_school_years: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    # the led pairs with the dates each school year is in force, oldest first
    led_periods: tuple[LedPeriod, ...] = ()

    @cached_property
    def led_school_ids(self) -> frozenset[int]:
        """Every school the user led in any year: the school pages they may open, which show
        only the years led (``people.queries.staff_years``). Decide nothing else with it (a
        principal who moved keeps it): use :meth:`leads` or :func:`led_q`."""
        return frozenset(school for school, _ in self.led_school_years)

    def leads(self, school_id: int | None, school_year_id: int | None) -> bool:
        """Whether the user leads ``school_id`` as principal in ``school_year_id``."""
        return (school_id, school_year_id) in self.led_school_years

    def current_led_school_ids(self, on: dt.date | None = None) -> frozenset[int]:
        """Schools the user leads in the school year in force ``on`` (today)."""
        day = on or timezone.localdate()
        return frozenset(p.school_id for p in self.led_periods if p.in_force(day))

    def led_school_years_from(self, on: dt.date | None = None) -> frozenset[tuple[int, int]]:
        """(school, school year) pairs led in the year in force ``on`` (today) or later: where
        a principal may still post openings."""
        day = on or timezone.localdate()
        return frozenset(
            (p.school_id, p.school_year_id)
            for p in self.led_periods
            if p.until is None or p.until > day
        )

    @property
    def is_officer(self) -> bool:
        return bool(self.officer_district_ids)

    @property
    def is_network_officer(self) -> bool:
        return bool(self.network_ids)

    @property
    def is_principal(self) -> bool:
        return bool(self.led_school_years)

    def home_school_id(self) -> int | None:
        """The school a principal's home page shows: one they lead now, else the latest led."""
        current = self.current_led_school_ids()
        if current:
            return min(current)
        periods = self.led_periods
        if periods:
            return periods[-1].school_id
        return min(self.led_school_ids) if self.led_school_ids else None

    @property
    def persona(self) -> Persona:
        if self.is_superuser:
            return Persona("superuser", "Administrator")
        if self.is_officer:
            return Persona("officer", "District talent office")
        if self.is_network_officer:
            return Persona("network", "Network office")
        if self.is_principal:
            return Persona("principal", "Principal")
        if self.own_staff_id is not None:
            return Persona("teacher", "Teacher")
        return Persona("none", "No access yet")


ANONYMOUS = Scope(user=None)


def scope_for(user: Actor) -> Scope:
    """Resolve a user's scope from their staff record, assignments and grants: one query (a
    UNION of the four), once per request (kept on the request's user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_lattice_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user=user, is_superuser=True) if user.is_superuser else _scope_of(user, user.pk)
    # Kept on the user object for the rest of the request (read back above).
    setattr(user, "_lattice_scope", scope)  # noqa: B010
    return scope


# The UNION's columns: what the row is, a grant's role, two ids and a school year's dates.
_COLUMNS = ("kind", "grant_role", "first_id", "second_id", "since", "until")


def _scope_of(user: Actor, user_id: int) -> Scope:
    """The scope of a user who is not a superuser, read in one query: the user's grants
    (role, district, network), their active staff record (id, district), the school years they
    lead a school as principal (school, year, and the dates the year is in force) and the
    (school, school year) pairs where a registered reach provider gives them reach
    (``lattice.people.reach``; the roles app: a role in force today that evaluates peers)."""
    # Typed NULLs: PostgreSQL matches a UNION's column types part by part.
    no_text = Cast(Value(None), CharField())
    no_date = Cast(Value(None), DateField())
    own = StaffMember.objects.filter(user_id=user_id, active=True)
    next_start = (
        SchoolYear.objects.filter(
            district_id=OuterRef("school_year__district_id"),
            start__gt=OuterRef("school_year__start"),
        )
        .order_by("start")
        .values("start")[:1]
    )
    grants = (
        AccessGrant.objects.filter(user_id=user_id)
        .annotate(
            kind=Value("grant"),
            grant_role=F("role"),
            first_id=F("district_id"),
            second_id=F("network_id"),
            since=no_date,
            until=no_date,
        )
        .values_list(*_COLUMNS)
        .order_by()  # a compound statement takes no ORDER BY in its parts
    )
    staff = (
        own.annotate(
            kind=Value("staff"),
            grant_role=no_text,
            first_id=F("pk"),
            second_id=F("district_id"),
            since=no_date,
            until=no_date,
        )
        .values_list(*_COLUMNS)
        .order_by()
    )
    led = (
        Assignment.objects.filter(
            staff_member__user_id=user_id,
            staff_member__active=True,
            position__in=PRINCIPAL_POSITIONS,
        )
        .annotate(
            kind=Value("led"),
            grant_role=no_text,
            first_id=F("school_id"),
            second_id=F("school_year_id"),
            since=F("school_year__start"),
            until=Subquery(next_start),
        )
        .values_list(*_COLUMNS)
        .order_by()
    )
    parts = [staff, led]
    today = timezone.localdate()
    own_id = Subquery(own.values("pk")[:1])
    for provider in reach_providers():
        reached = (
            provider.school_years(own_id, today)
            .annotate(
                kind=Value("reaches"),
                grant_role=no_text,
                first_id=F("school_id"),
                second_id=F("school_year_id"),
                since=no_date,
                until=no_date,
            )
            .values_list(*_COLUMNS)
            .order_by()
        )
        parts.append(reached)
    staff_id: int | None = None
    district_id: int | None = None
    officer: set[int] = set()
    networks: set[int] = set()
    periods: dict[tuple[int, int], LedPeriod] = {}
    evaluated: set[tuple[int, int]] = set()
    for kind, role, first, second, since, until in grants.union(*parts, all=True):
        if kind == "grant":
            if role == AccessGrant.Role.TALENT_OFFICER and first is not None:
                officer.add(first)
            elif role == AccessGrant.Role.NETWORK_OFFICER and second is not None:
                networks.add(second)
        elif kind == "staff":
            staff_id, district_id = first, second
        elif kind == "led":
            periods[(first, second)] = LedPeriod(
                first, second, _as_date(since), until and _as_date(until)
            )
        else:
            evaluated.add((first, second))
    led_periods = tuple(sorted(periods.values(), key=lambda p: (p.start, p.school_id)))
    return Scope(
        user=user,
        own_staff_id=staff_id,
        own_district_id=district_id,
        officer_district_ids=frozenset(officer),
        network_ids=frozenset(networks),
        led_school_years=frozenset((p.school_id, p.school_year_id) for p in led_periods),
        evaluated_school_years=frozenset(evaluated),
        led_periods=led_periods,
    )


def _as_date(value: Any) -> dt.date:
    # SQLite hands back a compound statement's dates as text.
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def led_q(scope: Scope, prefix: str = "") -> Q:
    """Q matching rows (via ``prefix``) with a ``school`` and a ``school_year`` the user leads
    as principal: assignments, and in the roles app postings, applications (``posting__``) and
    role assignments."""
    q = Q(pk__in=[])
    for school_id, year_id in scope.led_school_years:
        q |= Q(**{f"{prefix}school_id": school_id, f"{prefix}school_year_id": year_id})
    return q


def _evaluated_q(scope: Scope, prefix: str = "") -> Q:
    """Q matching teaching assignments (via ``prefix``) at a school in a year where the user
    holds a role that evaluates peers; never the principal's or other staff's assignments."""
    q = Q(pk__in=[])
    for school_id, year_id in scope.evaluated_school_years:
        q |= Q(**{f"{prefix}school_id": school_id, f"{prefix}school_year_id": year_id})
    return q & Q(**{f"{prefix}position__in": TEACHING_POSITIONS})


def _reach_q(scope: Scope) -> Q:
    """Assignments a principal or an evaluating role holder reaches (see the two above)."""
    q = led_q(scope)
    if scope.evaluated_school_years:
        q |= _evaluated_q(scope)
    return q


# --- staff -------------------------------------------------------------------------------


def staff_visible_to(user: Actor) -> QuerySet[StaffMember]:
    """The staff members whose individual records ``user`` may see."""
    scope = scope_for(user)
    qs = StaffMember.objects.all()
    if scope.is_superuser:
        return qs
    # The ids come from one subquery (a UNION of each source) rather than an OR of several:
    # PostgreSQL can only meet ``id = 1 OR id IN (…)`` by reading every staff row, which on a
    # 100,000-teacher district is most of a principal's school page.
    sources: list[QuerySet[Any]] = []
    if scope.own_staff_id is not None:
        sources.append(StaffMember.objects.filter(pk=scope.own_staff_id).values("pk"))
    if scope.led_school_years:
        sources.append(Assignment.objects.filter(led_q(scope)).values("staff_member_id"))
    if scope.evaluated_school_years:
        sources.append(Assignment.objects.filter(_evaluated_q(scope)).values("staff_member_id"))
    q = Q(pk__in=[])
    if len(sources) == 1 and scope.own_staff_id is not None:
        q |= Q(pk=scope.own_staff_id)
    elif sources:
        unordered = [source.order_by() for source in sources]  # no ORDER BY inside a UNION
        q |= Q(pk__in=unordered[0].union(*unordered[1:]) if len(unordered) > 1 else unordered[0])
    if scope.officer_district_ids:
        q |= Q(district_id__in=scope.officer_district_ids)
    return qs.filter(q)


def own_staff(user: Actor) -> StaffMember | None:
    """The signed-in person's own staff record (with its district); None for an account
    linked to no active staff record. Pages only for staff answer 404 on None."""
    staff_id = scope_for(user).own_staff_id
    if staff_id is None:
        return None
    return StaffMember.objects.select_related("district").filter(pk=staff_id).first()


def get_visible_staff(user: Actor, pk: Any) -> StaffMember:
    """The staff member ``pk`` if ``user`` may see them; 404 otherwise (also when absent)."""
    try:
        return staff_visible_to(user).select_related("district").get(pk=pk)
    except (StaffMember.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such person") from exc


def ratings_visible_to(user: Actor, staff: StaffMember) -> QuerySet[RatingRecord]:
    """A person's ratings that ``user`` may read.

    A principal reads ratings only for the years they led a school where the person worked;
    a holder of a role that evaluates peers, only for the years of that role at a school where
    the person taught; the person, their district's talent office and superusers read all.
    """
    scope = scope_for(user)
    qs = staff.ratings.select_related("school_year")
    if (
        scope.is_superuser
        or scope.own_staff_id == staff.pk
        or (staff.district_id in scope.officer_district_ids)
    ):
        return qs
    if scope.led_school_years or scope.evaluated_school_years:
        years = Assignment.objects.filter(_reach_q(scope), staff_member=staff).values(
            "school_year_id"
        )
        return qs.filter(school_year_id__in=years)
    return qs.none()


def assignments_visible_to(user: Actor, staff: StaffMember) -> QuerySet[Assignment]:
    """A person's assignments that ``user`` may read (a principal: only at schools they lead,
    an evaluating role holder: only their teaching there in the role's year)."""
    scope = scope_for(user)
    qs = staff.assignments.select_related("school", "school_year")
    if (
        scope.is_superuser
        or scope.own_staff_id == staff.pk
        or (staff.district_id in scope.officer_district_ids)
    ):
        return qs
    if scope.led_school_years or scope.evaluated_school_years:
        return qs.filter(_reach_q(scope))
    return qs.none()


# --- schools and districts ----------------------------------------------------------------


def schools_visible_to(user: Actor) -> QuerySet[School]:
    """Schools whose staff lists ``user`` may open."""
    scope = scope_for(user)
    qs = School.objects.select_related("district")
    if scope.is_superuser:
        return qs
    return qs.filter(Q(district_id__in=scope.officer_district_ids) | Q(pk__in=scope.led_school_ids))


def get_visible_school(user: Actor, pk: Any) -> School:
    try:
        return schools_visible_to(user).get(pk=pk)
    except (School.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such school") from exc


def districts_administered_by(user: Actor) -> QuerySet[District]:
    """Districts whose talent-office pages (directory, audit log, imports) ``user`` may use."""
    scope = scope_for(user)
    if scope.is_superuser:
        return District.objects.all()
    return District.objects.filter(pk__in=scope.officer_district_ids)


def can_administer_district(user: Actor, district: District) -> bool:
    return districts_administered_by(user).filter(pk=district.pk).exists()


def get_administered_district(user: Actor, key: str) -> District:
    try:
        return districts_administered_by(user).get(key=key)
    except District.DoesNotExist as exc:
        raise Http404("No such district") from exc


def administered_district(request: HttpRequest) -> District:
    """The district a talent-office page is about: ``?district=KEY`` or the user's first."""
    districts = districts_administered_by(request.user).order_by("name")
    key = request.GET.get("district")
    district = (districts.filter(key=key).first() if key else None) or districts.first()
    if district is None:
        raise Http404("No district")
    return district


def networks_visible_to(user: Actor) -> QuerySet[Network]:
    """Networks whose aggregate pages ``user`` may see (counts only, never individuals)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Network.objects.all()
    return Network.objects.filter(pk__in=scope.network_ids)


def can_view_audit(user: Actor) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or scope.is_officer


def audit_entries_visible_to(user: Actor) -> QuerySet[AuditEntry]:
    """Audit entries ``user`` may read: those of the districts they administer, and those
    about their districts' own staff kept under another district (a teacher of a member
    district seated on, nominated to or elected to a network cabinet another member district
    keeps: one entry, which both offices read). A superuser reads all, system-wide ones
    included. The audit log page and the API read through this."""
    if scope_for(user).is_superuser:
        return AuditEntry.objects.all()
    districts = districts_administered_by(user)
    own_staff = StaffMember.objects.filter(district__in=districts).values("pk")
    return AuditEntry.objects.filter(Q(district__in=districts) | Q(staff_member_id__in=own_staff))
