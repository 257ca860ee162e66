"""Notices: stored, listed, read; emailed at once or in a daily digest with absolute links;
kinds registered by the apps; the demo never emails; what waits on a person on their home."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from lattice.audit.models import AuditEntry
from lattice.lib import schedule
from lattice.notifications import kinds, send, waiting
from lattice.notifications.models import Delivery, EmailState, Notification
from lattice.notifications.tasks import DIGEST
from tests.cast import Cast

pytestmark = pytest.mark.django_db

SITE = "https://lattice.example.org"


def _ada(cast: Cast) -> Any:
    user = cast.user("teacher")
    user.email = "ada@example.org"
    user.save(update_fields=["email"])
    return user


@override_settings(LATTICE_SITE_URL=SITE)
def test_a_notice_is_stored_and_emailed_once_the_step_commits_with_an_absolute_link(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ada = _ada(cast)
    with django_capture_on_commit_callbacks(execute=True):
        note = send.notify(
            ada,
            kind="roles.proposal_returned",
            subject="Your proposal came back for changes: Data coach",
            body="The principal asks for changes.",
            link="/roles/proposals/7/",
        )
    assert note is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert f"{SITE}/roles/proposals/7/" in message.body
    assert f"{SITE}/notifications/settings/" in message.body
    note.refresh_from_db()
    assert note.email == EmailState.SENT


def test_a_step_that_rolls_back_sends_nothing(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    ada = _ada(cast)

    def failing_step() -> None:
        with transaction.atomic():
            send.notify(ada, kind="roles.offer_made", subject="Offer", body="…")
            raise RuntimeError("the step failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_step()
    assert mail.outbox == []
    assert not Notification.objects.exists()


@override_settings(LATTICE_SITE_URL=SITE + "/")
def test_a_person_on_the_daily_digest_gets_one_email_with_every_notice_of_the_day(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ada = _ada(cast)
    send.choose_delivery(ada, Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            send.notify(
                ada, kind="roles.offer_made", subject=f"Offer {n}", body="…", link=f"/x/{n}/"
            )
    assert mail.outbox == []  # kept for the digest
    assert send.send_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "3 notices" in body
    assert "Offer 0" in body
    assert "Offer 2" in body
    assert f"{SITE}/x/1/" in body  # one slash, absolute
    assert send.send_digests() == 0  # each notice goes out once


def test_switching_back_to_immediate_sends_what_was_kept_for_the_digest(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ada = _ada(cast)
    send.choose_delivery(ada, Delivery.DAILY)
    send.notify(ada, kind="roles.offer_made", subject="Kept", body="…")
    with django_capture_on_commit_callbacks(execute=True):
        send.choose_delivery(ada, Delivery.IMMEDIATE)
    assert len(mail.outbox) == 1
    assert "Kept" in mail.outbox[0].body


def test_a_person_who_wants_no_email_still_sees_every_notice_in_lattice(cast: Cast) -> None:
    ada = _ada(cast)
    send.choose_delivery(ada, Delivery.NONE)
    note = send.notify(ada, kind="roles.offer_made", subject="Offer", body="…")
    assert note is not None
    assert note.email == EmailState.SKIPPED
    assert send.unread_count(ada) == 1


def test_the_daily_digest_is_a_job_on_the_scheduler() -> None:
    job = next(j for j in schedule.jobs() if j.name == DIGEST)
    assert job.every.days == 1
    assert job.at is not None


def test_a_kind_no_app_registered_is_refused(cast: Cast) -> None:
    with pytest.raises(kinds.UnknownNoticeKind):
        send.notify(cast.user("teacher"), kind="roles.typo", subject="x", body="y")


def test_every_workflow_step_waiting_on_a_person_has_a_registered_kind() -> None:
    registered = {k.key for k in kinds.all_kinds()}
    assert {
        "roles.panel_seated",
        "roles.offer_made",
        "roles.proposal_waiting",
        "roles.proposal_returned",
        "roles.proposal_approved",
        "roles.application_decided",
        "pathways.claim_verified",
        "pathways.review_assigned",
        "pathways.application_decided",
        "imports.applied",
        "imports.failed",
        "forecasts.finished",
    } <= registered


def test_notices_made_while_the_demo_works_are_never_emailed(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    ada = _ada(cast)
    with django_capture_on_commit_callbacks(execute=True), send.without_email():
        note = send.notify(ada, kind="roles.offer_made", subject="Offer", body="…")
    assert mail.outbox == []
    assert note is not None
    assert note.email == EmailState.SKIPPED


def test_the_notifications_page_lists_them_and_marks_them_all_read(
    cast: Cast, client_for: Any
) -> None:
    send.notify(
        cast.user("teacher"), kind="roles.offer_made", subject="You are offered X", body="…"
    )
    client = client_for("teacher")
    page = client.get("/notifications/").content.decode()
    assert "You are offered X" in page
    assert "You were offered a role" in page
    assert client.post("/notifications/").status_code == 302
    assert send.unread_count(cast.user("teacher")) == 0
    assert AuditEntry.objects.filter(action="notifications.notice.mark_read").exists()


def test_the_header_shows_how_many_notices_are_unread(cast: Cast, client_for: Any) -> None:
    for n in range(2):
        send.notify(cast.user("principal"), kind="roles.proposal_waiting", subject=f"P{n}", body="")
    page = client_for("principal").get("/notifications/settings/").content.decode()
    assert 'class="notices-link">Notifications <span class="count">2' in page


def test_a_person_chooses_a_daily_digest_on_the_settings_page(cast: Cast, client_for: Any) -> None:
    client = client_for("officer")
    assert client.post("/notifications/settings/", {"delivery": "daily"}).status_code == 302
    assert send.delivery_of(cast.user("officer")) == Delivery.DAILY
    entry = AuditEntry.objects.get(action="notifications.preference.change")
    assert entry.after == {"delivery": "daily"}
    bad = client.post("/notifications/settings/", {"delivery": "hourly"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()


def test_the_home_page_lists_what_waits_on_the_person(
    cast: Cast, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources: dict[str, waiting.WaitingSource] = {}
    monkeypatch.setattr(waiting, "_sources", sources)
    waiting.register(
        waiting.WaitingSource(
            "test", lambda user: [waiting.WaitingItem("Score 2 applications", "/roles/")]
        )
    )
    page = client_for("teacher").get("/me/").content.decode()
    assert "Waiting for you" in page
    assert "Score 2 applications" in page
