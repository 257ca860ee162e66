"""The decision register: Loomio's outcome, tied to the meeting, agenda item and vote."""

from __future__ import annotations

from django.db import models

from lattice.councils.models.bodies import Body
from lattice.councils.models.meetings import AgendaItem, Meeting
from lattice.councils.models.votes import Poll, Proposal
from lattice.people.models import StaffMember


class DecisionStatus(models.TextChoices):
    ADOPTED = "adopted", "Adopted"
    IN_PROGRESS = "in_progress", "Being carried out"
    DONE = "done", "Carried out"
    SUPERSEDED = "superseded", "Superseded"


class Decision(models.Model):
    """What a body decided, by which vote, who carries it out and when it is reviewed.

    ``carried_out_as`` names the Lattice record the decision made (e.g. the catalogue role
    it created) once it has been carried out. Personal data: who carries it out.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="decisions")
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    poll = models.ForeignKey(
        Poll, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.TextField()
    vote_summary = models.CharField(max_length=300, blank=True)
    decided_on = models.DateField()
    owner = models.ForeignKey(
        StaffMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who carries the decision out.",
    )
    review_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.ADOPTED
    )
    carried_out_as = models.CharField(max_length=200, blank=True)
    review_reminded_for = models.DateField(
        null=True,
        blank=True,
        help_text="The review date the reminder went out for (one reminder a review date).",
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.statement[:120]
