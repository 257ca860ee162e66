"""Proposals and polls: Loomio's poll/option/stance model, with Decidim's secret ballot.

A secret ballot is stored apart from the record of who voted: the voter's row of the
eligibility snapshot (:class:`EligibleVoter`, written when the poll opened) is marked
``voted`` (one ballot each), a :class:`Ballot` holds the choices under an opaque random id
with no person, no user and no timestamp, and when a secret poll closes its ballots and its
snapshot are rewritten in an order that says nothing about the order of voting, so nobody
— the superuser reading the database included — can join the two (docs/councils.md, "What
a secret ballot hides, and when"). An open (named) poll's ballot names its voter, and a
voter may change it.

Voting shares: each eligible voter's share (their seat's votes) is copied into the snapshot
when the poll opens. A named ballot carries that share as its ``weight``; a secret ballot is
written as one weight-1 row per share, so no row's weight points to its voter.

Proxies: where the bylaws allow, a member hands their vote in one poll to another member
(:class:`Proxy`). The holder casts it as a separate ballot: a named one says who gave and
who cast it; a secret one says neither.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from lattice.councils.models.bodies import Body, Seat
from lattice.councils.models.meetings import AgendaItem, Meeting
from lattice.people.models import StaffMember


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    PERMITTED = "permitted", "Seconded, awaiting a vote"
    VOTING = "voting", "Being voted on"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    NOT_DECIDED = "not_decided", "Not decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Proposal(models.Model):
    """A motion raised by a member: the problem, the proposal, why, and what it costs.

    Personal data: who raised it.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=200)
    problem = models.TextField()
    proposal = models.TextField()
    rationale = models.TextField(blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    raised_by = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    # What the decision carries out in Lattice once passed (lattice.councils.carry_out).
    carries_out = models.CharField(max_length=24, blank=True)
    carry_out_fields = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class PollKind(models.TextChoices):
    YES_NO = "yes_no", "Yes / no / abstain"
    CONSENT = "consent", "Consent (an objection blocks)"
    SCORE = "score", "Score each option 0–5"
    RANKED = "ranked", "Ranked choice (instant runoff)"
    ELECTION = "election", "Election for seats"


class Threshold(models.TextChoices):
    MAJORITY = "majority", "More than half"
    TWO_THIRDS = "two_thirds", "Two-thirds"
    UNANIMOUS = "unanimous", "Unanimous"


class Base(models.TextChoices):
    CAST = "cast", "of the votes cast (abstentions not counted)"
    PRESENT = "present", "of the members present"
    SEATS = "seats", "of all filled seats"


class PollStatus(models.TextChoices):
    NOMINATING = "nominating", "Taking nominations"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Poll(models.Model):
    """A vote on a proposal, or an election for seats.

    ``anonymous`` and ``hide_results`` are one-way switches: once on, the actions refuse to
    turn them off. Personal data: none (see :class:`Ballot` and :class:`EligibleVoter`).
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="polls")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="polls"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="polls"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=PollKind.choices)
    threshold = models.CharField(
        max_length=10, choices=Threshold.choices, default=Threshold.MAJORITY
    )
    base = models.CharField(max_length=8, choices=Base.choices, default=Base.CAST)
    anonymous = models.BooleanField(default=False)
    hide_results = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=PollStatus.choices, default=PollStatus.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    seats = models.ManyToManyField(Seat, blank=True, related_name="elections")
    # How many ballots came from members recorded absent or excused from the poll's
    # meeting: a count on the poll, never a mark on a ballot, so a secret ballot stays
    # unlinkable to the (known) absentees.
    absentee_ballots = models.PositiveIntegerField(default=0)
    # How many votes were cast by proxy: again a count on the poll, never a mark on a
    # secret ballot.
    proxy_ballots = models.PositiveIntegerField(default=0)
    # The count when closed: what won and why, in plain words, and the figures.
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class PollOption(models.Model):
    """A choice on a poll; an election's options are candidates with their statements.

    Personal data: a candidate's name and statement.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=160)
    meaning = models.CharField(max_length=10, blank=True, help_text="yes, no, abstain, object")
    candidate = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "candidate"],
                condition=Q(candidate__isnull=False),
                name="one_candidacy_a_poll",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EligibleVoter(models.Model):
    """The snapshot of who may vote, taken when the poll opens, and whether each has voted
    (one ballot each). Carries no choice.

    "Has voted" is a mark on this row rather than a row written per vote, so the rows of
    who voted are in snapshot order, never in the order of voting; a secret poll's snapshot
    is rewritten when it closes (a database may move an updated row).

    Personal data: who was eligible to vote, and that they voted.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="eligible")
    voter = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    # The voter's seat's share when the poll opened (1 for an election's electorate).
    share = models.PositiveSmallIntegerField(default=1)
    voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter"], name="one_eligibility_a_poll"),
            models.CheckConstraint(condition=Q(share__gte=1), name="an_eligible_voter_has_a_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.voter} may vote in {self.poll}"


class Ballot(models.Model):
    """The choices of one voter. In a secret poll ``voter`` and ``cast_by`` are empty, the
    weight is 1 and the id is random, so the ballot cannot be joined to its voter's
    :class:`EligibleVoter` mark (a voter with a share of 3 leaves three identical rows); at
    closing the poll's ballots are rewritten in random order under new ids.

    ``choices`` maps option ids (as text) to a value: 1 for a chosen option, a score, or a
    rank (1 = first preference); the count multiplies each ballot by its ``weight``. A named
    ballot cast by proxy names the giver as ``voter`` and the holder as ``cast_by``.
    Personal data: in an open poll, how the named voter voted and who cast it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cast_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    weight = models.PositiveSmallIntegerField(default=1)
    choices = models.JSONField()
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter"],
                condition=Q(voter__isnull=False),
                name="one_named_ballot_a_voter",
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="a_ballot_weighs_one_or_more"),
            models.CheckConstraint(
                condition=Q(voter__isnull=False) | (Q(cast_by__isnull=True) & Q(weight=1)),
                name="a_secret_ballot_names_nobody",
            ),
        ]

    def __str__(self) -> str:
        return f"A ballot in {self.poll}"


class Proxy(models.Model):
    """A member's vote in one poll, handed to another member who casts it for them where
    the body's bylaws allow proxies. Revocable until either of them has voted; one per giver
    a poll; a holder holds no more than the bylaws' number, and gives none (no chains).

    Personal data: who gave whom their vote (never how it was cast).
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="proxies")
    giver = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    holder = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "giver"], name="one_proxy_a_giver"),
            models.CheckConstraint(
                condition=~Q(giver=models.F("holder")), name="a_proxy_goes_to_another"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver}'s vote in {self.poll}, held by {self.holder}"


class ProposalAttachment(models.Model):
    """A file that goes with a proposal (a quote, a draft policy, survey results), checked
    by ``lattice.lib.uploads`` and kept in the private store under a random name; it is
    shown to whoever sees the proposal. Personal data: who attached it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="councils/attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    attached_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attached_at", "id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.proposal})"
