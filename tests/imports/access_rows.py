"""Access-matrix rows for every imports URL (see tests/access.py).

Only the district's talent officer (and superusers) may use imports; a principal, a teacher,
another district's officer and a network officer get 404. Run pages need an import run and
review item, made on demand for the cast's district.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access import Row, allow

OFFICER = allow("officer")
SU = {"superuser": True}
BASE = "/imports/northfield"


def _run(cast: Any, kind: str = "oneroster") -> Any:
    from lattice.imports.models import ImportRun

    run = ImportRun.objects.filter(district=cast.district, kind=kind).first()
    if run is not None:
        return run
    storage = "imports/access-matrix"
    folder = Path(settings.MEDIA_ROOT) / storage
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "users.csv").write_text("sourcedId\r\n", encoding="utf-8")
    return ImportRun.objects.create(
        district=cast.district,
        kind=kind,
        origin="web",
        status="invalid",
        storage=storage,
        file_names=["users.csv"],
        preview={"headers": ["Emp No"], "mapping": {}},
        errors=[
            {
                "file": "users.csv",
                "line": 2,
                "column": "email",
                "value": "x",
                "problem": "is not an email address",
                "fix": "correct it",
            }
        ],
        error_total=1,
    )


def _review(cast: Any) -> Any:
    from lattice.imports.models import ReviewItem

    item = ReviewItem.objects.filter(district=cast.district).first()
    return item or ReviewItem.objects.create(
        run=_run(cast),
        district=cast.district,
        sourced_id="u-x",
        file="users.csv",
        line=2,
        name="Ada Teacher",
        reason="matches two people",
        candidates=[{"id": cast.teacher_staff.pk, "label": "Ada Teacher"}],
    )


def _vocabulary_run(cast: Any) -> Any:
    from lattice.imports.models import ImportRun

    return ImportRun.objects.create(
        district=cast.district,
        kind="hr",
        origin="web",
        status="invalid",
        preview={"needs_vocabulary": ["Effective", "Superb"], "headers": ["employee_id"]},
    )


def _upload(cast: Any) -> dict[str, Any]:
    return {"files": SimpleUploadedFile("users.csv", b"sourcedId,givenName\r\n"), "mode": ""}


ROWS = [
    Row(
        "imports:home",
        lambda c: "/imports/",
        allow("officer", "other_officer"),
        ok_status=302,
        extra={"superuser": True, "status_for": {"superuser": 200}},
        note="an officer of one district goes straight to it; several are listed",
    ),
    Row("imports:district", lambda c: f"{BASE}/", OFFICER, extra=SU),
    Row(
        "imports:upload-oneroster",
        lambda c: f"{BASE}/oneroster/",
        OFFICER,
        method="POST",
        data=_upload,
        ok_status=302,
        extra=SU,
    ),
    Row(
        "imports:upload-hr",
        lambda c: f"{BASE}/hr/",
        OFFICER,
        method="POST",
        data=lambda c: {"file": SimpleUploadedFile("hr.csv", b"Emp No\r\nN1001\r\n")},
        ok_status=302,
        extra=SU,
    ),
    Row("imports:hr-template", lambda c: f"{BASE}/hr-template.csv", OFFICER, extra=SU),
    Row("imports:review", lambda c: f"{BASE}/review/", OFFICER, extra=SU),
    Row(
        "imports:resolve",
        lambda c: f"{BASE}/review/{_review(c).pk}/",
        OFFICER,
        method="POST",
        data=lambda c: {"choice": "new"},
        ok_status=302,
        extra=SU,
    ),
    Row("imports:run", lambda c: f"{BASE}/runs/{_run(c).pk}/", OFFICER, extra=SU),
    Row("imports:progress", lambda c: f"{BASE}/runs/{_run(c).pk}/progress/", OFFICER, extra=SU),
    Row(
        "imports:mapping",
        lambda c: f"{BASE}/runs/{_run(c, 'hr').pk}/mapping/",
        OFFICER,
        method="POST",
        data=lambda c: {"col_0": "employee_id"},
        ok_status=302,
        extra=SU,
    ),
    Row(
        "imports:apply",
        lambda c: f"{BASE}/runs/{_run(c).pk}/apply/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "imports:discard",
        lambda c: f"{BASE}/runs/{_run(c).pk}/discard/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "imports:retry",
        lambda c: f"{BASE}/runs/{_run(c).pk}/retry/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
        note="refused with a message unless the run failed; the row checks who gets that far",
    ),
    Row(
        "imports:undo",
        lambda c: f"{BASE}/runs/{_run(c).pk}/undo/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row(
        "imports:vocabulary",
        lambda c: f"{BASE}/runs/{_vocabulary_run(c).pk}/vocabulary/",
        OFFICER,
        method="POST",
        data=lambda c: {"labels": "Developing\nEffective"},
        ok_status=302,
        extra=SU,
    ),
    Row("imports:settings", lambda c: f"{BASE}/settings/", OFFICER, extra=SU),
    Row(
        "imports:settings",
        lambda c: f"{BASE}/settings/",
        OFFICER,
        method="POST",
        data=lambda c: {
            "max_removal_percent": "10",
            "max_removal_count": "",
            "preview_days": "7",
            "file_retention_days": "30",
        },
        ok_status=302,
        extra={**SU, "case": "save"},
    ),
    Row("imports:connection", lambda c: f"{BASE}/connection/", OFFICER, extra=SU),
    Row(
        "imports:connection-sync",
        lambda c: f"{BASE}/connection/sync/",
        OFFICER,
        method="POST",
        ok_status=302,
        extra=SU,
    ),
    Row("imports:errors", lambda c: f"{BASE}/runs/{_run(c).pk}/errors.csv", OFFICER, extra=SU),
    Row("imports:file", lambda c: f"{BASE}/runs/{_run(c).pk}/files/0/", OFFICER, extra=SU),
]
