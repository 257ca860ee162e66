"""Failed password sign-ins, kept for a day to slow guessing (lattice.accounts.throttle)."""

from __future__ import annotations

from django.db import models


class FailedSignIn(models.Model):
    """One wrong password (or unknown username) at the log-in form.

    ``trusted_device`` names the device cookie the browser presented when it was valid for
    the username: failures from a known device count against that device only, so a
    stranger's guesses never slow the account holder on their own computer.

    Personal data: the username typed and the client's IP address; deleted after a day.
    """

    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    trusted_device = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="failed_signin_user_at"),
            models.Index(fields=["ip_address", "at"], name="failed_signin_ip_at"),
            models.Index(fields=["trusted_device", "at"], name="failed_signin_device_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.at:%Y-%m-%d %H:%M}"
