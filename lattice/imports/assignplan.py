"""Planning assignments from OneRoster roles: create, update, adopt, or end them.

Each staff role at a school becomes an assignment keyed by the role's ``sourcedId``. A
hand-entered assignment (no sourcedId) of the same person, school, year and position is
adopted rather than duplicated. In bulk mode, file-made assignments that left the file are
ended on the import day; in delta mode, ``tobedeleted`` roles end theirs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lattice.imports.errors import ErrorLog
from lattice.imports.oneroster.cells import Roster
from lattice.imports.plan import PersonChange, Plan, _show
from lattice.people.models import Assignment, District


def plan_assignments(
    roster: Roster,
    plan: Plan,
    district: District | None,
    errors: ErrorLog,
    matched: dict[str, int | None],
    school_orgs: dict[str, str],
    school_pk: dict[str, int],
    existing_years: dict[str, tuple[int, dt.date, dt.date, str]],
    chooser: Any,
    today: dt.date,
) -> None:
    existing = {}
    adoptable: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    if district is not None:
        for row in (
            Assignment.objects.filter(staff_member__district=district)
            .exclude(sourced_id="")
            .values_list(
                "pk",
                "sourced_id",
                "staff_member_id",
                "school_id",
                "school_year_id",
                "position",
                "title",
                "begin_date",
                "end_date",
            )
        ):
            existing[row[1]] = row
        # Assignments entered by hand (no sourcedId) are adopted, not duplicated.
        for by_hand in Assignment.objects.filter(
            staff_member__district=district, sourced_id=""
        ).values_list(
            "pk",
            "staff_member_id",
            "school_id",
            "school_year_id",
            "position",
            "title",
            "begin_date",
            "end_date",
        ):
            adoptable.setdefault(by_hand[1:5], by_hand)
    pk_to_school_sid = {pk: sid for sid, pk in school_pk.items()}
    year_pk_to_label = {pk: label for label, (pk, *_) in existing_years.items()}
    seen: set[str] = set()
    no_year_reported = False
    for role in roster.roles:
        if role.user not in matched:
            continue  # reviewed, skipped or failed rows
        school_sid = school_orgs.get(role.org)
        if school_sid is None:
            org = roster.orgs.get(role.org)
            if (org is not None and org.type == "district") or role.org in (
                plan.district_sourced_id,
            ):
                plan.skipped["district-level roles (no school assignment)"] += 1
            elif org is not None:
                plan.skipped[f"roles at orgs of type {org.type}"] += 1
            continue
        year = chooser.choose(role.begin, role.end)
        if year is None:
            if not no_year_reported:
                if "academicSessions.csv" in roster.files:
                    errors.add(
                        "academicSessions.csv",
                        None,
                        "",
                        "",
                        "has no school year (no schoolYear session, and no term with a "
                        "schoolYear), and Lattice has none for this district",
                        "add a schoolYear session (e.g. 2025-26), or fill the terms' schoolYear",
                    )
                else:
                    errors.add(
                        "the package",
                        None,
                        "",
                        "",
                        "has no academicSessions.csv, and Lattice has no school year for this "
                        "district",
                        "add academicSessions.csv with the school year (a schoolYear session)",
                    )
                no_year_reported = True
            continue
        seen.add(role.sourced_id)
        title = (
            role.role[:120]
            if role.role.startswith("ext:")
            or role.role.lower() in ("siteadministrator", "administrator")
            else ""
        )
        fields = {
            "school": school_sid,
            "school_year": year,
            "position": role.position,
            "title": title,
            "begin_date": role.begin,
            "end_date": role.end,
        }
        person_key = role.user
        old = existing.get(role.sourced_id)
        person_pk = matched[person_key]
        if old is None and person_pk is not None:
            found = adoptable.pop(
                (
                    person_pk,
                    school_pk.get(school_sid),
                    existing_years.get(year, (None,))[0],
                    role.position,
                ),
                None,
            )
            if found is not None:
                old = (found[0], "", *found[1:])
        if role.status == "tobedeleted":
            if old is not None and (old[8] is None or old[8] > today):
                plan.assign_end.append((old[0], today))
                _note(
                    plan,
                    person_key,
                    matched,
                    f"assignment {role.sourced_id}",
                    "open" if old[8] is None else str(old[8]),
                    f"ended {today}",
                )
            continue
        if old is None:
            plan.assign_create.append(
                {"sourced_id": role.sourced_id, "staff": person_key, **fields}
            )
            _note(
                plan,
                person_key,
                matched,
                f"assignment {role.sourced_id}",
                "",
                _describe(fields, roster),
            )
            continue
        old_fields = {
            "school": pk_to_school_sid.get(old[3], old[3]),
            "school_year": year_pk_to_label.get(old[4], old[4]),
            "position": old[5],
            "title": old[6],
            "begin_date": old[7],
            "end_date": old[8],
        }
        if old_fields == fields and old[2] == person_pk and old[1]:
            plan.assign_unchanged += 1
            continue
        plan.assign_update.append(
            (old[0], {"staff": person_key, "sourced_id": role.sourced_id, **fields})
        )
        _note(
            plan,
            person_key,
            matched,
            f"assignment {role.sourced_id}",
            _describe(old_fields, roster),
            _describe(fields, roster),
        )
    if roster.mode != "delta":
        deactivated = set(plan.deactivate)
        sid_of_pk = {pk: sid for sid, pk in matched.items() if pk is not None}
        for sid, old in existing.items():
            if sid in seen or (old[8] is not None and old[8] <= today):
                continue
            if old[7] is not None and old[7] > today:
                continue
            plan.assign_end.append((old[0], today))
            key = f"pk:{old[2]}" if old[2] in deactivated else sid_of_pk.get(old[2], f"pk:{old[2]}")
            change = plan.people.get(key)
            if change is None:
                change = plan.people[key] = PersonChange(
                    label=plan.labels.get(key, f"staff #{old[2]}"), action="people.staff.update"
                )
                plan.person_pk[key] = old[2]
            change.before[f"assignment {sid}"] = "open"
            change.after[f"assignment {sid}"] = f"ended {today}"


def _describe(fields: dict[str, Any], roster: Roster) -> str:
    org = roster.orgs.get(fields["school"])
    where = org.name if org else fields["school"]
    text = f"{fields['position']} at {where}, {fields['school_year']}"
    if fields.get("title"):
        text += f" ({fields['title']})"
    if fields.get("begin_date") or fields.get("end_date"):
        text += f", {_show(fields.get('begin_date'))} to {_show(fields.get('end_date'))}"
    return text


def _note(
    plan: Plan, key: str, matched: dict[str, int | None], name: str, before: str, after: str
) -> None:
    change = plan.people.get(key)
    if change is None:
        pk = matched.get(key)
        change = plan.people[key] = PersonChange(
            label=plan.labels.get(key, key), action="people.staff.update"
        )
        if pk is not None:
            plan.person_pk[key] = pk
    if before:
        change.before[name] = before
    change.after[name] = after
