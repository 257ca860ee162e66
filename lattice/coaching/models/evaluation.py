"""Who evaluates whom: the evaluative side of the feedback map (principals, assistant
principals, secondary evaluators and PAR consulting teachers)."""

from __future__ import annotations

from django.db import models

from lattice.people.models import School, SchoolYear, StaffMember


class Approach(models.TextChoices):
    """Who gives a teacher feedback, from formal to informal (the DESE planning guide's four
    approaches, plus the principal and assistant principal who evaluate without one)."""

    PRINCIPAL = "principal", "Principal"
    ASSISTANT_PRINCIPAL = "assistant_principal", "Assistant principal"
    PAR = "par", "Peer Assistance and Review"
    SECONDARY_EVALUATOR = "secondary_evaluator", "Secondary evaluator"
    INSTRUCTIONAL_COACH = "instructional_coach", "Instructional coach"
    COLLABORATIVE_LEARNING = "collaborative_learning", "Collaborative learning"


EVALUATIVE_APPROACHES = (
    Approach.PRINCIPAL,
    Approach.ASSISTANT_PRINCIPAL,
    Approach.PAR,
    Approach.SECONDARY_EVALUATOR,
)


class EvaluationAssignment(models.Model):
    """An evaluator assigned to evaluate a teacher for a school year, in one approach.

    PAR consulting teachers write in the peer-review capacity, everyone else in the evaluation
    capacity; neither ever reads what was written in a coaching capacity.

    Personal data: who evaluates whom, and whether the evaluation is formative or summative.
    """

    class Use(models.TextChoices):
        FORMATIVE = "formative", "Formative (feedback only)"
        SUMMATIVE = "summative", "Summative (counts in the rating)"

    evaluator = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    teacher = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    approach = models.CharField(
        max_length=24, choices=[(a.value, a.label) for a in EVALUATIVE_APPROACHES]
    )
    use = models.CharField(max_length=10, choices=Use.choices, default=Use.SUMMATIVE)

    class Meta:
        ordering = ["school_year__start", "teacher__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluator", "teacher", "school_year"], name="one_evaluation_a_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(evaluator=models.F("teacher")),
                name="evaluator_is_not_the_teacher",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} evaluating {self.teacher} ({self.school_year})"

    @property
    def capacity(self) -> str:
        return "peer_review" if self.approach == Approach.PAR else "evaluation"
