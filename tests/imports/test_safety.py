"""Destructive imports need a deliberate yes; previews can be discarded and expire; uploaded
files go after the retention period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lattice.cli.imports import import_group
from lattice.imports import actions, lifecycle, safety
from lattice.imports.models import ImportRun, ImportSettings
from lattice.people.models import StaffMember
from tests.imports.files import ROLES, STAFF, write_package_12, zip_folder
from tests.imports.helpers import plan_for, row_counts

BASE = "/imports/northfield"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


ONE_TEACHER = {  # a "bulk" roster of one teacher (and the students), as a partial export is
    "staff": STAFF[:1],
    "roles": [ROLES[0], *(r for r in ROLES if r["role"] in ("student", "parent"))],
}


def _cli(*args: str):
    return CliRunner().invoke(import_group, list(args), catch_exceptions=False)


def _upload(officer, tmp_path: Path, **kwargs):
    archive = zip_folder(write_package_12(tmp_path / "or", **kwargs), tmp_path / "roster.zip")
    upload = SimpleUploadedFile("roster.zip", archive.read_bytes(), "application/zip")
    officer.post(f"{BASE}/oneroster/", {"files": upload, "mode": ""})
    return ImportRun.objects.latest("pk")


def test_a_partial_bulk_file_stops_at_the_preview_with_the_count_and_the_cause(cast, tmp_path):
    plan = plan_for(write_package_12(tmp_path / "or", **ONE_TEACHER), cast.district)
    guard = safety.check(plan)
    assert guard.exceeded
    assert guard.message == (
        "This import would deactivate 5 of 6 active staff (83.3%) — more than the district's "
        "limit of 5%."
    )
    assert guard.cause.startswith(
        "The file lists 1 staff while Lattice has 6 active: it looks like a partial file sent "
        "as a bulk (whole-roster) import."
    )
    assert (guard.confirm_count, guard.confirm_what) == (5, "staff deactivated")
    before = row_counts()
    with pytest.raises(actions.ConfirmationNeeded):
        actions.apply_plan(None, plan)
    assert row_counts() == before


def test_in_the_browser_flow_apply_needs_the_typed_count(cast, client_for, tmp_path):
    officer = client_for("officer")
    run = _upload(officer, tmp_path, **ONE_TEACHER)
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "This import would deactivate 5 of 6 active staff (83.3%)" in page
    assert 'name="confirm_count"' in page
    for wrong in ("", "4", "all"):
        officer.post(f"{BASE}/runs/{run.pk}/apply/", {"confirm_count": wrong})
        run.refresh_from_db()
        assert run.status == ImportRun.Status.READY
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 6
    officer.post(f"{BASE}/runs/{run.pk}/apply/", {"confirm_count": "5"})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED
    assert run.confirmed_removals == 5
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 1


def test_in_the_cli_the_import_exits_3_until_allowed(cast, tmp_path):
    folder = write_package_12(tmp_path / "or", **ONE_TEACHER)
    before = row_counts()
    refused = _cli("oneroster", str(folder), "--district", "northfield", "--quiet")
    assert refused.exit_code == 3
    assert "This import would deactivate 5 of 6 active staff" in refused.output
    assert "run the command again with --allow-deactivate 5" in refused.output
    too_few = _cli(
        "oneroster", str(folder), "--district", "northfield", "--quiet", "--allow-deactivate", "4"
    )
    assert too_few.exit_code == 3
    after = row_counts()
    assert after.pop("imports_importrun") == before.pop("imports_importrun") + 2
    assert after == before
    allowed = _cli(
        "oneroster", str(folder), "--district", "northfield", "--quiet", "--allow-deactivate", "5"
    )
    assert allowed.exit_code == 0, allowed.output
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 1


def test_the_district_sets_its_own_limits(cast, tmp_path, client_for):
    officer = client_for("officer")
    response = officer.post(
        f"{BASE}/settings/",
        {
            "max_removal_percent": "90",
            "max_removal_count": "",
            "preview_days": "7",
            "file_retention_days": "30",
        },
    )
    assert response.status_code == 302
    plan = plan_for(write_package_12(tmp_path / "or", **ONE_TEACHER), cast.district)
    assert not safety.check(plan).exceeded
    ImportSettings.objects.filter(district=cast.district).update(max_removal_count=2)
    assert safety.check(plan).exceeded  # 4 people is more than 2, even under 90%


def test_a_small_change_within_the_limit_applies_without_asking(cast, tmp_path):
    ImportSettings.objects.create(
        district=cast.district, max_removal_percent=100, max_removal_count=10
    )
    plan = plan_for(write_package_12(tmp_path / "or"), cast.district)
    assert not safety.check(plan).exceeded


def test_a_preview_can_be_discarded_and_its_files_go(cast, client_for, tmp_path):
    officer = client_for("officer")
    run = _upload(officer, tmp_path)
    folder = Path(lifecycle.settings.MEDIA_ROOT) / run.storage
    assert folder.exists()
    officer.post(f"{BASE}/runs/{run.pk}/discard/")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DISCARDED
    assert not folder.exists()
    officer.post(f"{BASE}/runs/{run.pk}/apply/", {"confirm_count": "3"})
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DISCARDED
    assert not StaffMember.objects.filter(sourced_id="u-new").exists()


def test_a_preview_expires_after_the_districts_days(cast, client_for, tmp_path):
    run = _upload(client_for("officer"), tmp_path)
    assert run.expires_at is not None
    assert lifecycle.expire_previews(timezone.now() + dt.timedelta(days=6)) == 0
    assert lifecycle.expire_previews(timezone.now() + dt.timedelta(days=8)) == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.EXPIRED
    assert run.files_deleted_at is not None


def test_uploaded_files_are_deleted_after_the_retention_period(cast, client_for, tmp_path):
    officer = client_for("officer")
    run = _upload(officer, tmp_path)
    officer.post(f"{BASE}/runs/{run.pk}/apply/", {"confirm_count": "3"})
    folder = Path(lifecycle.settings.MEDIA_ROOT) / run.storage
    assert lifecycle.delete_old_files(timezone.now() + dt.timedelta(days=29)) == 0
    assert folder.exists()
    assert lifecycle.delete_old_files(timezone.now() + dt.timedelta(days=31)) == 1
    assert not folder.exists()
    assert officer.get(f"{BASE}/runs/{run.pk}/files/0/").status_code == 404
    assert "imports.housekeeping" in {job.name for job in lifecycle_jobs()}


def lifecycle_jobs():
    from lattice.lib import schedule

    return schedule.jobs()
