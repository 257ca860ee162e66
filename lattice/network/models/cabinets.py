"""A network cabinet: a councils body of kind "network cabinet" and scope "the network",
which the network office or a member district convenes for the whole network. The body, its
seats, meetings and votes live in the councils app; this row says which network it serves."""

from __future__ import annotations

from django.db import models

from lattice.councils.models import Body
from lattice.people.models import Network


class NetworkCabinet(models.Model):
    """Which network a network-cabinet body serves (its host district keeps the body).

    Personal data: none.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.body} of {self.network}"
