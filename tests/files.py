"""Small real files of every kind Lattice accepts as evidence, made by the same libraries a
user's software would use (uploads are checked by their whole structure, so fakes fail)."""

from __future__ import annotations

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


@functools.cache
def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (24, 16), (30, 120, 200)).save(out, kind)
    return out.getvalue()


@functools.cache
def png_bytes() -> bytes:
    return _image("PNG")


@functools.cache
def jpeg_bytes() -> bytes:
    return _image("JPEG")


def _office(main_part: str, main_type: str, body: bytes) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{main_part}"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(main_part, body)
    return out.getvalue()


@functools.cache
def docx_bytes() -> bytes:
    return _office(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>My lesson plan</w:t></w:r>'
        b"</w:p></w:body></w:document>",
    )


@functools.cache
def pptx_bytes() -> bytes:
    return _office(
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b'<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/'
        b'presentationml/2006/main"/>',
    )


@functools.cache
def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["student", "growth"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(
    name: str, data: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)
