"""Webhooks: tell a district's systems that facts about its people changed.

The API app listens on the facts-changed seam (``lattice.lib.facts``): every write of a
rating, credit, assignment, hire, exit, claim decision, role served, policy… announces
itself there. After the writer's transaction commits, one delivery per interested
subscription is stored and the task queue sends it (``lattice.api.tasks``).

The payload is thin — the kind of change, the district, the staff ids, the date it counts
from — never names, ratings or pay: the receiver reads those through the API with a token
whose scopes say what it may see, so a webhook endpoint never holds more than its token
could read.

Each delivery is signed like Stripe's and Standard Webhooks': the header
``Lattice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`` with the
subscription's secret. A receiver recomputes the HMAC, compares in constant time and
refuses a timestamp older than five minutes (a replay). Failed deliveries are retried with
exponential backoff (1 minute, 2, 4 … up to six hours) for :data:`MAX_ATTEMPTS` tries (about
20 hours), each attempt logged on the delivery.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from typing import Any

import httpx
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lattice.api.models import WebhookDelivery, WebhookSubscription
from lattice.api.models.webhooks import DeliveryStatus
from lattice.lib.facts import FactsChanged

SIGNATURE_HEADER = "Lattice-Signature"
EVENT_HEADER = "Lattice-Event"
TOLERANCE = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 12  # 1 + 2 + 4 … + 256 minutes, then six-hourly: about 20 hours
TIMEOUT_SECONDS = 10.0
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, now: float | None = None) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` within the tolerance (what a
    receiver does; the tests' receiver uses it)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE.total_seconds():
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed try."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def payload_for(event: FactsChanged, event_id: str, district_key: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": f"facts.{event.kind.value}",
        "district": district_key,
        "staff_ids": None if event.staff_ids is None else sorted(event.staff_ids),
        "everyone": event.everyone,
        "on": event.on,
        "occurred_at": timezone.now(),
    }


def on_facts_changed(event: FactsChanged) -> None:
    """The facts listener: after the commit, store and send one delivery per subscription
    of the district that wants this kind. Cheap inside the writer's transaction (nothing but
    the on-commit hook is done there)."""
    transaction.on_commit(lambda: enqueue_deliveries(event))


def enqueue_deliveries(event: FactsChanged) -> list[int]:
    subscriptions = [
        s
        for s in WebhookSubscription.objects.filter(
            district_id=event.district_id, enabled=True
        ).select_related("district")
        if s.wants(event.kind.value)
    ]
    ids = []
    for subscription in subscriptions:
        # The first try is enqueued now; the retry job picks the delivery up only if that
        # try never happens (a crashed worker), a minute later.
        delivery = WebhookDelivery(
            subscription=subscription,
            kind=event.kind.value,
            payload={},
            next_attempt_at=timezone.now() + FIRST_RETRY,
        )
        delivery.payload = json.loads(
            json.dumps(
                payload_for(event, str(delivery.event_id), subscription.district.key),
                cls=DjangoJSONEncoder,
            )
        )
        delivery.save()
        ids.append(delivery.pk)
    if ids:
        from lattice.api.tasks import deliver_webhook

        for pk in ids:
            deliver_webhook.enqueue(pk)
    return ids


def attempt(delivery: WebhookDelivery, client: httpx.Client | None = None) -> WebhookDelivery:
    """Send one delivery once and record the outcome; schedule the next try on failure."""
    if delivery.status != DeliveryStatus.PENDING:
        return delivery
    # Claim the try (one conditional UPDATE), so two workers never send the same one.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
    ).update(
        attempts=F("attempts") + 1,
        next_attempt_at=timezone.now() + FIRST_RETRY + dt.timedelta(seconds=TIMEOUT_SECONDS),
    )
    if not claimed:
        return delivery
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Lattice-Webhooks/1",
        EVENT_HEADER: delivery.payload.get("type", ""),
        SIGNATURE_HEADER: sign(subscription.secret, body, int(time.time())),
        "Lattice-Delivery": str(delivery.event_id),
    }
    delivery.attempts += 1
    error = ""
    code: int | None = None
    try:
        if client is None:
            with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as own:
                response = own.post(subscription.url, content=body, headers=headers)
        else:
            response = client.post(subscription.url, content=body, headers=headers)
        code = response.status_code
        if not 200 <= code < 300:
            error = f"the receiver answered {code}"
    except httpx.HTTPError as exc:
        error = f"could not reach the receiver: {exc.__class__.__name__}: {exc}"[:300]
    now = timezone.now()
    delivery.last_status_code = code
    delivery.last_error = error
    if not error:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts", "status", "delivered_at", "next_attempt_at", "last_status_code",
            "last_error",
        ]
    )  # fmt: skip
    return delivery


def due_deliveries(now: dt.datetime | None = None) -> list[int]:
    """Pending deliveries whose next try is due (a retry, or a first try a crashed worker
    never made)."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, subscription__enabled=True
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
