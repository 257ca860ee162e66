"""API tokens: a secret shown once, kept only as its SHA-256 digest, scoped and expiring."""

from __future__ import annotations

import datetime as dt
import ipaddress

from django.conf import settings
from django.db import models
from django.utils import timezone

from lattice.people.models import District


class ApiToken(models.Model):
    """A credential a district's system calls the API with, acting as ``owner``.

    The token reaches what its owner may see on the pages (the owner's year-scoped access),
    only in ``district``, and only through its ``scopes``. ``digest`` is the SHA-256 of the
    secret; the secret itself is shown once when the token is created and never stored.
    ``prefix`` (the secret's first characters) lets an officer recognise a token in a log.

    Personal data: which account owns the token, who created and revoked it, when it was last
    used and from which address.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=120, help_text="What calls with it, e.g. “HR system”.")
    prefix = models.CharField(max_length=16, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    allowed_networks = models.JSONField(
        default=list, blank=True, help_text="Address ranges the token may call from (CIDR)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_from = models.GenericIPAddressField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def usable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now and self.owner.is_active

    def allows_address(self, address: str | None) -> bool:
        if not self.allowed_networks:
            return True
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(net, strict=False) for net in self.allowed_networks)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
