"""The trust pulse (Wakefield's "slow and steady: building trust"): a short recurring anonymous
survey of a district's staff on trust and shared leadership.

Anonymity is in the tables, not in the pages: a :class:`PulseReceipt` says a person answered a
round (so nobody answers twice) and carries no answer; a :class:`PulseResponse` carries the
answers and the school, under a random id, with no person, no user, no time and no reference
to a receipt, so no query can join the two. When a round closes, answers of a school with
fewer than :data:`MIN_RESPONSES` responses lose their school (pooled for the district), and a
pool still under that size is discarded: an answer that could only ever be shown alone is not
kept.
"""

from __future__ import annotations

import uuid

from django.db import models

from lattice.people.models import District, School, StaffMember

MIN_RESPONSES = 10

# The statements, each answered 1 (strongly disagree) to 5 (strongly agree). After the
# questions on relational trust of Bryk and Schneider (2002), "Trust in Schools", and on
# shared leadership of the Wallace Foundation's Learning from Leadership surveys (2010).
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("trust_colleagues", "I trust my colleagues at this school to do what is best for students."),
    ("safe_to_raise", "I can raise a concern here without worrying about what happens to me."),
    ("teacher_voice", "Teachers here have a real say in decisions that affect their work."),
    ("leaders_help", "The teacher leaders at my school help me improve my teaching."),
    ("shared_leadership", "Leadership at my school is shared, not held by one person."),
)
SCALE = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither",
    4: "Agree",
    5: "Strongly agree",
}


class PulseRound(models.Model):
    """One round of the pulse in a district, open from ``opens_on`` to ``closes_on``.

    Personal data: none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120)
    opens_on = models.DateField()
    closes_on = models.DateField()
    closed = models.BooleanField(default=False)
    questions = models.JSONField(help_text="The keys of the statements asked this round.")

    class Meta:
        ordering = ["district", "opens_on"]

    def __str__(self) -> str:
        return self.title


class PulseReceipt(models.Model):
    """That a person answered a round: one answer each. Carries no answer and no school.

    Personal data: that the person answered.
    """

    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="receipts")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "staff_member"], name="network_one_pulse_receipt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} answered {self.round}"


class PulseResponse(models.Model):
    """One person's answers, under a random id, with no person, user or time: it cannot be
    joined to its :class:`PulseReceipt`. ``answers`` maps a question key to 1-5.

    Personal data: none that names anyone (the school, until a small school's answers are
    pooled at the round's close).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField()

    def __str__(self) -> str:
        return f"An answer to {self.round}"
