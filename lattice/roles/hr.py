"""Reads for HR positions as leadership roles: the positions a district's HR data holds, which
mapping rule each follows, what the sync would make of them, and the conflicts an officer
should see (a role assignment with no HR position behind it, an HR position with no role
assignment, a leadership-looking position nobody mapped yet).

HR positions are the people app's assignments (position and title as the roster and HR
files name them); this module reads them, never writes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from lattice.people.models import Assignment, District, Position, SchoolYear
from lattice.roles.models import (
    AssignmentStatus,
    HrRoleLink,
    LeadershipRole,
    PositionMapping,
    RoleAssignment,
    RoleStatus,
    RoleType,
)

# HR positions that usually are a leadership role; unmapped ones are listed for the officer.
LEADERSHIP_POSITIONS = {Position.INSTRUCTIONAL_COACH}
SUGGESTED_TYPES: dict[str, str] = {Position.INSTRUCTIONAL_COACH: RoleType.COACH}


@dataclass(frozen=True)
class HrPosition:
    """One HR assignment, as the sync sees it."""

    assignment_id: int
    staff_id: int
    staff_name: str
    school_id: int
    school_year_id: int
    year_label: str
    position: str
    title: str
    fte: Decimal


@dataclass
class PositionSummary:
    """A distinct HR position of the district, for the mapping page."""

    position: str
    label: str
    count: int
    titles: list[tuple[str, int]]
    rule: PositionMapping | None = None
    suggested: LeadershipRole | None = None


@dataclass
class Conflicts:
    """What the officer should look at; each entry is (person, role/position, year, reason)."""

    role_without_position: list[tuple[str, str, str, str]] = field(default_factory=list)
    position_without_role: list[tuple[str, str, str, str]] = field(default_factory=list)
    unmapped: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.role_without_position) + len(self.position_without_role) + len(self.unmapped)
        )


def sync_years(district: District, on: dt.date) -> list[SchoolYear]:
    """School years whose role assignments follow HR: the current one (as the coverage
    dashboard takes it: the latest started when none contains ``on``) and upcoming ones.
    Past years are history and are never rewritten."""
    years = list(SchoolYear.objects.filter(district=district).order_by("start"))
    current = None
    for year in years:
        if year.start <= on:
            current = year
    return [y for y in years if y.end >= on or y == current]


def hr_positions(district: District, years: Sequence[SchoolYear], on: dt.date) -> list[HrPosition]:
    """Open HR assignments of active staff in ``years`` (one query)."""
    if not years:
        return []
    open_in = Q(pk__in=[])
    for year in years:  # open on the day, or (for a year that has ended) at its end
        open_in |= Q(school_year=year) & (
            Q(end_date__isnull=True) | Q(end_date__gte=min(on, year.end))
        )
    rows = (
        Assignment.objects.filter(staff_member__district=district, staff_member__active=True)
        .filter(open_in)
        .values_list(
            "pk",
            "staff_member_id",
            "staff_member__given_name",
            "staff_member__preferred_name",
            "staff_member__family_name",
            "school_id",
            "school_year_id",
            "school_year__label",
            "position",
            "title",
            "fte",
        )
        .order_by("pk")
    )
    return [
        HrPosition(pk, staff, f"{pref or given} {family}", school, year, label, pos, title, fte)
        for pk, staff, given, pref, family, school, year, label, pos, title, fte in rows
    ]


def rules(district: District) -> list[PositionMapping]:
    """The district's mapping, title rules before position-wide ones (longest title first)."""
    found = list(PositionMapping.objects.filter(district=district).select_related("role"))
    return sorted(found, key=lambda m: (m.title_contains == "", -len(m.title_contains), m.pk))


def rule_for(position: HrPosition, mapping: Iterable[PositionMapping]) -> PositionMapping | None:
    for rule in mapping:
        if rule.matches(position.position, position.title):
            return rule
    return None


def summaries(district: District, on: dt.date) -> list[PositionSummary]:
    """Each HR position code the district uses this year and next, with its rule."""
    positions = hr_positions(district, sync_years(district, on), on)
    mapping = rules(district)
    catalogue = list(LeadershipRole.objects.filter(district=district, status=RoleStatus.ACTIVE))
    by_position: dict[str, Counter[str]] = defaultdict(Counter)
    for p in positions:
        by_position[p.position][p.title] += 1
    labels = dict(Position.choices)
    out = []
    for code, titles in sorted(by_position.items(), key=lambda kv: labels.get(kv[0], kv[0])):
        wide = next((m for m in mapping if m.position == code and not m.title_contains), None)
        kind = SUGGESTED_TYPES.get(code)
        suggested = next((r for r in catalogue if kind and r.role_type == kind), None)
        out.append(
            PositionSummary(
                position=code,
                label=labels.get(code, code),
                count=sum(titles.values()),
                titles=titles.most_common(5),
                rule=wide,
                suggested=suggested if wide is None else None,
            )
        )
    return out


@dataclass(frozen=True)
class Wanted:
    """A role assignment the HR positions call for."""

    staff_id: int
    role: LeadershipRole
    school_year_id: int
    school_id: int
    fte: Decimal
    hr_assignment_id: int
    mapping: PositionMapping


def wanted(district: District, on: dt.date) -> tuple[dict[tuple[int, int, int], Wanted], list]:
    """(staff, role, year) → what the HR positions call for; plus skipped (position, reason)."""
    years = sync_years(district, on)
    mapping = rules(district)
    out: dict[tuple[int, int, int], Wanted] = {}
    skipped = []
    for position in hr_positions(district, years, on):
        rule = rule_for(position, mapping)
        if rule is None or rule.role is None:
            continue
        if rule.role.status != RoleStatus.ACTIVE:
            skipped.append(
                (position, f"{rule.role.title} is {rule.role.get_status_display().lower()}")
            )
            continue
        key = (position.staff_id, rule.role.pk, position.school_year_id)
        before = out.get(key)
        fte = min(position.fte + (before.fte if before else Decimal(0)), Decimal(1))
        out[key] = Wanted(
            staff_id=position.staff_id,
            role=rule.role,
            school_year_id=position.school_year_id,
            school_id=before.school_id if before else position.school_id,
            fte=fte,
            hr_assignment_id=before.hr_assignment_id if before else position.assignment_id,
            mapping=rule,
        )
    return out, skipped


def conflicts(district: District, on: dt.date) -> Conflicts:
    """Role assignments and HR positions that do not line up, with the reason for each."""
    result = Conflicts()
    years = sync_years(district, on)
    want, skipped = wanted(district, on)
    mapped_roles = set(
        PositionMapping.objects.filter(district=district, role__isnull=False).values_list(
            "role_id", flat=True
        )
    )
    active = (
        RoleAssignment.objects.filter(
            role__district=district, school_year__in=years, status=AssignmentStatus.ACTIVE
        )
        .select_related("role", "staff_member", "school_year")
        .order_by("staff_member__family_name", "role__title")
    )
    held = set()
    for ra in active:
        key = (ra.staff_member_id, ra.role_id, ra.school_year_id)
        held.add(key)
        if ra.role_id in mapped_roles and key not in want:
            linked = HrRoleLink.objects.filter(role_assignment=ra).exists()
            reason = (
                "the HR position it followed has ended or changed"
                if linked
                else "no HR position of theirs maps to this role"
            )
            result.role_without_position.append(
                (ra.staff_member.display_name, ra.role.title, ra.school_year.label, reason)
            )
    labels = dict(Position.choices)
    positions = hr_positions(district, years, on)
    names = {p.staff_id: p.staff_name for p in positions}
    for key, item in want.items():
        if key not in held:
            name = names.get(key[0], f"staff #{key[0]}")
            result.position_without_role.append(
                (name, item.role.title, _label(years, key[2]), "not synced yet — sync now")
            )
    for position, reason in skipped:
        result.position_without_role.append(
            (
                position.staff_name,
                labels.get(position.position, position.position),
                position.year_label,
                f"not a role assignment: {reason}",
            )
        )
    mapping = rules(district)
    unmapped: Counter[str] = Counter()
    for position in positions:
        if position.position in LEADERSHIP_POSITIONS and rule_for(position, mapping) is None:
            unmapped[labels.get(position.position, position.position)] += 1
    result.unmapped = sorted(unmapped.items())
    return result


def _label(years: Sequence[SchoolYear], year_id: int) -> str:
    return next((y.label for y in years if y.pk == year_id), "")
