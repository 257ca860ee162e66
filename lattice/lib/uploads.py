"""The one checker of uploaded files: each kind is validated by its whole structure.

An upload is accepted only when its name's extension and its content agree on one of the kinds
the app allows, and the whole file parses as that kind with a well-kept library — not just
its first bytes:

- **PDF**: starts with ``%PDF-`` at offset 0, parses with pypdf in strict mode, has pages,
  is not encrypted, runs no JavaScript or launch action, and nothing follows its last
  ``%%EOF``;
- **PNG / JPEG**: Pillow's ``verify()`` and then a full decode of the pixels; nothing may
  follow PNG's ``IEND`` chunk or JPEG's end-of-image marker;
- **Word, Excel, PowerPoint** (``.docx``/``.xlsx``/``.pptx``): a ZIP starting at offset 0 and
  ending with its directory, every member's checksum correct and its expanded size bounded,
  ``[Content_Types].xml`` naming the document's main part (which exists), and no macros;
- **plain text**: UTF-8 without NUL or other control characters (tab and line ends apart).

So polyglots — one file that is two formats, e.g. a JPEG with a PDF after its end-of-image
marker, or a JPEG header at offset 0 of a PDF — are refused, as are binaries renamed ``.txt``
and any ZIP renamed ``.docx``. Names are made safe for display (folder parts, control
characters removed) and shortened to :data:`MAX_NAME` characters keeping the extension.

Errors are :class:`UploadError` whose message names the file and the fix. Plain Python plus
pypdf and Pillow; no Django.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import uuid
import warnings
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
MAX_NAME = 200  # characters of a stored original name (the Evidence models' column)
MAX_EXPANDED = 50 * 1024 * 1024  # what an Office file's ZIP may expand to
MAX_MEMBERS = 5000


class UploadError(ValueError):
    """An uploaded file is refused; the message names the file and says what to do."""


class _Refused(Exception):
    """Raised by a kind's check with the reason, in words a teacher understands."""


@dataclass(frozen=True)
class Kind:
    """One accepted kind of file: its label, content type, extensions and structural check."""

    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]
    check: Callable[[bytes], None]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class CheckedUpload:
    """An accepted upload: its safe display name, its kind, its bytes and their checksum."""

    name: str
    kind: Kind
    data: bytes
    sha256: str

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def extension(self) -> str:
        return self.kind.extensions[0]

    def stored_name(self) -> str:
        """A fresh random file name to store it under (never the uploader's name)."""
        return f"{uuid.uuid4().hex}{self.extension}"


# --- names -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def safe_name(raw: str, limit: int = MAX_NAME) -> str:
    """A display name from an uploaded file's name: no folders or control characters,
    normalised, at most ``limit`` characters with the extension kept (the middle of a long
    name gives way, marked with "…")."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _CONTROL.sub("", text).strip().strip(".").strip() or "file"
    if len(text) <= limit:
        return text
    match = _EXTENSION.search(text)
    extension = match.group(0) if match else ""
    stem = text[: len(text) - len(extension)]
    keep = limit - len(extension) - 1
    return f"{stem[:keep].rstrip()}…{extension}"


def _extension(name: str) -> str:
    match = _EXTENSION.search(name)
    return match.group(0).lower() if match else ""


# --- the structural checks ---------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import DictionaryObject

    if not data.startswith(b"%PDF-"):
        raise _Refused("it does not begin as a PDF does (another format's header comes first)")
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise _Refused("it is not a complete PDF (no end-of-file marker)")
    if data[end + 5 :].strip(b"\r\n\t\f\x00 "):
        raise _Refused("other data follows the end of the PDF")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=True)
            if reader.is_encrypted:
                raise _Refused("it is password-protected")
            pages = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 -- reading each page's box walks the page tree
            # A damaged file's root may be no dictionary: AttributeError, caught below.
            root = cast(DictionaryObject, reader.trailer["/Root"])
            names = root.get("/Names")
            open_action = root.get("/OpenAction")
    except _Refused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise _Refused("it is damaged or not really a PDF") from exc
    if pages == 0:
        raise _Refused("it has no pages")
    if (names is not None and "/JavaScript" in names.get_object()) or (
        open_action is not None and _is_script(open_action)
    ):
        raise _Refused("it runs a script when opened")


def _is_script(action: Any) -> bool:
    try:
        target = action.get_object()
        return hasattr(target, "get") and target.get("/S") in ("/JavaScript", "/Launch")
    except Exception:  # an unreadable action is treated as a script
        return True


def _decode_image(data: bytes, expected: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise _Refused(f"it is a {image.format} image, not a {expected}")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 80_000_000:
                raise _Refused("the picture is too large (over 80 megapixels)")
            image.load()  # the full decode: every pixel
    except _Refused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _Refused(f"it is damaged or not really a {expected} image") from exc
    except Image.DecompressionBombError as exc:
        raise _Refused("the picture is too large") from exc


def _check_png(data: bytes) -> None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _Refused("it does not begin as a PNG does")
    offset = 8
    while True:
        if offset + 8 > len(data):
            raise _Refused("it is not a complete PNG (no end chunk)")
        length = int.from_bytes(data[offset : offset + 4], "big")
        chunk = data[offset + 4 : offset + 8]
        offset += 12 + length
        if chunk == b"IEND":
            break
    if offset != len(data):
        raise _Refused("other data follows the end of the image")
    _decode_image(data, "PNG")


def _jpeg_end(data: bytes) -> int:
    """The offset just past a JPEG's end-of-image marker, walking its segments."""
    size = len(data)
    i = 2
    while i < size:
        if data[i] != 0xFF:
            raise _Refused("it is damaged or not really a JPEG image")
        while i < size and data[i] == 0xFF:
            i += 1
        if i >= size:
            break
        marker = data[i]
        i += 1
        if marker == 0xD9:
            return i
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if i + 2 > size:
            break
        i += int.from_bytes(data[i : i + 2], "big")
        if marker == 0xDA:  # start of scan: entropy-coded data until the next real marker
            while True:
                j = data.find(b"\xff", i)
                if j < 0 or j + 1 >= size:
                    raise _Refused("it is not a complete JPEG (no end-of-image marker)")
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    i = j + 1 if following == 0xFF else j + 2
                    continue
                i = j
                break
    raise _Refused("it is not a complete JPEG (no end-of-image marker)")


def _check_jpeg(data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff"):
        raise _Refused("it does not begin as a JPEG does")
    if data[_jpeg_end(data) :].strip(b"\x00"):
        raise _Refused("other data follows the end of the image")
    _decode_image(data, "JPEG")


def _check_text(data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Refused(f"it is not UTF-8 text (line {line} has bytes that are not)") from exc
    found = re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", text)
    if found:
        line = text[: found.start()].count("\n") + 1
        character = "a NUL byte" if found.group() == "\x00" else "a control character"
        raise _Refused(f"it is not plain text (line {line} holds {character})")


_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _office_check(main_part: str, main_type: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        if not data.startswith(b"PK\x03\x04"):
            raise _Refused("it does not begin as an Office document does")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError) as exc:
            raise _Refused("it is damaged or not really an Office document") from exc
        with archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _Refused("it holds too many parts")
            if min(m.header_offset for m in members) != 0 or archive.comment:
                raise _Refused("other data is packed around the document")
            if not data[-22:].startswith(b"PK\x05\x06"):
                raise _Refused("other data follows the end of the document")
            if sum(m.file_size for m in members) > MAX_EXPANDED:
                raise _Refused("it expands to more than 50 MB")
            names = {m.filename for m in members}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _Refused("it contains macros")
            try:
                if archive.testzip() is not None:
                    raise _Refused("it is damaged (a part fails its checksum)")
                types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
            except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
                raise _Refused("it is damaged or not really an Office document") from exc
        declared = {
            element.get("PartName", "").lower(): element.get("ContentType", "")
            for element in types.iter(f"{_CONTENT_TYPES}Override")
        }
        if declared.get(f"/{main_part}".lower()) != main_type or main_part not in names:
            raise _Refused("it is not that kind of Office document (or it contains macros)")

    return check


PDF = Kind("pdf", "PDF", "application/pdf", (".pdf",), _check_pdf)
PNG = Kind("png", "PNG", "image/png", (".png",), _check_png)
JPEG = Kind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"), _check_jpeg)
DOCX = Kind(
    "docx",
    "Word (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
    _office_check(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
)
XLSX = Kind(
    "xlsx",
    "Excel (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
    _office_check(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
)
PPTX = Kind(
    "pptx",
    "PowerPoint (.pptx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
    _office_check(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
)
TEXT = Kind("txt", "plain text (.txt)", "text/plain", (".txt",), _check_text)
KINDS = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, TEXT)


def describe(kinds: Sequence[Kind]) -> str:
    """ "PDF, PNG or JPEG": the kinds in words, for help texts and messages."""
    labels = [k.label for k in kinds]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


# --- checking ----------------------------------------------------------------------------


_MAGIC = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff"}


def _looks_like(data: bytes, kinds: Sequence[Kind]) -> Kind | None:
    """The allowed kind whose signature ``data`` starts with (for a friendlier message)."""
    return next((k for k in kinds if k.key in _MAGIC and data.startswith(_MAGIC[k.key])), None)


def check_upload(
    upload: Any, kinds: Sequence[Kind], *, max_bytes: int = MAX_BYTES
) -> CheckedUpload:
    """Read one uploaded file and accept it as one of ``kinds``, or raise ``UploadError``."""
    name = safe_name(getattr(upload, "name", "") or "")
    allowed = describe(kinds)
    limit = f"{max_bytes / 1024 / 1024:g} MB"
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise UploadError(
            f"{name} is {size / 1024 / 1024:.1f} MB; files may be at most {limit} — save a "
            "smaller copy (a lower scan resolution) or split it."
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadError(f"{name} is larger than {limit} — save a smaller copy or split it.")
    if not data:
        raise UploadError(f"{name} is empty — choose the file again.")
    extension = _extension(name)
    kind = next((k for k in kinds if extension in k.extensions), None)
    if kind is None:
        said = f"a {extension} file" if extension else "a file without an extension"
        raise UploadError(
            f"{name} is {said}, which is not accepted here — upload {allowed}, with the "
            "matching extension (for example .pdf)."
        )
    try:
        kind.check(data)
    except _Refused as reason:
        actual = _looks_like(data, kinds)
        if actual is not None and actual is not kind:
            raise UploadError(
                f"{name} holds a {actual.label} file but its name says {kind.label} — rename "
                f"it to end in {actual.extensions[0]}."
            ) from None
        raise UploadError(
            f"{name} was refused as {kind.label}: {reason}. Open it and save (or export) it "
            f"again as {kind.label}, then upload the new copy."
        ) from None
    return CheckedUpload(name, kind, data, hashlib.sha256(data).hexdigest())


def check_uploads(
    uploads: Sequence[Any],
    kinds: Sequence[Kind],
    *,
    max_files: int = MAX_FILES,
    max_bytes: int = MAX_BYTES,
) -> list[CheckedUpload]:
    """Check several uploads (at most ``max_files``); the first refused one raises."""
    if len(uploads) > max_files:
        raise UploadError(f"Attach at most {max_files} files; you chose {len(uploads)}.")
    return [check_upload(u, kinds, max_bytes=max_bytes) for u in uploads]
