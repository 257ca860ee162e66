"""In Chromium: an officer uploads a roster ZIP, watches the progress bar, reads the preview,
applies, and sees the import in the history."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lattice.imports.models import ImportRun
from lattice.people.models import StaffMember
from tests.cast import build_cast
from tests.cast import sign_in as sign_in_client
from tests.imports.files import write_package_12, zip_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("LATTICE_SCREENSHOTS")  # a folder to keep screenshots in, when set


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_upload_preview_apply_in_the_browser(
    live_server: Any, page: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"
    cast = build_cast()
    archive = zip_folder(write_package_12(tmp_path / "or"), tmp_path / "roster.zip")
    _sign_in(page, live_server, cast.user("officer"))
    base = f"{live_server.url}/imports/northfield"

    # a run still being read shows a progress bar that polls until done
    parsing = ImportRun.objects.create(
        district=cast.district,
        kind="oneroster",
        status="parsing",
        lease_expires_at=timezone.now() + dt.timedelta(minutes=5),  # a worker holds it
        progress=0.37,
        progress_label="Reading users.csv",
    )
    page.goto(f"{base}/runs/{parsing.pk}/")
    assert page.get_by_label("Reading users.csv").get_attribute("value") == "37"
    _shot(page, "imports-progress")
    ImportRun.objects.filter(pk=parsing.pk).update(status="invalid", progress=1)
    page.wait_for_url(f"{base}/runs/{parsing.pk}/", wait_until="load")
    page.get_by_text("Has errors").first.wait_for(timeout=5000)  # htmx refreshed the page

    page.goto(f"{base}/")
    _shot(page, "imports-district")
    page.get_by_label("OneRoster files").set_input_files(str(archive))
    page.get_by_role("button", name="Upload and preview").first.click()
    page.get_by_role("heading", name="Preview: what applying would do").wait_for()
    _shot(page, "imports-preview")
    # the test roster lists 4 of the district's 6 people: four would leave, so it asks
    page.get_by_label("To apply it anyway, type").fill("4")
    page.get_by_role("button", name="Apply and deactivate 4").click()
    page.get_by_role("heading", name="What changed").wait_for()
    assert StaffMember.objects.filter(sourced_id="u-new").exists()
    page.goto(f"{base}/")
    assert "Applied" in page.get_by_role("table").inner_text()
    _shot(page, "imports-history")


def test_a_bulk_file_that_would_deactivate_the_district_stops_at_the_preview(
    live_server: Any, page: Any, settings: Any, tmp_path: Path
) -> None:
    from tests.imports.files import ROLES, STAFF

    settings.MEDIA_ROOT = tmp_path / "private"
    cast = build_cast()
    partial = write_package_12(
        tmp_path / "or",
        staff=STAFF[:1],
        roles=[ROLES[0], *(r for r in ROLES if r["role"] in ("student", "parent"))],
    )
    archive = zip_folder(partial, tmp_path / "roster.zip")
    _sign_in(page, live_server, cast.user("officer"))
    base = f"{live_server.url}/imports/northfield"
    page.goto(f"{base}/")
    page.get_by_label("OneRoster files").set_input_files(str(archive))
    page.get_by_role("button", name="Upload and preview").first.click()
    warning = page.get_by_role("heading", name="Check before applying")
    warning.wait_for()
    text = page.locator("section.guard").inner_text()
    assert "This import would deactivate 5 of 6 active staff (83.3%)" in text
    assert "it looks like a partial file sent as a bulk (whole-roster) import" in text
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("section.guard").scroll_into_view_if_needed()
        _shot(page, f"imports-guard-{width}")
    page.get_by_label("To apply it anyway, type").fill("4")
    page.get_by_role("button", name="Apply and deactivate 5").click()
    page.get_by_text("Not applied: type 5").wait_for()
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 6
    page.get_by_label("To apply it anyway, type").fill("5")
    page.get_by_role("button", name="Apply and deactivate 5").click()
    page.get_by_role("heading", name="What changed").wait_for()
    assert StaffMember.objects.filter(district=cast.district, active=True).count() == 1
