"""Files attached to a proposal: checked by kind, size and structure, kept in the private
store, audited, and downloaded only by whoever sees the proposal."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lattice.audit.models import AuditEntry
from lattice.councils import actions
from lattice.councils.models import ProposalAttachment
from lattice.lib import uploads
from tests.cast import Cast
from tests.councils.world import text_file, world


def test_an_attached_file_is_stored_privately_under_a_random_name_and_audited(
    cast: Cast,
) -> None:
    attachment = world(cast).attachment
    assert attachment.original_name == "survey.txt"
    assert attachment.file.name.startswith("councils/attachments/")
    assert "survey" not in attachment.file.name
    assert default_storage.open(attachment.file.name).read() == b"PLC survey: 12 of 15"
    entry = AuditEntry.objects.get(
        action="councils.proposal.attach", object_id=str(attachment.proposal_id)
    )
    assert entry.after["file"] == "survey.txt"


def test_a_file_of_the_wrong_kind_is_refused_and_nothing_is_written(cast: Cast) -> None:
    proposal = world(cast).open_proposal
    before = ProposalAttachment.objects.count()
    fake = SimpleUploadedFile("budget.pdf", b"not a pdf at all", content_type="application/pdf")
    good = text_file("fine.txt", "fine")
    with pytest.raises(actions.CouncilError, match=r"budget\.pdf"):
        actions.attach_files(None, proposal, cast.teacher_staff, [good, fake])
    assert ProposalAttachment.objects.count() == before


def test_a_file_over_the_size_limit_is_refused(cast: Cast) -> None:
    big = text_file("big.txt", "a" * (uploads.MAX_BYTES + 1))
    with pytest.raises(actions.CouncilError, match=r"big\.txt"):
        actions.attach_files(None, world(cast).open_proposal, cast.teacher_staff, [big])


def test_a_decided_proposal_takes_no_more_files(cast: Cast) -> None:
    with pytest.raises(actions.CouncilError, match="decided"):
        actions.attach_files(
            None, world(cast).decided, cast.teacher_staff, [text_file("late.txt", "late")]
        )


def test_members_download_the_file_and_outsiders_get_nothing(cast: Cast, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/councils/attachments/{world(cast).attachment.pk}/"
    response = client_for("teacher").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PLC survey: 12 of 15"
    assert "survey.txt" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert client_for("teacher_other_school").get(url).status_code == 404


def test_the_proposal_page_lists_its_files_and_offers_the_upload_to_its_author(
    cast: Cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    page = client_for("teacher").get(f"/councils/proposals/{world(cast).open_proposal.pk}/")
    text = page.content.decode()
    assert "survey.txt" in text
    assert 'enctype="multipart/form-data"' in text
