"""The web flow: upload → background parse with a polled progress bar → preview → apply."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lattice.imports.models import ColumnMapping, ImportRun
from lattice.people.models import RatingRecord, StaffMember
from tests.imports.files import ROLES, write_package_12, zip_folder

BASE = "/imports/northfield"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def _zip_upload(tmp_path: Path, **kwargs) -> SimpleUploadedFile:
    archive = zip_folder(write_package_12(tmp_path / "or", **kwargs), tmp_path / "roster.zip")
    return SimpleUploadedFile("roster.zip", archive.read_bytes(), "application/zip")


def _apply(officer, run):
    """Apply as an officer who read the warning: type the count when the preview asks."""
    run.refresh_from_db()
    count = run.guard.get("confirm_count") if run.guard.get("exceeded") else ""
    return officer.post(f"{BASE}/runs/{run.pk}/apply/", {"confirm_count": count})


def test_an_officer_uploads_previews_and_applies_a_roster(cast, client_for, tmp_path):
    officer = client_for("officer")
    response = officer.post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path), "mode": ""})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/runs/{run.pk}/"
    assert run.status == ImportRun.Status.READY
    page = officer.get(response["Location"]).content.decode()
    assert "Preview: what applying would do" in page
    assert "Check before applying: this import removes many records" in page
    assert "To apply it anyway, type <strong>4</strong>" in page
    assert not StaffMember.objects.filter(sourced_id="u-new").exists()
    _apply(officer, run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED
    assert run.applied_by == cast.user("officer")
    assert StaffMember.objects.filter(sourced_id="u-new").exists()
    history = officer.get(f"{BASE}/").content.decode()
    assert f"#{run.pk} OneRoster roster" in history
    assert "roster.zip" in history


def test_the_progress_bar_polls_every_second_until_parsing_is_done(cast, client_for):
    run = ImportRun.objects.create(
        district=cast.district,
        kind="oneroster",
        status="parsing",
        lease_expires_at=timezone.now() + dt.timedelta(minutes=1),
        progress=0.42,
        progress_label="Reading users.csv",
    )
    officer = client_for("officer")
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert f'hx-get="{BASE}/runs/{run.pk}/progress/"' in page
    assert 'hx-trigger="every 1s"' in page
    assert 'value="42"' in page
    run.status = "ready"
    run.save()
    done = officer.get(f"{BASE}/runs/{run.pk}/progress/", headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()


def test_errors_are_shown_and_downloadable_and_the_run_cannot_be_applied(
    cast, client_for, tmp_path
):
    officer = client_for("officer")
    roles = [*ROLES[:3], {**ROLES[3], "orgSourcedId": "sch-99"}]
    officer.post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path, roles=roles)})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.INVALID
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "nothing will be written" in page
    assert "Apply this import" not in page
    report = officer.get(f"{BASE}/runs/{run.pk}/errors.csv")
    assert report["Content-Type"].startswith("text/csv")
    assert 'orgSourcedId ""sch-99"" is not in orgs.csv' in report.content.decode()
    _apply(officer, run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.INVALID


def test_uploads_are_stored_privately_and_served_only_through_the_checked_view(
    cast, client_for, tmp_path, settings
):
    officer = client_for("officer")
    officer.post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path)})
    run = ImportRun.objects.get()
    stored = Path(settings.MEDIA_ROOT) / run.storage / "roster.zip"
    assert stored.is_file()
    download = officer.get(f"{BASE}/runs/{run.pk}/files/0/")
    assert b"".join(download.streaming_content) == stored.read_bytes()
    assert client_for("principal").get(f"{BASE}/runs/{run.pk}/files/0/").status_code == 404
    assert client_for("other_officer").get(f"{BASE}/runs/{run.pk}/files/0/").status_code == 404


def test_a_principal_cannot_upload(cast, client_for, tmp_path):
    response = client_for("principal").post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path)})
    assert response.status_code == 404
    assert not ImportRun.objects.exists()


def test_another_districts_officer_gets_not_found_for_this_districts_runs(cast, client_for):
    run = ImportRun.objects.create(district=cast.district, kind="oneroster", status="ready")
    assert client_for("other_officer").get(f"{BASE}/runs/{run.pk}/").status_code == 404
    assert client_for("other_officer").get(f"/imports/southport/runs/{run.pk}/").status_code == 404


def test_an_hr_file_with_other_headers_is_mapped_once_and_remembered(cast, client_for):
    officer = client_for("officer")
    text = "Badge,Eval 2024-25\r\nN1001,Highly Effective\r\n"
    officer.post(f"{BASE}/hr/", {"file": SimpleUploadedFile("hr.csv", text.encode())})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.NEEDS_MAPPING
    page = officer.get(f"{BASE}/runs/{run.pk}/").content.decode()
    assert "Which column is which?" in page
    officer.post(
        f"{BASE}/runs/{run.pk}/mapping/",
        {"col_0": "employee_id", "col_1": "rating_2024_25", "remember": "on"},
    )
    run.refresh_from_db()
    assert run.status == ImportRun.Status.READY, run.errors
    assert ColumnMapping.objects.get(district=cast.district).mapping == {
        "Badge": "employee_id",
        "Eval 2024-25": "rating_2024_25",
    }
    _apply(officer, run)
    assert (
        RatingRecord.objects.get(staff_member=cast.teacher_staff, school_year=cast.last_year).label
        == "Highly Effective"
    )
    # next time the same headers need no mapping
    officer.post(f"{BASE}/hr/", {"file": SimpleUploadedFile("hr2.csv", text.encode())})
    assert ImportRun.objects.order_by("-pk").first().status == ImportRun.Status.READY


def test_the_hr_template_downloads_with_the_documented_columns(cast, client_for):
    response = client_for("officer").get(f"{BASE}/hr-template.csv")
    header = io.StringIO(response.content.decode()).readline().strip().split(",")
    assert header[:5] == ["employee_id", "given_name", "family_name", "email", "hire_date"]
    assert {"school", "position", "fte", "prior_years_experience", "rating_2024_25"} <= set(header)


def test_the_review_list_links_a_row_to_the_chosen_person(cast, client_for, tmp_path):
    from tests.imports.files import STAFF

    staff = [
        {
            **STAFF[0],
            "sourcedId": "u-x",
            "identifier": "N1001",
            "email": "pat.principal@northfield.example.org",
        }
    ]
    officer = client_for("officer")
    officer.post(
        f"{BASE}/oneroster/",
        {"files": _zip_upload(tmp_path, staff=staff, roles=[{**ROLES[0], "userSourcedId": "u-x"}])},
    )
    run = ImportRun.objects.get()
    _apply(officer, run)
    page = officer.get(f"{BASE}/review/").content.decode()
    assert "Rows that need a decision" in page
    assert "Ada Teacher" in page
    item = run.review_items.get()
    officer.post(f"{BASE}/review/{item.pk}/", {"choice": str(cast.teacher_staff.pk)})
    assert StaffMember.objects.get(pk=cast.teacher_staff.pk).sourced_id == "u-x"
