"""Background work of the API app: sending webhook deliveries, and retrying the due ones.

The first try is enqueued when the change commits; a failed try is left pending with its
next time, and the periodic job (every minute, ``lattice.lib.schedule``) enqueues the due
ones — so retries survive a crashed worker and never depend on one staying alive.
"""

from __future__ import annotations

from django_tasks import task

from lattice.api import webhooks
from lattice.api.models import WebhookDelivery

RETRIES = "api.webhook-retries"


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"
    return webhooks.attempt(delivery).status


@task()
def retry_due_webhooks() -> int:
    due = webhooks.due_deliveries()
    for pk in due:
        deliver_webhook.enqueue(pk)
    return len(due)
