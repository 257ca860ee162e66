"""Convenings: the network's events, with sessions and speakers, registration up to each
session's capacity, attendance, and materials shared afterwards."""

from __future__ import annotations

from django.db import models

from lattice.network.models.library import Resource
from lattice.people.models import Network, StaffMember


class Convening(models.Model):
    """One event of the network (a day, or several), with its keynote.

    Personal data: none (speakers are named as published on the programme).
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="convenings")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200)
    keynote = models.CharField(max_length=300, blank=True, help_text="Speaker and title.")

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on})"


class ConveningSession(models.Model):
    """A session of a convening, with its speaker and the seats it has.

    Personal data: none.
    """

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    speaker = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(help_text="Seats; registration closes when full.")

    class Meta:
        ordering = ["starts_at", "title"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A staff member's seat at a session, and whether they attended (their own check-in).

    Personal data: who registered and attended; shown to nobody outside their own district
    (other members and the network office see counts).
    """

    session = models.ForeignKey(
        ConveningSession, on_delete=models.CASCADE, related_name="registrations"
    )
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "staff_member"], name="network_one_seat_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} at {self.session}"


class Material(models.Model):
    """Slides, notes or a library resource shared after a convening.

    Personal data: none.
    """

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["convening", "title"]

    def __str__(self) -> str:
        return self.title
