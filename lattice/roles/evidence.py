"""Checks on uploaded evidence: allowed kinds (by content, not just name) and size."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5

# extension -> (content type, magic prefix or None for plain text)
ALLOWED: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".txt": ("text/plain", None),
}
ALLOWED_TEXT = "PDF, PNG, JPEG, Word (.docx) or plain text"


class EvidenceError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    upload: Any
    original_name: str
    stored_name: str
    content_type: str
    size: int


def check_upload(upload: Any) -> CheckedFile:
    """Accept one uploaded file or raise EvidenceError naming the file and the fix."""
    name = PurePath(str(upload.name)).name[:200]
    ext = PurePath(name).suffix.lower()
    if ext not in ALLOWED:
        raise EvidenceError(f"{name}: this kind of file is not accepted; upload {ALLOWED_TEXT}.")
    if upload.size > MAX_BYTES:
        raise EvidenceError(f"{name}: the file is larger than 5 MB; upload a smaller copy.")
    if upload.size == 0:
        raise EvidenceError(f"{name}: the file is empty.")
    content_type, magic = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise EvidenceError(
            f"{name}: the file's contents are not a real {ext[1:].upper()} "
            "file; save it again in that format."
        )
    if magic is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if len(head) < 2048:
                raise EvidenceError(f"{name}: a .txt file must be plain UTF-8 text.") from exc
    return CheckedFile(upload, name, f"{uuid.uuid4().hex}{ext}", content_type, upload.size)


def check_uploads(uploads: list[Any]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise EvidenceError(f"Attach at most {MAX_FILES} files.")
    return [check_upload(u) for u in uploads]
