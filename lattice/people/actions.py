"""The only place the people app writes: named actions, each atomic and audited.

Views, the CLI, imports and the demo generator call these; nobody calls ``.save()`` on
people models directly. Every action that changes a fact the rules engine reads (a rating,
degree, credit, certificate, assignment, hire, exit, school profile or school year) says so
through :func:`lattice.lib.facts.facts_changed` inside its transaction, so standings and pay
follow (the pathways app listens).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import models, transaction

from lattice.audit.log import diff, record, snapshot
from lattice.lib import bulk
from lattice.lib.actors import Actor
from lattice.lib.facts import Fact, facts_changed
from lattice.people.models import (
    AccessGrant,
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    District,
    Network,
    RatingRecord,
    School,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STAFF_FIELDS = [
    "employee_id",
    "sourced_id",
    "given_name",
    "family_name",
    "preferred_name",
    "email",
    "hire_date",
    "prior_years_experience",
    "active",
]


@transaction.atomic
def create_network(actor: Actor, *, key: str, name: str) -> Network:
    network = Network.objects.create(key=key, name=name)
    record(
        actor=actor, action="people.network.create", obj=network, after={"key": key, "name": name}
    )
    return network


@transaction.atomic
def create_district(
    actor: Actor,
    *,
    key: str,
    name: str,
    network: Network | None = None,
    rating_labels: list[str] | None = None,
) -> District:
    district = District.objects.create(
        key=key, name=name, network=network, rating_labels=rating_labels or []
    )
    record(
        actor=actor,
        action="people.district.create",
        obj=district,
        district=district,
        after={"key": key, "name": name, "network": str(network) if network else None},
    )
    return district


@transaction.atomic
def set_district_network(actor: Actor, district: District, network: Network | None) -> District:
    """Put ``district`` in ``network`` (None: in none). The network app keeps the history of
    joins and leaves; this is the district's current network, which aggregate pages read."""
    before = str(district.network) if district.network_id else None
    district.network = network
    district.save(update_fields=["network"])
    record(
        actor=actor,
        action="people.district.update",
        obj=district,
        district=district,
        before={"network": before},
        after={"network": str(network) if network else None},
    )
    return district


@transaction.atomic
def save_staff_member(
    actor: Actor, district: District, *, employee_id: str, **fields: Any
) -> tuple[StaffMember, bool]:
    """Create or update a staff member by employee id; returns (person, created).

    The audit entry lists only the fields that changed; nothing is written when nothing
    changed.
    """
    unknown = set(fields) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"unknown staff fields: {sorted(unknown)}")
    staff = StaffMember.objects.filter(district=district, employee_id=employee_id).first()
    created = staff is None
    if staff is None:
        staff = StaffMember(district=district, employee_id=employee_id)
    before = {} if created else snapshot(staff, STAFF_FIELDS)
    for name, value in fields.items():
        setattr(staff, name, value)
    staff.full_clean(exclude=["user"])
    after = snapshot(staff, STAFF_FIELDS)
    changed_before, changed_after = diff(before, after)
    if not created and not changed_after:
        return staff, False
    staff.save()
    record(
        actor=actor,
        action="people.staff.create" if created else "people.staff.update",
        obj=staff,
        district=district,
        staff_member=staff,
        before=changed_before,
        after=changed_after,
    )
    if created:
        kind: Fact | None = Fact.HIRE
    elif "active" in changed_after:
        kind = Fact.HIRE if staff.active else Fact.EXIT
    elif {"hire_date", "prior_years_experience"} & set(changed_after):
        kind = Fact.PERSON
    else:
        kind = None
    if kind is not None:
        facts_changed(
            kind,
            district_id=district.pk,
            staff_ids=[staff.pk],
            on=staff.hire_date,
            reason=f"{staff.display_name}: " + ("hired" if created else "record updated"),
        )
    return staff, created


@transaction.atomic
def deactivate_staff_member(actor: Actor, staff: StaffMember, *, reason: str) -> None:
    """Mark a person inactive (they left). People are never deleted: history stays."""
    if not staff.active:
        return
    staff.active = False
    staff.save(update_fields=["active"])
    record(
        actor=actor,
        action="people.staff.deactivate",
        obj=staff,
        district=staff.district,
        staff_member=staff,
        before={"active": True},
        after={"active": False},
        summary=reason,
    )
    facts_changed(
        Fact.EXIT,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        reason=f"{staff.display_name} left: {reason}"[:200],
    )


@transaction.atomic
def record_rating(
    actor: Actor, staff: StaffMember, school_year: SchoolYear, label: str
) -> RatingRecord:
    """Record (or correct) a person's rating for a school year; audited with before/after."""
    existing = RatingRecord.objects.filter(staff_member=staff, school_year=school_year).first()
    before = {"rating": existing.label} if existing else {}
    if existing is not None and existing.label == label:
        return existing
    if existing is None:
        rating = RatingRecord.objects.create(
            staff_member=staff, school_year=school_year, label=label
        )
    else:
        existing.label = label
        existing.save(update_fields=["label"])
        rating = existing
    record(
        actor=actor,
        action="people.rating.record",
        obj=rating,
        district=staff.district,
        staff_member=staff,
        before=before,
        after={"rating": label, "school_year": school_year.label},
    )
    facts_changed(
        Fact.RATING,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=school_year.end,
        reason=f"{school_year.label} rating {label} recorded for {staff.display_name}",
    )
    return rating


@transaction.atomic
def add_assignment(
    actor: Actor,
    staff: StaffMember,
    *,
    school: Any,
    school_year: SchoolYear,
    position: str,
    fte: Decimal = Decimal("1.00"),
    subject: str = "",
    grades: str = "",
    title: str = "",
) -> Assignment:
    assignment = Assignment(
        staff_member=staff,
        school=school,
        school_year=school_year,
        position=position,
        fte=fte,
        subject=subject,
        grades=grades,
        title=title,
    )
    assignment.full_clean()
    assignment.save()
    record(
        actor=actor,
        action="people.assignment.add",
        obj=assignment,
        district=staff.district,
        staff_member=staff,
        after=snapshot(
            assignment, ["school", "school_year", "position", "fte", "subject", "grades"]
        ),
    )
    facts_changed(
        Fact.ASSIGNMENT,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=school_year.start,
        reason=f"{staff.display_name} assigned to {school} for {school_year.label}",
    )
    return assignment


@transaction.atomic
def add_certificate(
    actor: Actor,
    staff: StaffMember,
    *,
    kind: str,
    issued: dt.date,
    expires: dt.date | None = None,
    number: str = "",
) -> Certificate:
    certificate = Certificate(
        staff_member=staff, kind=kind, issued=issued, expires=expires, number=number
    )
    certificate.full_clean()
    certificate.save()
    record(
        actor=actor,
        action="people.certificate.add",
        obj=certificate,
        district=staff.district,
        staff_member=staff,
        after={"kind": kind, "issued": issued, "expires": expires},
    )
    facts_changed(
        Fact.CERTIFICATE,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=issued,
        reason=f"{kind} recorded for {staff.display_name}",
    )
    return certificate


@transaction.atomic
def add_degree(
    actor: Actor,
    staff: StaffMember,
    *,
    level: str,
    conferred_on: dt.date | None = None,
    field: str = "",
) -> Degree:
    """Record a degree a person holds (lanes and degree elements read it)."""
    degree = Degree(staff_member=staff, level=level, conferred_on=conferred_on, field=field)
    degree.full_clean()
    degree.save()
    record(
        actor=actor,
        action="people.degree.add",
        obj=degree,
        district=staff.district,
        staff_member=staff,
        after={"level": level, "field": field, "conferred_on": conferred_on},
    )
    facts_changed(
        Fact.DEGREE,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=conferred_on,
        reason=f"{degree.get_level_display()} recorded for {staff.display_name}",
    )
    return degree


@transaction.atomic
def add_credit(
    actor: Actor,
    staff: StaffMember,
    *,
    credits: Decimal,
    earned_on: dt.date,
    description: str = "",
) -> CreditRecord:
    """Record graduate credits a person earned (credential lanes count them)."""
    credit = CreditRecord(
        staff_member=staff, credits=credits, earned_on=earned_on, description=description
    )
    credit.full_clean()
    credit.save()
    record(
        actor=actor,
        action="people.credit.add",
        obj=credit,
        district=staff.district,
        staff_member=staff,
        after={"credits": credits, "earned_on": earned_on, "description": description},
    )
    facts_changed(
        Fact.CREDIT,
        district_id=staff.district_id,
        staff_ids=[staff.pk],
        on=earned_on,
        reason=f"{credits} graduate credits recorded for {staff.display_name}",
    )
    return credit


@transaction.atomic
def save_school_year_profile(
    actor: Actor,
    school: School,
    school_year: SchoolYear,
    *,
    level: str,
    frl_share: Decimal,
    title_i: bool = False,
    campus_points: Decimal | None = None,
    rural: bool = False,
) -> SchoolYearProfile:
    """Record (or correct) what a school was in a school year: level, FRL share, Title I, and
    the campus facts of designation policies (average student point value, rural).

    Pay that depends on a school's poverty (DC LIFT's high-poverty increases, Texas TIA's
    allotment) follows: the change is announced for everyone assigned to the school that year.
    """
    profile = SchoolYearProfile.objects.filter(school=school, school_year=school_year).first()
    fields = ["level", "frl_share", "title_i", "campus_points", "rural"]
    before = snapshot(profile, fields) if profile else {}
    if profile is None:
        profile = SchoolYearProfile(school=school, school_year=school_year)
    profile.level, profile.frl_share, profile.title_i = level, frl_share, title_i
    profile.campus_points, profile.rural = campus_points, rural
    profile.full_clean()
    after = snapshot(profile, fields)
    changed_before, changed_after = diff(before, after)
    if before and not changed_after:
        return profile
    profile.save()
    record(
        actor=actor,
        action="people.school_profile.record",
        obj=profile,
        district=school.district,
        before=changed_before,
        after=changed_after,
        summary=f"{school} {school_year.label}",
    )
    facts_changed(
        Fact.SCHOOL_PROFILE,
        district_id=school.district_id,
        staff_ids=Assignment.objects.filter(school=school, school_year=school_year).values_list(
            "staff_member_id", flat=True
        ),
        on=school_year.start,
        reason=f"{school} {school_year.label} profile changed",
    )
    return profile


@transaction.atomic
def add_school_year(
    actor: Actor, district: District, *, label: str, start: dt.date, end: dt.date
) -> SchoolYear:
    """Open a new school year for a district (the turn of the year moves standings)."""
    year = SchoolYear(district=district, label=label, start=start, end=end)
    year.full_clean()
    year.save()
    record(
        actor=actor,
        action="people.school_year.add",
        obj=year,
        district=district,
        after={"label": label, "start": start, "end": end},
    )
    facts_changed(
        Fact.SCHOOL_YEAR,
        district_id=district.pk,
        on=start,
        reason=f"school year {label} added",
    )
    return year


@transaction.atomic
def create_login(
    actor: Actor,
    *,
    username: str,
    password: str,
    staff: StaffMember | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> Any:
    """Create a user account (optionally linked to a staff member)."""
    user_model = get_user_model()
    user = user_model.objects.create_user(
        username=username,
        password=password,
        email=email or (staff.email if staff else ""),
        first_name=first_name or (staff.given_name if staff else ""),
        last_name=last_name or (staff.family_name if staff else ""),
    )
    if staff is not None:
        staff.user = user
        staff.save(update_fields=["user"])
    record(
        actor=actor,
        action="people.login.create",
        obj=user,
        district=staff.district if staff else None,
        staff_member=staff,
        after={"username": username, "staff_member": str(staff) if staff else None},
    )
    return user


@transaction.atomic
def grant_access(
    actor: Actor,
    user: User,
    *,
    role: str,
    district: District | None = None,
    network: Network | None = None,
) -> AccessGrant:
    grant, created = AccessGrant.objects.get_or_create(
        user=user, role=role, district=district, network=network
    )
    if created:
        record(
            actor=actor,
            action="people.access.grant",
            obj=grant,
            district=district,
            after={"user": user.get_username(), "role": role, "scope": str(district or network)},
        )
    return grant


# --- bulk loads (the demo generator, benchmarks) -------------------------------------------


@dataclass(frozen=True)
class SetValues:
    """A bulk-load step that updates already-inserted rows: ``objs`` get ``values``."""

    objs: Sequence[models.Model]
    values: dict[str, Any]


@dataclass(frozen=True)
class Rows:
    """A bulk-load step of plain value tuples for one model, in the order of ``fields``
    (attribute names such as ``staff_member_id``; every column must be given).

    Written by :func:`lattice.lib.bulk.insert_rows` (COPY on PostgreSQL), several times faster
    than ``bulk_create`` because no model instances are built; for high-volume rows whose
    ids nobody needs back. The values are converted just as the ORM would.
    """

    model: type[models.Model]
    fields: tuple[str, ...]
    values: list[tuple[Any, ...]]


@transaction.atomic
def bulk_load(
    actor: Actor,
    *,
    action: str,
    steps: Iterable[Sequence[models.Model] | Rows | SetValues],
    obj: models.Model | None = None,
    summary: str = "",
    details: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Insert rows built in memory, step by step, in one transaction with ONE audit entry.

    Each step is a list of unsaved instances of one model (inserted with
    :func:`lattice.lib.bulk.insert_objects`, which sets their primary keys; parents come in
    earlier steps than the rows that point at them, so their keys are known), a
    :class:`Rows` of plain tuples (:func:`lattice.lib.bulk.insert_rows`), or a
    :class:`SetValues` update of rows inserted earlier. On PostgreSQL the rows go in with
    COPY (ADR 0023). ``steps`` may be a lazy iterator,
    so a caller can build one batch while the previous one is written and memory stays
    bounded.

    Bulk rows get no per-row audit entries: a generated district has millions of rows and
    no human author. Instead this writes one entry (``action``) whose ``after`` holds the
    row counts per model plus ``details``. Returns the counts. The tables written are
    analyzed at the end (PostgreSQL), so the first pages after a load get the plans for
    their real sizes.
    """
    counts: dict[str, int] = {}
    written: list[type[models.Model]] = []
    for step in steps:
        if isinstance(step, SetValues):
            if step.objs:
                bulk.update_values(step.objs, step.values)
            continue
        if isinstance(step, Rows):
            if step.values:
                bulk.insert_rows(step.model, list(step.fields), step.values)
                written.append(step.model)
                label = step.model._meta.label
                counts[label] = counts.get(label, 0) + len(step.values)
            continue
        if not step:
            continue
        bulk.insert_objects(step)
        written.append(type(step[0]))
        label = step[0]._meta.label
        counts[label] = counts.get(label, 0) + len(step)
    bulk.analyze(written)
    record(
        actor=actor,
        action=action,
        obj=obj,
        summary=summary,
        after={"rows": counts, **(details or {})},
    )
    return counts


@transaction.atomic
def delete_demo_data(
    actor: Actor,
    *,
    action: str,
    network_key: str,
    district_keys: Sequence[str],
    usernames: Sequence[str],
) -> dict[str, int]:
    """Remove the generated demo districts, their network and the demo log-ins.

    This is the one place people are deleted, and only demo data generated by
    ``lattice demo``: real districts never are. Raises ``ProtectedError`` when something
    else (for example an audit entry written by someone clicking around the demo) still
    points at the data; the transaction then leaves everything as it was. ``action`` names
    the audit entry (the demo's own action, as for :func:`bulk_load`).
    """
    districts = list(District.objects.filter(key__in=district_keys))
    staff = StaffMember.objects.filter(district__in=districts)
    counts = {
        "districts": len(districts),
        "staff": staff.count(),
    }
    RatingRecord.objects.filter(staff_member__in=staff).delete()
    Assignment.objects.filter(staff_member__in=staff).delete()
    staff.delete()
    for district in districts:
        district.schools.all().delete()
        district.school_years.all().delete()
        district.delete()
    Network.objects.filter(key=network_key, districts__isnull=True).delete()
    users = get_user_model().objects.filter(username__in=usernames)
    counts["log-ins"] = users.count()
    users.delete()
    record(
        actor=actor,
        action=action,
        summary="Removed the demo districts",
        before={"districts": list(district_keys), **counts},
    )
    return counts
