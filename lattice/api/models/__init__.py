"""The API app's records: tokens, idempotent writes, webhook subscriptions and deliveries."""

from lattice.api.models.idempotency import IdempotentWrite
from lattice.api.models.tokens import ApiToken
from lattice.api.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = ["ApiToken", "IdempotentWrite", "WebhookDelivery", "WebhookSubscription"]
