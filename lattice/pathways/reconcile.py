"""Reconcile payroll with "My path": every teacher, every pay line, every stored standing.

For each person :func:`reconcile` compares three things and reports each difference in words:

1. the payroll file's lines for them (the whole-district path: ``actions.payroll.payroll``)
   with what their "My path" page lists (the people-named path: ``queries.pay_statements``,
   which a page calls for one person and reconciling calls for a chunk at a time);
2. their stored standing with one computed now from their facts (a writer that changed a
   fact without announcing it shows up here);
3. whether payroll can stand behind them at all (a stale or unplaced standing).

``lattice pay reconcile`` prints the differences and "N differences"; zero means the payroll
file and every teacher's page agree and the stored standings are current.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lattice.lib.formatting import money
from lattice.lib.pay import PayLine, total
from lattice.pathways.actions.payroll import payroll
from lattice.pathways.compute import adoption_in_force, policy_of
from lattice.pathways.models import Standing, StandingStatus
from lattice.pathways.projection import project
from lattice.pathways.queries import pay_statements
from lattice.pathways.records import SchoolFacts, load_facts
from lattice.people.models import District, StaffMember
from lattice.people.queries import today

CHUNK = 2000  # people read together: a fixed number of queries per chunk, bounded memory


@dataclass(frozen=True)
class Difference:
    employee_id: str
    name: str
    what: str

    def line(self) -> str:
        return f"{self.employee_id} {self.name}: {self.what}"


def _key(line: PayLine) -> tuple[str, str, int, str]:
    return (line.kind.value, line.label, line.amount, line.explanation)


def _lines(lines: list[PayLine]) -> str:
    return "; ".join(f"{line.label} {money(line.amount)}" for line in lines) or "nothing"


def reconcile(district: District, on: dt.date | None = None) -> list[Difference]:
    """Every difference between payroll, the teachers' pages and their facts on ``on``."""
    on = on or today()
    plan = payroll(district, on)
    out: list[Difference] = []
    names = {
        pk: (employee, f"{given} {family}")
        for pk, employee, given, family in StaffMember.objects.filter(
            district=district
        ).values_list("pk", "employee_id", "given_name", "family_name")
    }
    for blocker in plan.blockers:
        out.append(Difference(blocker.employee_id, blocker.name, f"payroll blocked: {blocker.why}"))
    blocked = {b.staff_id for b in plan.blockers}
    people = set(plan.lines_by_staff)
    adoption = adoption_in_force(district, on)
    stored: dict[int, Standing] = {}
    if adoption is not None:
        stored = {
            s.staff_member_id: s
            for s in Standing.objects.filter(district=district, as_of=on).defer("snapshot")
        }
        people |= {pk for pk, s in stored.items() if s.status == StandingStatus.PLACED}
    checked = sorted(pk for pk in people if pk in names and pk not in blocked)
    pages = {}
    for start in range(0, len(checked), CHUNK):
        pages.update(pay_statements(district.pk, on, checked[start : start + CHUNK]))
    for pk in sorted(checked, key=lambda p: names[p][0]):
        employee, name = names[pk]
        in_file = plan.lines_by_staff.get(pk, [])
        on_page = list(pages[pk].lines)
        if sorted(map(_key, in_file)) != sorted(map(_key, on_page)):
            out.append(
                Difference(
                    employee,
                    name,
                    f"payroll pays {money(total(in_file))} ({_lines(in_file)}) but My path "
                    f"shows {money(total(on_page))} ({_lines(on_page)})",
                )
            )
    if adoption is not None and stored:
        policy = policy_of(adoption)
        school_facts = SchoolFacts.for_district(district.pk)
        ids = sorted(stored)
        for start in range(0, len(ids), CHUNK):
            fresh = project(
                load_facts(district.pk, ids[start : start + CHUNK]), policy, on,
                adoption_id=adoption.pk, school_facts=school_facts,
                schedule_salary=(adoption.crosswalk or {}).get("new_hire_salary"),
            )  # fmt: skip
            for pk, projection in fresh.items():
                row = stored.get(pk)
                if row is None or pk in blocked or row.stale_since is not None:
                    continue
                if row.fingerprint != projection.fingerprint:
                    employee, name = names.get(pk, ("", ""))
                    out.append(
                        Difference(
                            employee,
                            name,
                            f"the stored standing ({row.standing_label}, "
                            f"{money(row.total_salary)}) differs from what the facts give "
                            f"now ({projection.where}, {money(projection.total)}): a change "
                            "was not announced — run `lattice pay recompute` and report the "
                            "writer",
                        )
                    )
    return out
