"""In-app notices and each person's choice of how to receive them by email."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EmailState(models.TextChoices):
    PENDING = "pending", "Waiting for the daily digest"
    SENT = "sent", "Emailed"
    SKIPPED = "skipped", "Not emailed (no address, or demo data)"
    FAILED = "failed", "The mail server refused it"


class Notification(models.Model):
    """A message to one account: a claim verified, a proposal returned, a review to score …

    Personal data: the message, which may name a person's claim, standing or outcome.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=80)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True, help_text="A path on this site.")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=8, choices=EmailState.choices, default=EmailState.PENDING)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notice_unread"),
            models.Index(fields=["email", "created_at"], name="notice_email_due"),
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "Each notice as it happens"
    DAILY = "daily", "One digest a day"
    NONE = "none", "No email: I read them in Lattice"


class Preference(models.Model):
    """How one person wants notices by email; without a row, each is emailed at once.

    Personal data: the person's choice.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"
