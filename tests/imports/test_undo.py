"""Undo an applied import as one audited action, refused (with the reason) when later changes
touched the same rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from lattice.audit.models import AuditEntry
from lattice.cli.imports import import_group
from lattice.imports.models import ImportRun
from lattice.imports.service import prepare_hr
from lattice.imports.undo import UndoRefused, blockers, undo_import
from lattice.people import actions as people_actions
from lattice.people.models import Assignment, RatingRecord, StaffMember
from tests.imports.files import write_package_12
from tests.imports.helpers import import_roster, row_counts

BASE = "/imports/northfield"


def _applied_run() -> ImportRun:
    return ImportRun.objects.filter(status=ImportRun.Status.APPLIED).latest("pk")


def _comparable() -> dict[str, int]:
    counts = row_counts()
    for table in ("imports_importrun", "audit_auditentry"):
        counts.pop(table, None)
    return counts


def _people() -> set[tuple]:
    return set(
        StaffMember.objects.values_list(
            "pk", "employee_id", "sourced_id", "given_name", "email", "active"
        )
    )


def _assignments() -> set[tuple]:
    return set(
        Assignment.objects.values_list(
            "pk",
            "staff_member_id",
            "school_id",
            "school_year_id",
            "position",
            "end_date",
            "sourced_id",
        )
    )


def test_undo_puts_every_row_back_as_it_was(cast, tmp_path):
    before = (_comparable(), _people(), _assignments())
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    run = _applied_run()
    assert StaffMember.objects.filter(sourced_id="u-new").exists()
    assert StaffMember.objects.filter(district=cast.district, active=False).count() == 4
    assert blockers(run) == []
    counts = undo_import(cast.user("officer"), run)
    # the two people the import added stay (the audit log keeps their history), inactive and
    # with nothing else; everyone and everything else is exactly as before
    added = StaffMember.objects.filter(sourced_id__in=["u-new", "u-coach"])
    assert [p.active for p in added] == [False, False]
    assert not Assignment.objects.filter(staff_member__in=added).exists()
    comparable, people, assignments = before
    after = _comparable()
    assert after.pop("people_staffmember") == comparable["people_staffmember"] + 2
    assert after == {k: v for k, v in comparable.items() if k != "people_staffmember"}
    assert _people() - {p for p in _people() if p[0] in {a.pk for a in added}} == people
    assert _assignments() == assignments
    run.refresh_from_db()
    assert run.status == ImportRun.Status.UNDONE
    assert counts["staff added by the import made inactive"] == 2
    assert counts["staff restored"] == 6
    entry = AuditEntry.objects.get(action="imports.run.undo")
    assert entry.actor == cast.user("officer")
    assert entry.after["counts"] == counts


def test_undo_is_refused_with_the_reason_when_a_later_change_touched_a_row(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    run = _applied_run()
    people_actions.save_staff_member(
        cast.user("officer"),
        cast.district,
        employee_id="N1001",
        email="ada.t@northfield.example.org",
    )
    reasons = blockers(run)
    assert any(
        r.startswith(
            "Ada Teacher (employee id N1001) was changed later (people.staff.update by Opal "
            "Officer (officer) on "
        )
        for r in reasons
    ), reasons
    before = (_comparable(), _people(), _assignments())
    with pytest.raises(UndoRefused, match="Ada Teacher"):
        undo_import(cast.user("officer"), run)
    assert (_comparable(), _people(), _assignments()) == before
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.APPLIED


def test_a_change_logged_under_an_earlier_name_still_blocks_the_undo(cast, tmp_path):
    """Entries keep the name they were written under (``staff.update`` before the names
    registry); undo finds them as later changes and names them as they are called now."""
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    run = _applied_run()
    AuditEntry.objects.create(
        actor_label="Opal Officer (officer)",
        action="staff.update",
        district=cast.district,
        staff_member=StaffMember.objects.get(district=cast.district, employee_id="N1001"),
        object_label="Ada Teacher",
    )
    assert any(
        r.startswith("Ada Teacher (employee id N1001) was changed later (people.staff.update by")
        for r in blockers(run)
    ), blockers(run)


def test_a_second_import_blocks_undoing_the_first(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    first = _applied_run()
    people = write_package_12(tmp_path / "or2")
    text = (people / "users.csv").read_text(encoding="utf-8").replace("Nia,", "Nina,")
    (people / "users.csv").write_text(text, encoding="utf-8", newline="")
    import_roster(people, cast.district)
    assert any("Nee Newcomer" in r and "people.staff.update" in r for r in blockers(first))
    assert blockers(_applied_run()) == []


def test_undo_of_an_hr_import_restores_ratings_and_hire_dates(cast, tmp_path):
    from lattice.imports import actions

    path = tmp_path / "hr.csv"
    path.write_text(
        "employee_id,prior_years_experience,rating_2024_25\r\nN1001,7,Highly Effective\r\n",
        encoding="utf-8",
    )
    ratings = set(RatingRecord.objects.values_list("pk", "label"))
    plan = prepare_hr(path, cast.district)
    assert not plan.errors, [str(e) for e in plan.errors]
    run = actions.create_run(None, kind="hr", district=cast.district, origin="cli", file_names=[])
    actions.apply_plan(None, plan, run)
    assert StaffMember.objects.get(employee_id="N1001").prior_years_experience == Decimal(7)
    undo_import(None, run)
    assert StaffMember.objects.get(employee_id="N1001").prior_years_experience == Decimal(2)
    assert set(RatingRecord.objects.values_list("pk", "label")) == ratings


def test_an_officer_undoes_an_import_from_its_page(cast, client_for, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    run = _applied_run()
    officer = client_for("officer")
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert f"Undo import #{run.pk}" in page
    officer.post(f"{BASE}/runs/{run.pk}/undo/")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.UNDONE
    assert not StaffMember.objects.get(sourced_id="u-new").active


def test_the_undo_command_prints_what_it_put_back(cast, tmp_path):
    import_roster(write_package_12(tmp_path / "or"), cast.district)
    run = _applied_run()
    result = CliRunner().invoke(import_group, ["undo", str(run.pk)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Undid import #{run.pk}: " in result.output
    again = CliRunner().invoke(import_group, ["undo", str(run.pk)], catch_exceptions=False)
    assert again.exit_code == 1
    assert "Not undone: the import is undone, not applied." in again.output
