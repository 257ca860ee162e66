"""Idempotent writes: the answer to a write, kept under the caller's ``Idempotency-Key``."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class IdempotentWrite(models.Model):
    """A write a caller (a token's owner or a signed-in user) made under an
    ``Idempotency-Key`` header, and the response it got, so a retried request (a timeout, a
    lost connection) gets the same answer instead of writing twice.
    ``request_digest`` tells a retry from a different request reusing the key.

    Personal data: the response body, which may name a person and the rating recorded.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_write_per_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
