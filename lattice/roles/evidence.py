"""Evidence for role applications: the kinds accepted, checked by ``lattice.lib.uploads``.

Applicants show their practice with documents, slides, spreadsheets of student growth,
pictures and notes, so roles accept more kinds than pathways' transcripts do.
"""

from __future__ import annotations

from typing import Any

from lattice.lib import uploads
from lattice.lib.uploads import CheckedUpload, UploadError

KINDS = (
    uploads.PDF,
    uploads.PNG,
    uploads.JPEG,
    uploads.DOCX,
    uploads.PPTX,
    uploads.XLSX,
    uploads.TEXT,
)
ALLOWED_TEXT = uploads.describe(KINDS)
ACCEPT = ",".join(ext for kind in KINDS for ext in kind.extensions)

__all__ = ["ACCEPT", "ALLOWED_TEXT", "KINDS", "CheckedUpload", "UploadError", "check_uploads"]


def check_upload(upload: Any) -> CheckedUpload:
    return uploads.check_upload(upload, KINDS)


def check_uploads(files: list[Any]) -> list[CheckedUpload]:
    """Check an application's files; ``UploadError`` names the refused file and the fix."""
    return uploads.check_uploads(files, KINDS)
