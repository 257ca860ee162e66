"""Membership of a district in a network, as a history of joins and leaves."""

from __future__ import annotations

from django.db import models

from lattice.people.models import District, Network


class Membership(models.Model):
    """One period a district belonged to a network: from ``joined_on`` until ``left_on``
    (None while it is a member). The district's current network is also kept on the district
    itself (people's ``District.network``), which every aggregate page reads; the actions here
    change both together.

    Personal data: none.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["network", "district__name", "-joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(left_on__isnull=True),
                name="network_one_open_membership_per_district",
            )
        ]

    def __str__(self) -> str:
        until = f" until {self.left_on}" if self.left_on else ""
        return f"{self.district} in {self.network} from {self.joined_on}{until}"
