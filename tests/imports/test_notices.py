"""The officer who started an import is told when its background step ends: the preview is
ready, the import was applied, or it failed."""

from __future__ import annotations

import pytest

from lattice.imports.models import ImportRun
from lattice.notifications.models import Notification
from tests.imports.test_web import BASE, _apply, _zip_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


def test_the_officer_is_told_when_the_preview_is_ready_and_when_it_is_applied(
    cast, client_for, tmp_path
):
    officer = client_for("officer")
    officer.post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path), "mode": ""})
    run = ImportRun.objects.get()
    ready = Notification.objects.get(user=cast.user("officer"), kind="imports.preview_ready")
    assert ready.link == f"{BASE}/runs/{run.pk}/"
    assert "look at the preview and apply it" in ready.body
    _apply(officer, run)
    applied = Notification.objects.get(user=cast.user("officer"), kind="imports.applied")
    assert applied.subject.startswith("Your import was applied: OneRoster roster")


def test_the_officer_is_told_when_an_import_fails(cast, client_for, tmp_path, settings):
    import shutil
    from pathlib import Path

    officer = client_for("officer")
    officer.post(f"{BASE}/oneroster/", {"files": _zip_upload(tmp_path), "mode": ""})
    run = ImportRun.objects.get()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / run.storage)  # the upload is gone from disk
    _apply(officer, run)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    failed = Notification.objects.get(user=cast.user("officer"), kind="imports.failed")
    assert "upload the files again" in failed.body
