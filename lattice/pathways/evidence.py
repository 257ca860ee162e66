"""Evidence files of claims and applications: checked by ``lattice.lib.uploads``, then stored.

Pathways accepts PDF, PNG and JPEG (transcripts, certificates, completion records), each
validated by its whole structure; accepted files are stored under a random name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from lattice.lib import uploads
from lattice.lib.uploads import CheckedUpload

KINDS = (uploads.PDF, uploads.PNG, uploads.JPEG)
MAX_FILES = uploads.MAX_FILES


def check_upload(upload: Any) -> CheckedUpload:
    """Check one uploaded file; ``ValidationError`` names the file and the fix."""
    try:
        return uploads.check_upload(upload, KINDS)
    except uploads.UploadError as exc:
        raise ValidationError(str(exc)) from exc


def check_uploads(files: list[Any]) -> list[CheckedUpload]:
    try:
        return uploads.check_uploads(files, KINDS)
    except uploads.UploadError as exc:
        raise ValidationError(str(exc)) from exc


@contextmanager
def stored(checked: list[CheckedUpload]) -> Iterator[list[tuple[str, CheckedUpload]]]:
    """Write checked files to private storage; remove them again if the block fails.

    Use around the transaction that writes the rows pointing at them, so a failure leaves
    neither rows nor files behind.
    """
    storage = default_storage
    saved: list[tuple[str, CheckedUpload]] = []
    try:
        for item in checked:
            folder = timezone.now().strftime("evidence/%Y/%m")
            content = ContentFile(item.data, name=item.stored_name())
            saved.append((storage.save(f"{folder}/{content.name}", content), item))
        yield saved
    except BaseException:
        for name, _ in saved:
            storage.delete(name)
        raise


def evidence_rows(saved: list[tuple[str, CheckedUpload]], **owner: Any) -> list[Any]:
    """Unsaved ``Evidence`` rows for stored files, attached to ``owner`` (claim= or artifact=)."""
    from lattice.pathways.models import Evidence

    return [
        Evidence(
            file=name,
            original_name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            **owner,
        )
        for name, item in saved
    ]
