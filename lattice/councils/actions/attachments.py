"""Files attached to proposals: checked by ``lattice.lib.uploads`` (by their whole
structure, size and kind), written to the private store like pathways evidence, one audit
entry each. A file is attached while the proposal is still open; a decided proposal's
papers are part of its record and stay as they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from lattice.audit.log import record
from lattice.councils.actions.common import CouncilError
from lattice.councils.models import Proposal, ProposalAttachment, ProposalStatus
from lattice.lib import uploads
from lattice.lib.actors import Actor
from lattice.people.models import StaffMember

KINDS = uploads.KINDS  # PDF, PNG, JPEG, Word, Excel, PowerPoint, plain text
MAX_FILES = uploads.MAX_FILES
MAX_BYTES = uploads.MAX_BYTES
OPEN = (ProposalStatus.SUBMITTED, ProposalStatus.PERMITTED, ProposalStatus.VOTING)


def attach_files(
    actor: Actor, proposal: Proposal, person: StaffMember | None, files: Sequence[Any]
) -> list[ProposalAttachment]:
    """Check and store ``files`` (uploaded file objects) on ``proposal``; all or none."""
    if proposal.status not in OPEN:
        raise CouncilError(
            "attachments: the proposal is decided; its papers stay as they were when it was."
        )
    if not files:
        raise CouncilError("attachments: choose at least one file.")
    try:
        checked = uploads.check_uploads(list(files), KINDS, max_files=MAX_FILES)
    except uploads.UploadError as exc:
        raise CouncilError(f"attachments: {exc}") from exc
    saved: list[str] = []
    try:
        with transaction.atomic():
            made = []
            for item in checked:
                folder = timezone.now().strftime("councils/attachments/%Y/%m")
                content = ContentFile(item.data, name=item.stored_name())
                name = default_storage.save(f"{folder}/{content.name}", content)
                saved.append(name)
                attachment = ProposalAttachment.objects.create(
                    proposal=proposal,
                    file=name,
                    original_name=item.name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    attached_by=person,
                )
                record(
                    actor=actor,
                    action="councils.proposal.attach",
                    obj=proposal,
                    district=proposal.body.district,
                    staff_member=person,
                    after={"file": item.name, "size": item.size, "sha256": item.sha256},
                )
                made.append(attachment)
            return made
    except BaseException:
        for name in saved:  # no row points at them any more
            default_storage.delete(name)
        raise
