"""Bodies (boards, councils, cabinets), the decision rights they hold, and their seats.

A body is Decidim's assembly made a district's own: its members are the district's staff,
each holding a :class:`Seat` with a position and a term, and who may sit comes from the
person's records (:mod:`lattice.councils.eligibility`), never typed by hand.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from lattice.people.models import District, Position, School, StaffMember


class BodyKind(models.TextChoices):
    LEADERSHIP_BOARD = "leadership_board", "Leadership board"
    SCHOOL_COUNCIL = "school_council", "School council"
    CURRICULUM_COUNCIL = "curriculum_council", "Curriculum council"
    EVALUATION_COUNCIL = "evaluation_council", "Evaluation council"
    ADVISORY_CABINET = "advisory_cabinet", "District advisory cabinet"
    NETWORK_CABINET = "network_cabinet", "Network cabinet"


class BodyScope(models.TextChoices):
    SCHOOL = "school", "One school"
    DISTRICT = "district", "The district"
    NETWORK = "network", "The network"


class Workflow(models.TextChoices):
    """OpenSlides' two motion workflows as presets."""

    SIMPLE = "simple", "Simple: submitted → accepted, rejected or not decided"
    FORMAL = "formal", "Formal: a proposal is seconded (permitted) before it goes to a vote"


class Body(models.Model):
    """A board or council: its purpose, place in the district, quorum rule and workflow.

    Personal data: none (its members are :class:`Seat` rows).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=24, choices=BodyKind.choices)
    purpose = models.TextField()
    scope = models.CharField(max_length=10, choices=BodyScope.choices, default=BodyScope.DISTRICT)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text="The school a school-scoped body serves.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    workflow = models.CharField(max_length=8, choices=Workflow.choices, default=Workflow.SIMPLE)
    quorum_percent = models.PositiveSmallIntegerField(
        default=50,
        help_text="Quorum: more than this share of the filled seats must be present.",
    )
    allows_absentee_votes = models.BooleanField(
        default=False,
        help_text="Bylaws: a member recorded absent or excused from a meeting may still vote "
        "in that meeting's polls.",
    )
    allows_proxies = models.BooleanField(
        default=False,
        help_text="Bylaws: a member may hand their vote in a poll to another member who votes "
        "in it (a proxy).",
    )
    proxies_per_holder = models.PositiveSmallIntegerField(
        default=1,
        help_text="Bylaws: how many proxies one member may hold in one poll.",
    )
    created_on = models.DateField(default=dt.date.today)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="one_body_name"),
            models.CheckConstraint(
                condition=Q(scope="school", school__isnull=False) | ~Q(scope="school"),
                name="school_body_names_school",
            ),
            models.CheckConstraint(
                condition=Q(proxies_per_holder__gte=1), name="a_proxy_holder_holds_one_or_more"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RightLevel(models.TextChoices):
    DECIDES = "decides", "Decides"
    RECOMMENDS = "recommends", "Recommends"
    CONSULTED = "consulted", "Is consulted"


class DecisionRight(models.Model):
    """What a body may do about one topic: decide, recommend, or be consulted.

    Personal data: none.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="rights")
    topic = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=RightLevel.choices)

    class Meta:
        ordering = ["topic"]
        constraints = [models.UniqueConstraint(fields=["body", "topic"], name="one_right_a_topic")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.topic}"


class SeatPosition(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    SECRETARY = "secretary", "Secretary"
    MEMBER = "member", "Member"
    LIAISON = "liaison", "Liaison"


class Selection(models.TextChoices):
    ELECTED = "elected", "Elected"
    APPOINTED = "appointed", "Appointed"
    EX_OFFICIO = "ex_officio", "Ex officio"


def default_eligible_positions() -> list[str]:
    """Who may sit on a seat unless the district says otherwise: classroom teachers and
    instructional coaches (the people app's teaching positions), as seats always were."""
    return [Position.TEACHER.value, Position.INSTRUCTIONAL_COACH.value]


class Seat(models.Model):
    """A place on a body: its position, constituency, term, how it is filled, who may sit
    (the eligibility rules, by name) and who holds it now.

    Personal data: who holds the seat and since when.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    label = models.CharField(max_length=120, help_text="e.g. Teacher seat, Alder")
    position = models.CharField(
        max_length=10, choices=SeatPosition.choices, default=SeatPosition.MEMBER
    )
    constituency = models.CharField(max_length=120, blank=True, help_text="e.g. Alder, Union")
    constituency_school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="When the seat represents one school, its holder must work there.",
    )
    constituency_district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="When a seat of a body spanning several districts (a network cabinet) "
        "represents one of them, its holder must work there.",
    )
    selection = models.CharField(
        max_length=10, choices=Selection.choices, default=Selection.ELECTED
    )
    term_years = models.PositiveSmallIntegerField(default=2)
    term_limit = models.PositiveSmallIntegerField(
        default=2, help_text="Consecutive terms one person may serve in this seat."
    )
    eligibility = models.JSONField(
        default=list, blank=True, help_text="Names of the eligibility rules a holder must meet."
    )
    # New Bedford: councils are open to whichever educators the district chooses per seat;
    # the "teacher" rule (lattice.councils.eligibility) reads these positions from the staff
    # records, never a hard-coded "teacher".
    eligible_positions = models.JSONField(
        "open to",
        default=default_eligible_positions,
        help_text="The staff positions (from the staff records) whose holders may sit on the "
        "seat when it needs its holder to hold one: teachers, librarians, nurses… as the "
        "district chooses.",
    )
    # The seat's voting weight under the bylaws (a seat standing for a larger constituency
    # may carry more votes); copied to the poll's snapshot of voters when a poll opens.
    share = models.PositiveSmallIntegerField(
        default=1, help_text="Votes the seat carries in the body's polls (its voting share)."
    )
    holder = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="seats"
    )
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    terms_served = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["body", "position", "label"]
        constraints = [models.CheckConstraint(condition=Q(share__gte=1), name="a_seat_has_a_vote")]

    def __str__(self) -> str:
        return f"{self.body}: {self.label}"

    def described(self) -> str:
        """The seat in words, each word once: its label, with its position where the label
        does not already say it ("Chair"; "Teacher seat, member")."""
        position = str(self.get_position_display())
        if position.lower() in self.label.lower():
            return self.label
        return f"{self.label}, {position.lower()}"

    def eligible_labels(self) -> list[str]:
        """The positions the seat is open to, as the staff records name them."""
        labels = dict(Position.choices)
        return [str(labels.get(p, p)) for p in self.eligible_positions]

    def open_to(self) -> str:
        """The positions the seat is open to in words, e.g. "teachers, librarians"."""
        return ", ".join(_plural(label.lower()) for label in self.eligible_labels())

    def held_on(self, day: dt.date) -> bool:
        return (
            self.holder_id is not None
            and self.term_start is not None
            and self.term_start <= day
            and (self.term_end is None or day <= self.term_end)
        )


def _plural(noun: str) -> str:
    if noun.endswith("staff"):
        return noun
    return noun + ("es" if noun.endswith(("ch", "s")) else "s")


def seats_held_q(day: dt.date, prefix: str = "") -> Q:
    """Q matching seats (via ``prefix``) held on ``day``."""
    p = prefix
    return Q(**{f"{p}holder__isnull": False, f"{p}term_start__lte": day}) & (
        Q(**{f"{p}term_end__isnull": True}) | Q(**{f"{p}term_end__gte": day})
    )
