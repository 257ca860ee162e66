"""Webhooks: a change of facts arrives signed at a receiver on 127.0.0.1, failures are
retried with backoff through the task queue, every attempt is logged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from lattice.api import actions, webhooks
from lattice.api.models import WebhookDelivery
from lattice.api.models.webhooks import DeliveryStatus
from lattice.api.tasks import retry_due_webhooks
from lattice.people import actions as people_actions
from tests.api.receiver import Receiver, receiver
from tests.cast import Cast


@pytest.fixture
def hook() -> Any:
    with receiver() as found:
        yield found


def _subscribe(cast: Cast, hook: Receiver, events: tuple[str, ...] = ()) -> str:
    made = actions.create_subscription(
        cast.user("officer"), cast.district, url=hook.url, events=events, allow_http=True
    )
    return made.secret


def _rate(cast: Cast, capture: Any, label: str = "Highly Effective") -> None:
    with capture(execute=True):
        people_actions.record_rating(cast.user("officer"), cast.principal_staff, cast.year, label)


def test_a_recorded_rating_arrives_signed(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    secret = _subscribe(cast, hook)
    _rate(cast, django_capture_on_commit_callbacks)
    assert len(hook.requests) == 1
    got = hook.requests[0]
    assert webhooks.verify(secret, got.body, got.headers[webhooks.SIGNATURE_HEADER])
    payload = json.loads(got.body)
    assert payload["type"] == "facts.rating"
    assert payload["district"] == "northfield"
    assert payload["staff_ids"] == [cast.principal_staff.pk]
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_a_delivery_carries_no_names_ratings_or_pay(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _subscribe(cast, hook)
    _rate(cast, django_capture_on_commit_callbacks)
    body = hook.requests[0].body.decode()
    for private in ("Pat", "Principal", "Highly Effective"):
        assert private not in body


def test_a_signature_with_another_secret_or_an_old_timestamp_fails(cast: Cast) -> None:
    body = b'{"type": "facts.rating"}'
    now = 1_800_000_000
    header = webhooks.sign("whsec_right", body, now)
    assert webhooks.verify("whsec_right", body, header, now=now + 10)
    assert not webhooks.verify("whsec_wrong", body, header, now=now + 10)
    assert not webhooks.verify("whsec_right", body, header, now=now + 600)
    assert not webhooks.verify("whsec_right", body + b" ", header, now=now + 10)


def test_a_subscription_hears_only_the_kinds_it_chose(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _subscribe(cast, hook, events=("hire",))
    _rate(cast, django_capture_on_commit_callbacks)
    assert hook.requests == []


def test_another_districts_change_is_not_sent(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _subscribe(cast, hook)
    with django_capture_on_commit_callbacks(execute=True):
        people_actions.record_rating(
            None, cast.other_district_teacher_staff, cast.other_year, "Effective"
        )
    assert hook.requests == []


def test_a_failed_delivery_is_retried_with_backoff_until_it_arrives(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _subscribe(cast, hook)
    hook.answers = [503, 500]
    _rate(cast, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    first_wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < first_wait <= dt.timedelta(minutes=1)

    retry_due_webhooks.enqueue()  # nothing due yet
    assert len(hook.requests) == 1

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    retry_due_webhooks.enqueue()
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (2, 500)
    assert delivery.next_attempt_at - timezone.now() > dt.timedelta(minutes=1, seconds=50)

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    retry_due_webhooks.enqueue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert len(hook.requests) == 3
    assert len({r.headers["Lattice-Delivery"] for r in hook.requests}) == 1


def test_a_delivery_gives_up_after_the_last_attempt(
    cast: Cast, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    _subscribe(cast, hook)
    hook.answers = [500] * webhooks.MAX_ATTEMPTS
    _rate(cast, django_capture_on_commit_callbacks)
    for _ in range(webhooks.MAX_ATTEMPTS):
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        retry_due_webhooks.enqueue()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", webhooks.MAX_ATTEMPTS)
    assert delivery.last_error == "the receiver answered 500"


def test_an_unreachable_receiver_is_logged_not_raised(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    actions.create_subscription(
        cast.user("officer"), cast.district, url="http://127.0.0.1:9/", allow_http=True
    )
    _rate(cast, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_error.startswith("could not reach the receiver")


def test_only_https_endpoints_may_subscribe(cast: Cast) -> None:
    with pytest.raises(actions.ApiSetupError) as caught:
        actions.create_subscription(cast.user("officer"), cast.district, url="http://hr.example")
    assert caught.value.field == "url"


def test_backoff_doubles_up_to_six_hours() -> None:
    waits = [webhooks.backoff(n) for n in range(1, 12)]
    assert waits[:4] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(waits) == dt.timedelta(hours=6)


def test_a_webhook_arrives_signed_after_a_claim_is_approved(
    cast: Cast,
    hook: Receiver,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    from lattice.pathways.actions import verify_claim
    from tests.pathways.world import build_world

    settings.MEDIA_ROOT = tmp_path / "private"
    claim = build_world(cast).pending_claim
    secret = _subscribe(cast, hook, events=("claim",))
    with django_capture_on_commit_callbacks(execute=True):
        verify_claim(cast.user("officer"), claim)
    assert len(hook.requests) == 1
    got = hook.requests[0]
    assert webhooks.verify(secret, got.body, got.headers[webhooks.SIGNATURE_HEADER])
    assert json.loads(got.body)["type"] == "facts.claim"
    assert json.loads(got.body)["staff_ids"] == [cast.teacher_staff.pk]
