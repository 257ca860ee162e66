"""The upload checker validates each file's whole structure, refuses polyglots, and keeps a
long name's extension."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from lattice.lib import uploads
from lattice.lib.uploads import UploadError, check_upload, safe_name
from tests.files import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, pptx_bytes, upload, xlsx_bytes

EVERY_KIND = uploads.KINDS


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("transcript.pdf", pdf_bytes(), "pdf"),
        ("photo.png", png_bytes(), "png"),
        ("photo.JPG", jpeg_bytes(), "jpeg"),
        ("photo.jpeg", jpeg_bytes(), "jpeg"),
        ("plan.docx", docx_bytes(), "docx"),
        ("growth.xlsx", xlsx_bytes(), "xlsx"),
        ("slides.pptx", pptx_bytes(), "pptx"),
        ("notes.txt", "Réflexion: what I learned\r\n\tand why.\n".encode(), "txt"),
        ("bom.txt", b"\xef\xbb\xbfWith a byte-order mark", "txt"),
    ],
)
def test_real_files_of_each_kind_are_accepted(name: str, data: bytes, kind: str) -> None:
    checked = check_upload(upload(name, data), EVERY_KIND)
    assert checked.kind.key == kind
    assert checked.data == data


# --- polyglots and disguises ----------------------------------------------------------------


def test_a_jpeg_with_a_pdf_after_its_end_of_image_marker_is_refused() -> None:
    polyglot = jpeg_bytes() + pdf_bytes()
    with pytest.raises(UploadError, match="other data follows the end of the image"):
        check_upload(upload("photo.jpg", polyglot), EVERY_KIND)


def test_a_pdf_behind_a_jpeg_header_at_offset_zero_is_refused() -> None:
    # PDF readers look for %PDF- anywhere in the first kilobyte, so this opens as a PDF too.
    polyglot = jpeg_bytes()[:20] + pdf_bytes()
    with pytest.raises(UploadError, match="holds a JPEG file but its name says PDF"):
        check_upload(upload("transcript.pdf", polyglot), EVERY_KIND)


def test_a_pdf_with_a_zip_appended_after_its_end_is_refused() -> None:
    with pytest.raises(UploadError, match="other data follows the end of the PDF"):
        check_upload(upload("transcript.pdf", pdf_bytes() + docx_bytes()), EVERY_KIND)


def test_a_png_with_data_after_its_end_chunk_is_refused() -> None:
    with pytest.raises(UploadError, match="other data follows the end of the image"):
        check_upload(upload("photo.png", png_bytes() + b"<script>alert(1)</script>"), EVERY_KIND)


def test_only_the_first_bytes_of_a_pdf_are_not_enough() -> None:
    with pytest.raises(UploadError, match="refused as PDF"):
        check_upload(upload("transcript.pdf", b"%PDF-1.7\n%%EOF\n"), EVERY_KIND)


def test_a_truncated_jpeg_is_refused() -> None:
    with pytest.raises(UploadError, match="refused as JPEG"):
        check_upload(upload("photo.jpg", jpeg_bytes()[:-40]), EVERY_KIND)


def test_two_kilobytes_of_binary_named_txt_are_refused() -> None:
    binary = os.urandom(2048)
    with pytest.raises(UploadError, match=r"notes\.txt was refused as plain text"):
        check_upload(upload("notes.txt", binary), EVERY_KIND)


def test_text_with_a_nul_byte_is_refused_naming_the_line() -> None:
    with pytest.raises(UploadError, match="line 2 holds a NUL byte"):
        check_upload(upload("notes.txt", b"fine\nnot\x00fine\n"), EVERY_KIND)


def test_any_zip_named_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    with pytest.raises(UploadError, match=r"plan\.docx was refused as Word"):
        check_upload(upload("plan.docx", out.getvalue()), EVERY_KIND)


def test_a_spreadsheet_named_docx_is_refused() -> None:
    with pytest.raises(UploadError, match="not that kind of Office document"):
        check_upload(upload("plan.docx", xlsx_bytes()), EVERY_KIND)


def test_a_document_with_macros_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(UploadError, match="contains macros"):
        check_upload(upload("plan.docx", out.getvalue()), EVERY_KIND)


def test_data_prepended_to_an_office_document_is_refused() -> None:
    with pytest.raises(UploadError, match="refused as Word"):
        check_upload(upload("plan.docx", b"MZ" + docx_bytes()), EVERY_KIND)


def test_a_password_protected_pdf_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UploadError, match="password-protected"):
        check_upload(upload("locked.pdf", out.getvalue()), EVERY_KIND)


def test_a_pdf_that_runs_javascript_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_open_action(JavaScript("app.alert('hi');"))
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UploadError, match="runs a script"):
        check_upload(upload("script.pdf", out.getvalue()), EVERY_KIND)


def test_a_kind_the_app_does_not_allow_is_refused_with_the_list() -> None:
    with pytest.raises(UploadError, match="upload PDF, PNG or JPEG"):
        check_upload(upload("plan.docx", docx_bytes()), (uploads.PDF, uploads.PNG, uploads.JPEG))


# --- names ---------------------------------------------------------------------------------


def test_a_200_character_name_keeps_its_extension_and_is_accepted() -> None:
    name = "a" * 196 + ".pdf"
    checked = check_upload(upload(name, pdf_bytes()), EVERY_KIND)
    assert checked.name == name
    longer = "Lesson plan " + "b" * 250 + ".pdf"
    checked = check_upload(upload(longer, pdf_bytes()), EVERY_KIND)
    assert len(checked.name) == uploads.MAX_NAME
    assert checked.name.startswith("Lesson plan bbb")
    assert checked.name.endswith("….pdf")


def test_names_lose_folders_and_control_characters() -> None:
    assert safe_name("C:\\Users\\ada\\plan.pdf") == "plan.pdf"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("re\x00port\x1b.pdf") == "report.pdf"
    assert safe_name("") == "file"
