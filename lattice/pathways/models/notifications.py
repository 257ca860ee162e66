"""In-app notifications (each also sent by email when the person has an address)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """A message to one account: a claim verified, an application decided …

    Personal data: the message, which may name a person's claim, standing or outcome.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathway_notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject
