"""Grants of district-wide or network-wide access to user accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models.organisation import District, Network


class AccessGrant(models.Model):
    """A user's office-level role: talent officer of a district, or officer of a network.

    Teachers and principals need no grant: their scope follows from their own staff record and
    assignments (a principal sees a school for the years they lead it).

    Personal data: which account holds which office.
    """

    class Role(models.TextChoices):
        TALENT_OFFICER = "talent_officer", "District talent officer"
        NETWORK_OFFICER = "network_officer", "Network officer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role="talent_officer", district__isnull=False, network__isnull=True)
                    | models.Q(role="network_officer", network__isnull=False, district__isnull=True)
                ),
                name="grant_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "district", "network"], name="one_grant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.district or self.network}"
