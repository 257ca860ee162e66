"""Planning a OneRoster import: compare a read roster with the district's data.

Matching people (OneRoster's ``userIds`` is often empty, so it is not used): by ``sourcedId``;
else by ``identifier`` (the employee id); else by email. When those point at more than one
person, or at someone already tied to another sourcedId, the row goes to the review list and is
left out — Lattice never guesses. A handful of whole-table reads, no per-row queries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.utils.text import slugify

from lattice.imports.assignplan import plan_assignments
from lattice.imports.errors import ErrorLog
from lattice.imports.oneroster.cells import Roster, StaffRow
from lattice.imports.plan import (
    STAFF_COMPARED,
    PersonChange,
    Plan,
    derived_employee_id,
)
from lattice.imports.review import decisions_for
from lattice.people.models import District, School, SchoolYear, StaffMember


class _YearChooser:
    """Picks the school year an assignment belongs to from the role's dates."""

    def __init__(self, years: dict[str, tuple[dt.date, dt.date]], today: dt.date) -> None:
        self.years = sorted(years.items(), key=lambda kv: kv[1][0])
        self.current: str | None = None
        for label, (start, end) in self.years:
            if start <= today <= end:
                self.current = label
        if self.current is None and self.years:
            started = [label for label, (start, _) in self.years if start <= today]
            self.current = started[-1] if started else self.years[0][0]

    def choose(self, begin: dt.date | None, end: dt.date | None) -> str | None:
        if self.current is None:
            return None
        cur_start, cur_end = dict(self.years)[self.current]
        if end is not None and end < cur_start:
            ref = end
        elif begin is not None and begin > cur_end:
            ref = begin
        else:
            return self.current
        for label, (start, stop) in self.years:
            if start <= ref <= stop:
                return label
        return min(self.years, key=lambda kv: abs((kv[1][0] - ref).days))[0]


def _resolve_district(
    roster: Roster, district: District | None, plan: Plan, errors: ErrorLog
) -> set[str]:
    """Set ``plan.district``/``new_district``; return the sourcedIds of the district's orgs."""
    district_orgs = [o for o in roster.orgs.values() if o.type == "district"]
    chosen = None
    if district is not None and district.sourced_id:
        chosen = next((o for o in district_orgs if o.sourced_id == district.sourced_id), None)
        if chosen is None and district_orgs:
            errors.add(
                "orgs.csv",
                district_orgs[0].line,
                "sourcedId",
                district_orgs[0].sourced_id,
                f"is not {district.name}'s OneRoster id ({district.sourced_id})",
                f"import {district.name}'s own roster, or choose the matching district",
            )
    elif len(district_orgs) == 1:
        chosen = district_orgs[0]
        if district is None:
            district = District.objects.filter(sourced_id=chosen.sourced_id).first()
    elif len(district_orgs) > 1:
        errors.add(
            "orgs.csv",
            district_orgs[1].line,
            "type",
            "district",
            f"is the second district in the file ({len(district_orgs)} in all)",
            "import one district at a time, or choose the district with --district",
        )
    elif district is None and roster.orgs:
        errors.add(
            "orgs.csv",
            None,
            "",
            "",
            "has no org whose type is district",
            "add the district's row (type district) to orgs.csv, or choose the district "
            "with --district",
        )
    plan.district = district
    if chosen is not None:
        plan.district_sourced_id = chosen.sourced_id
        if district is None:
            key = slugify(chosen.identifier or chosen.name)[:50] or slugify(chosen.sourced_id)
            plan.new_district = {"key": key, "name": chosen.name, "sourced_id": chosen.sourced_id}
            if District.objects.filter(key=key).exists():
                errors.add(
                    "orgs.csv",
                    chosen.line,
                    "name",
                    chosen.name,
                    f"would be district key {key!r}, which another district uses",
                    "choose the district with --district",
                )
    ids = {o.sourced_id for o in district_orgs} if chosen is None else {chosen.sourced_id}
    return ids


def plan_roster(
    roster: Roster, errors: ErrorLog, district: District | None, today: dt.date | None = None
) -> Plan:
    """Compare ``roster`` with the database and return what applying it would do."""
    today = today or dt.date.today()
    plan = Plan(
        kind="oneroster",
        version=roster.version,
        mode=roster.mode,
        errors=errors,
        counted=Counter(roster.counted),
        notes=list(roster.notes),
        ignored_files=list(roster.ignored_files),
        checked_files=list(roster.checked_files),
        files=list(roster.files),
        file_staff=len(roster.staff),
    )
    district_ids = _resolve_district(roster, district, plan, errors)
    district = plan.district
    # --- schools ----------------------------------------------------------------------------
    existing_schools = (
        list(
            School.objects.filter(district=district).values_list("pk", "sourced_id", "key", "name")
        )
        if district
        else []
    )
    school_by_sid = {sid: (pk, key, name) for pk, sid, key, name in existing_schools if sid}
    school_by_key = {key: (pk, sid, name) for pk, sid, key, name in existing_schools}
    used_keys = set(school_by_key)
    school_pk: dict[str, int] = {}  # org sourcedId → existing school pk
    school_orgs: dict[str, str] = {}  # org sourcedId (school or department) → school sourcedId
    for org in roster.orgs.values():
        if org.type == "school":
            if org.parent and org.parent not in district_ids and org.parent in roster.orgs:
                plan.skipped["schools of another district"] += 1
                continue
            school_orgs[org.sourced_id] = org.sourced_id
            if org.sourced_id in school_by_sid:
                pk, _, name = school_by_sid[org.sourced_id]
                school_pk[org.sourced_id] = pk
                if name != org.name:
                    plan.schools_update.append((pk, {"name": org.name}))
                else:
                    plan.schools_unchanged += 1
                continue
            key = slugify(org.identifier or org.name)[:45] or slugify(org.sourced_id)[:45]
            match = school_by_key.get(key)
            if match is not None and not match[1]:
                school_pk[org.sourced_id] = match[0]
                plan.schools_update.append(
                    (match[0], {"sourced_id": org.sourced_id, "name": org.name})
                )
                continue
            base, n = key or "school", 2
            while key in used_keys:
                key, n = f"{base}-{n}", n + 1
            used_keys.add(key)
            plan.schools_create.append({"sourced_id": org.sourced_id, "key": key, "name": org.name})
        elif org.type == "district":
            continue
        else:
            plan.skipped[f"orgs of type {org.type or 'blank'}"] += 1
    for org in roster.orgs.values():  # departments belong to their school
        if org.type == "department" and org.parent in school_orgs:
            school_orgs[org.sourced_id] = org.parent
    for pk, sid, *_ in existing_schools:
        if sid and sid not in school_pk:
            school_pk[sid] = pk
            school_orgs.setdefault(sid, sid)
    # --- school years ---------------------------------------------------------------------
    existing_years = (
        {
            label: (pk, start, end, sid)
            for pk, label, start, end, sid in SchoolYear.objects.filter(
                district=district
            ).values_list("pk", "label", "start", "end", "sourced_id")
        }
        if district
        else {}
    )
    year_dates = {label: (start, end) for label, (_, start, end, _) in existing_years.items()}
    for session in roster.sessions:
        year_dates[session.label] = (session.start, session.end)
        old = existing_years.get(session.label)
        fields = {"start": session.start, "end": session.end, "sourced_id": session.sourced_id}
        if old is None:
            plan.years_create.append({"label": session.label, **fields})
        elif (old[1], old[2], old[3]) != (session.start, session.end, session.sourced_id):
            plan.years_update.append((old[0], fields))
        else:
            plan.years_unchanged += 1
    chooser = _YearChooser(year_dates, today)
    _plan_people(
        roster, plan, district, errors, school_orgs, school_pk, existing_years, chooser, today
    )
    return plan


def _plan_people(
    roster: Roster,
    plan: Plan,
    district: District | None,
    errors: ErrorLog,
    school_orgs: dict[str, str],
    school_pk: dict[str, int],
    existing_years: dict[str, tuple[int, dt.date, dt.date, str]],
    chooser: _YearChooser,
    today: dt.date,
) -> None:
    rows = (
        list(StaffMember.objects.filter(district=district).values_list("pk", *STAFF_COMPARED))
        if district
        else []
    )
    by_pk = {r[0]: r for r in rows}
    by_sid = {r[2]: r[0] for r in rows if r[2]}
    by_employee = {r[1]: r[0] for r in rows}
    by_email: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        if r[6]:
            by_email[r[6].lower()].append(r[0])
    decisions = decisions_for(district) if district else {}
    delta = roster.mode == "delta"
    claimed: dict[int, str] = {}
    matched: dict[str, int | None] = {}  # staff sourcedId → pk (None = new person)
    review_candidates: set[int] = set()
    new_employee_ids: dict[str, int] = {}

    def label_of(pk: int) -> str:
        r = by_pk[pk]
        return f"{r[3]} {r[4]} (employee id {r[1]})"

    for sid, row in roster.staff.items():
        pk = by_sid.get(sid)
        reason = ""
        candidates: list[int] = []
        decision = decisions.get(sid)
        if pk is None and decision != "new":
            if decision is not None and decision.startswith("pk:"):
                pk = int(decision[3:]) if int(decision[3:]) in by_pk else None
            else:
                found: dict[int, str] = {}
                if row.identifier and row.identifier in by_employee:
                    found[by_employee[row.identifier]] = "employee id"
                for email_pk in by_email.get(row.email, []) if row.email else []:
                    found.setdefault(email_pk, "email")
                candidates = list(found)
                if len(candidates) > 1:
                    reason = f"identifier and email match {len(candidates)} different people"
                    if all(v == "email" for v in found.values()):
                        reason = f"email {row.email} belongs to {len(candidates)} people"
                elif candidates:
                    other = by_pk[candidates[0]][2]
                    if other and other != sid:
                        reason = (
                            f"matches {label_of(candidates[0])} by {found[candidates[0]]},"
                            f" who has another OneRoster id ({other})"
                        )
                    elif candidates[0] in claimed:
                        reason = (
                            f"matches {label_of(candidates[0])}, already matched by "
                            f"{claimed[candidates[0]]}"
                        )
                    else:
                        pk = candidates[0]
        if pk is None and not reason and row.status != "tobedeleted":
            employee_id = row.identifier or derived_employee_id(sid)
            if employee_id in by_employee or employee_id in new_employee_ids:
                owner = by_employee.get(employee_id)
                reason = (
                    f"employee id {employee_id} is already used by "
                    f"{label_of(owner) if owner else 'another row of this file'}"
                )
                candidates = [owner] if owner else []
        if reason:
            plan.review.append(
                {
                    "sourced_id": sid,
                    "file": "users.csv",
                    "line": row.line,
                    "name": f"{row.given_name} {row.family_name}",
                    "email": row.email,
                    "identifier": row.identifier,
                    "reason": reason,
                    "candidates": [{"id": c, "label": label_of(c)} for c in candidates if c],
                }
            )
            review_candidates.update(c for c in candidates if c)
            plan.skipped["rows sent to the review list"] += 1
            continue
        if pk is not None and pk in claimed:
            plan.review.append(
                {
                    "sourced_id": sid,
                    "file": "users.csv",
                    "line": row.line,
                    "name": f"{row.given_name} {row.family_name}",
                    "email": row.email,
                    "identifier": row.identifier,
                    "reason": f"matches {label_of(pk)}, already matched by {claimed[pk]}",
                    "candidates": [{"id": pk, "label": label_of(pk)}],
                }
            )
            plan.skipped["rows sent to the review list"] += 1
            continue
        if pk is None and row.status == "tobedeleted":
            plan.skipped["tobedeleted users not in Lattice"] += 1
            continue
        matched[sid] = pk
        if pk is not None:
            claimed[pk] = f"users.csv line {row.line}"
        _plan_person(plan, row, pk, by_pk, new_employee_ids)
    row_identifier_notes(plan)
    if delta:  # a delta roles.csv may name people sent in an earlier file
        for role in roster.roles:
            if role.user not in matched and role.user in by_sid:
                matched[role.user] = by_sid[role.user]
    # Bulk: everyone active and not in the file leaves (marked inactive, never deleted).
    if not delta:
        present = {pk for pk in matched.values() if pk is not None}
        for pk, r in by_pk.items():
            if r[7] and pk not in present and pk not in review_candidates:
                plan.deactivate.append(pk)
                plan.people[f"pk:{pk}"] = PersonChange(
                    label=label_of(pk),
                    action="people.staff.deactivate",
                    before={"active": True},
                    after={"active": False},
                )
                plan.person_pk[f"pk:{pk}"] = pk
    plan_assignments(
        roster,
        plan,
        district,
        errors,
        matched,
        school_orgs,
        school_pk,
        existing_years,
        chooser,
        today,
    )


def row_identifier_notes(plan: Plan) -> None:
    derived = sum(1 for change in plan.staff_create if change.get("_derived"))
    if derived:
        plan.notes.append(
            f"{derived} new people have no identifier in users.csv; their "
            "employee id is their OneRoster sourcedId."
        )


def _plan_person(
    plan: Plan,
    row: StaffRow,
    pk: int | None,
    by_pk: dict[int, tuple[Any, ...]],
    new_employee_ids: dict[str, int],
) -> None:
    label = f"{row.given_name} {row.family_name}"
    if pk is None:
        employee_id = row.identifier or derived_employee_id(row.sourced_id)
        new_employee_ids[employee_id] = row.line
        fields = {
            "employee_id": employee_id,
            "sourced_id": row.sourced_id,
            "given_name": row.given_name,
            "family_name": row.family_name,
            "preferred_name": row.preferred_name,
            "email": row.email,
            "active": row.active,
        }
        plan.staff_create.append({**fields, "_derived": not row.identifier})
        plan.people[row.sourced_id] = PersonChange(
            label=f"{label} (employee id {employee_id})",
            action="people.staff.create",
            after=dict(fields),
        )
        return
    old = dict(zip(STAFF_COMPARED, by_pk[pk][1:], strict=True))
    new = dict(old)
    new.update(sourced_id=row.sourced_id, active=row.active)
    if row.status != "tobedeleted":
        new.update(
            given_name=row.given_name,
            family_name=row.family_name,
            preferred_name=row.preferred_name,
        )
        if row.email:
            new["email"] = row.email
        if row.identifier:
            new["employee_id"] = row.identifier
    changed = [k for k in STAFF_COMPARED if old[k] != new[k]]
    if "email" in changed and old["email"].lower() == new["email"]:
        changed.remove("email")
        new["email"] = old["email"]
    plan.person_pk[row.sourced_id] = pk
    plan.labels[row.sourced_id] = f"{label} (employee id {new['employee_id']})"
    if not changed:
        plan.staff_unchanged += 1
        return
    plan.staff_update.append((pk, new))
    action = (
        "people.staff.deactivate"
        if changed == ["active"] and not row.active
        else "people.staff.update"
    )
    plan.people[row.sourced_id] = PersonChange(
        label=f"{label} (employee id {new['employee_id']})",
        action=action,
        before={k: old[k] for k in changed},
        after={k: new[k] for k in changed},
    )
