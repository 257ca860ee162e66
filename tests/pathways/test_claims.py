"""Claims: submission windows, evidence checks, verification, rejection, notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lattice.audit.models import AuditEntry
from lattice.notifications.models import Notification
from lattice.pathways import actions
from lattice.pathways.models import Claim, Evidence, Placement
from lattice.pathways.queries import standing_for
from lattice.people.queries import today
from tests.cast import Cast
from tests.pathways.world import PDF, PNG, adopt, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(cast: Cast) -> Cast:
    adopt(cast)
    return cast


def _credits(cast: Cast, **overrides: Any) -> Claim:
    fields: dict[str, Any] = {
        "kind": "credits",
        "title": "EDU 610",
        "quantity": 3,
        "completed": today() - dt.timedelta(days=30),
        "files": [pdf()],
    }
    fields.update(overrides)
    return actions.submit_claim(cast.teacher_staff.user, cast.teacher_staff, **fields)


def test_a_claim_with_a_transcript_waits_for_the_talent_office(adopted: Cast) -> None:
    claim = _credits(adopted)
    assert claim.status == "submitted"
    assert claim.evidence.get().content_type == "application/pdf"


def test_credits_submitted_after_the_window_are_refused_with_the_policy_message(
    adopted: Cast,
) -> None:
    ended = today() - dt.timedelta(days=120)
    with pytest.raises(actions.ClaimWindowError) as refused:
        _credits(adopted, completed=ended)
    assert refused.value.messages == [
        f"Courses must be submitted within 90 days of their end date; this one ended on "
        f"{ended} — ask the talent office for an exception."
    ]
    assert not Claim.objects.exists()


def test_the_talent_office_can_accept_a_late_claim_as_an_exception(adopted: Cast) -> None:
    claim = actions.submit_claim(
        adopted.user("officer"),
        adopted.teacher_staff,
        kind="credits",
        title="EDU 610",
        quantity=3,
        completed=today() - dt.timedelta(days=120),
        files=[pdf()],
        exception_reason="Transcript delayed by the college",
    )
    actions.verify_claim(adopted.user("officer"), claim)
    standing = standing_for(adopted.teacher_staff).standing
    assert standing is not None
    assert standing.units_banked == 3


def test_a_claim_needs_evidence(adopted: Cast) -> None:
    with pytest.raises(ValidationError, match="Attach the evidence"):
        _credits(adopted, files=[])


def test_a_script_renamed_to_pdf_is_refused(adopted: Cast) -> None:
    fake = SimpleUploadedFile("transcript.pdf", b"#!/bin/sh\nrm -rf /\n")
    with pytest.raises(ValidationError, match=r"transcript\.pdf was refused as PDF"):
        _credits(adopted, files=[fake])


def test_an_image_named_as_a_pdf_is_refused(adopted: Cast) -> None:
    with pytest.raises(ValidationError, match=r"rename it to end in \.png"):
        _credits(adopted, files=[SimpleUploadedFile("transcript.pdf", PNG)])


def test_a_file_over_five_megabytes_is_refused(adopted: Cast) -> None:
    big = SimpleUploadedFile("transcript.pdf", PDF + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="at most 5 MB"):
        _credits(adopted, files=[big])
    assert not Evidence.objects.exists()


def test_verifying_recomputes_the_standing_and_tells_the_teacher(adopted: Cast) -> None:
    before = standing_for(adopted.teacher_staff).standing
    claim = _credits(adopted)
    actions.verify_claim(adopted.user("officer"), claim)
    after = standing_for(adopted.teacher_staff).standing
    assert before is not None
    assert after is not None
    assert after.units_banked == before.units_banked + 3
    note = Notification.objects.get(user=adopted.teacher_staff.user)
    assert "verified" in note.subject


def test_verifying_emails_the_teacher(
    adopted: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    claim = _credits(adopted)
    with django_capture_on_commit_callbacks(execute=True):
        actions.verify_claim(adopted.user("officer"), claim)
    assert [m.to for m in mail.outbox] == [[adopted.teacher_staff.email]]


def test_a_claim_cannot_be_decided_twice(adopted: Cast) -> None:
    claim = _credits(adopted)
    actions.verify_claim(adopted.user("officer"), claim)
    with pytest.raises(ValidationError, match="already verified"):
        actions.reject_claim(adopted.user("officer"), claim, reason="oops")


def test_rejecting_needs_a_reason_the_teacher_reads(adopted: Cast) -> None:
    claim = _credits(adopted)
    with pytest.raises(ValidationError, match="Give the reason"):
        actions.reject_claim(adopted.user("officer"), claim, reason="  ")
    actions.reject_claim(adopted.user("officer"), claim, reason="The transcript is unreadable")
    claim.refresh_from_db()
    assert (claim.status, claim.reason) == ("rejected", "The transcript is unreadable")
    assert "unreadable" in Notification.objects.get(user=adopted.teacher_staff.user).body


def test_a_failing_recompute_leaves_nothing_half_written(
    adopted: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = _credits(adopted)
    rows, entries = Placement.objects.count(), AuditEntry.objects.count()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("engine crashed")

    monkeypatch.setattr("lattice.pathways.actions.standings.project", broken)
    with pytest.raises(RuntimeError):
        actions.verify_claim(adopted.user("officer"), claim)
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert (Placement.objects.count(), AuditEntry.objects.count()) == (rows, entries)
    assert not Notification.objects.exists()


def test_an_unreadable_record_stops_the_approval_with_the_reason(adopted: Cast) -> None:
    from lattice.people import actions as people_actions

    people_actions.record_rating(None, adopted.teacher_staff, adopted.last_year, "Superb")
    claim = _credits(adopted)
    with pytest.raises(ValidationError, match="'Superb' is not in the baltimore-2010 vocabulary"):
        actions.verify_claim(adopted.user("officer"), claim)
    claim.refresh_from_db()
    assert claim.status == "submitted"


def test_claims_open_only_once_the_district_adopts_a_policy(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="has not adopted a pathway policy"):
        _credits(cast)


def test_a_claim_of_500_college_credits_is_refused_with_the_policys_maximum(
    adopted: Cast,
) -> None:
    with pytest.raises(ValidationError) as refused:
        _credits(adopted, quantity=500)
    message = refused.value.messages[0]
    assert message.startswith("500 college credits is more than one claim may hold")
    assert "at most 30 college credits a claim" in message
    assert not Claim.objects.exists()


def test_the_district_sets_its_own_maximum_in_the_policy_it_adopts() -> None:
    from lattice.pathways.policies import shipped_text
    from lattice.rules.ledger import claim_quantity_check
    from lattice.rules.loader import loads_policy

    text = shipped_text("baltimore-2010.toml").replace(
        "credit_window_days = 90", "credit_window_days = 90\nmax_credits_per_claim = 12"
    )
    policy = loads_policy(text, "district.toml")
    assert claim_quantity_check(policy, "credits", 12).plausible
    assert not claim_quantity_check(policy, "credits", 13).plausible
    assert claim_quantity_check(policy, "pd_hours", 200).plausible
