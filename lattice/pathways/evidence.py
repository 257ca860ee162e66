"""Checking uploaded evidence: PDF, PNG or JPEG by content, not only by name; size limited.

The first bytes decide the type; the file name's extension must agree with them, so a script
renamed ``transcript.pdf`` is refused. Accepted files are stored under a random name.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5

# (magic bytes, content type, extensions that may carry it)
SIGNATURES: tuple[tuple[bytes, str, tuple[str, ...]], ...] = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
)
EXTENSION = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str

    def as_content_file(self) -> ContentFile[bytes]:
        return ContentFile(self.data, name=f"{uuid.uuid4().hex}{EXTENSION[self.content_type]}")


def sniff(head: bytes) -> str | None:
    for magic, content_type, _ in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload: Any) -> CheckedFile:
    """Read and check one uploaded file; ``ValidationError`` names the file and the fix."""
    name = PurePath(str(getattr(upload, "name", "") or "file")).name[:200]
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            f"{name} is {size / 1024 / 1024:.1f} MB; files may be at most "
            f"{MAX_BYTES // 1024 // 1024} MB — scan at a lower resolution or split it."
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB — scan at a lower "
            "resolution or split it."
        )
    if not data:
        raise ValidationError(f"{name} is empty — choose the file again.")
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(
            f"{name} is not a PDF, PNG or JPEG file — save or scan it as one of those and "
            "upload it again."
        )
    extensions = next(ext for _, ct, ext in SIGNATURES if ct == content_type)
    if PurePath(name).suffix.lower() not in extensions:
        raise ValidationError(
            f"{name} contains a {content_type.split('/')[1].upper()} file but its name says "
            f"otherwise — rename it to end in {extensions[0]}."
        )
    return CheckedFile(name, content_type, data, hashlib.sha256(data).hexdigest())


def check_uploads(uploads: list[Any]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"Attach at most {MAX_FILES} files to one claim.")
    return [check_upload(u) for u in uploads]


@contextmanager
def stored(checked: list[CheckedFile]) -> Iterator[list[tuple[str, CheckedFile]]]:
    """Write checked files to private storage; remove them again if the block fails.

    Use around the transaction that writes the rows pointing at them, so a failure leaves
    neither rows nor files behind.
    """
    storage = default_storage
    saved: list[tuple[str, CheckedFile]] = []
    try:
        for item in checked:
            content = item.as_content_file()
            folder = timezone.now().strftime("evidence/%Y/%m")
            saved.append((storage.save(f"{folder}/{content.name}", content), item))
        yield saved
    except BaseException:
        for name, _ in saved:
            storage.delete(name)
        raise


def evidence_rows(saved: list[tuple[str, CheckedFile]], **owner: Any) -> list[Any]:
    """Unsaved ``Evidence`` rows for stored files, attached to ``owner`` (claim= or artifact=)."""
    from lattice.pathways.models import Evidence

    return [
        Evidence(
            file=name,
            original_name=item.name,
            content_type=item.content_type,
            size=len(item.data),
            sha256=item.sha256,
            **owner,
        )
        for name, item in saved
    ]
