"""Uploads through the pages: long names keep their extension or get a sentence, never a bare
400; polyglots are refused with the file's name."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.people.models import Position
from lattice.roles import actions
from lattice.roles.models import Evidence
from tests.cast import Cast
from tests.files import jpeg_bytes, pdf_bytes, upload
from tests.roles.world import world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def _apply(cast: Cast, client_for: Any, *files: Any) -> Any:
    """The principal applies to Alder's mentor posting, its role opened to principals (a role
    is open to teachers and coaches unless the district says otherwise)."""
    posting = world(cast).alder_posting
    positions = [*posting.role.eligible_positions, Position.PRINCIPAL]
    actions.save_role(None, cast.district, posting.role, eligible_positions=positions)
    return client_for("principal").post(
        f"/roles/postings/{posting.pk}/apply/",
        {"statement": "I coach new teachers.", "evidence": list(files)},
    )


def test_a_long_name_is_shortened_and_keeps_its_extension(cast: Cast, client_for: Any) -> None:
    name = "Evidence of my mentoring " + "x" * 230 + ".pdf"
    response = _apply(cast, client_for, upload(name, pdf_bytes()))
    assert response.status_code == 302
    stored = Evidence.objects.get(application__applicant=cast.principal_staff)
    assert stored.original_name.endswith("….pdf")
    assert len(stored.original_name) == 200
    assert stored.file.name.endswith(".pdf")


def test_a_five_thousand_character_name_gets_a_sentence_not_a_bare_400(
    cast: Cast, client_for: Any
) -> None:
    # Django's test client shortens names to 255 characters, so the form is written by hand.
    boundary = "lattice-boundary"
    token = client_for("principal")
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="statement"\r\n\r\nI coach new teachers.\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="evidence"; filename="{"y" * 5000}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + pdf_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = token.generic(
        "POST",
        f"/roles/postings/{world(cast).alder_posting.pk}/apply/",
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "A file&#x27;s name is too long to upload" in page
    assert "Rename the file to a shorter name" in page
    assert "Nothing was saved" in page
    assert not Evidence.objects.filter(application__applicant=cast.principal_staff).exists()


def test_a_jpeg_pdf_polyglot_is_refused_by_name(cast: Cast, client_for: Any) -> None:
    response = _apply(cast, client_for, upload("photo.jpg", jpeg_bytes() + pdf_bytes()))
    assert response.status_code == 200
    assert "photo.jpg was refused as JPEG: other data follows the end of the image" in (
        response.content.decode()
    )
    assert not Evidence.objects.filter(application__applicant=cast.principal_staff).exists()
