"""Coaching programs, who coaches whom, coaching cycles and every interaction with the
capacity it was written in (the confidentiality wall: lattice.coaching.wall)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.lib.formatting import day
from lattice.people.models import District, Position, School, SchoolYear, StaffMember
from lattice.roles.models import LeadershipRole


class Capacity(models.TextChoices):
    """The capacity an interaction was written in, frozen when written. Coaching and mentoring
    are behind the wall; evaluation and peer review (PAR) are evaluative."""

    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    EVALUATION = "evaluation", "Evaluation"
    PEER_REVIEW = "peer_review", "Peer review (PAR)"


SUPPORT_CAPACITIES = (Capacity.COACHING, Capacity.MENTORING)
EVALUATIVE_CAPACITIES = (Capacity.EVALUATION, Capacity.PEER_REVIEW)


class ReferralReason(models.TextChoices):
    NEW_TEACHER = "new_teacher", "New to teaching or to the district"
    REQUESTED = "requested", "Requested by the teacher"
    STRUGGLING = "struggling", "Needs support with practice"


def default_eligible_positions() -> list[str]:
    return [Position.TEACHER.value, Position.INSTRUCTIONAL_COACH.value]


def default_referral_reasons() -> list[str]:
    return [reason.value for reason in ReferralReason]


class CoachingProgram(models.Model):
    """A district's coaching or mentoring program (Springfield's Effective Educator Coach).

    ``coach_role`` is the leadership role whose holders coach in it (the roles app assigns
    it); ``eligible_positions`` are the staff positions that may be coached — any educator the
    district chooses (New Bedford), never hard-coded to classroom teachers.

    Personal data: none (who is coached is a :class:`CoachAssignment`).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    purpose = models.TextField()
    capacity = models.CharField(
        max_length=12,
        choices=[(c.value, c.label) for c in SUPPORT_CAPACITIES],
        default=Capacity.COACHING,
        help_text="Coaching or mentoring: both stay behind the confidentiality wall.",
    )
    coach_role = models.ForeignKey(
        LeadershipRole,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Coaches are the people holding this role in the school year.",
    )
    caseload_limit = models.PositiveSmallIntegerField(
        default=8, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    eligible_positions = models.JSONField(default=default_eligible_positions)
    referral_reasons = models.JSONField(default=default_referral_reasons)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["district", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="one_program_name")
        ]

    def __str__(self) -> str:
        return self.name

    def eligible_labels(self) -> list[str]:
        labels = dict(Position.choices)
        return [str(labels.get(p, p)) for p in self.eligible_positions]

    def reason_labels(self) -> list[str]:
        labels = dict(ReferralReason.choices)
        return [str(labels.get(r, r)) for r in self.referral_reasons]


class SupportRequest(models.Model):
    """A teacher asking for support (New Bedford: support is requested by teachers).

    Personal data: who asked, the focus they chose, and their message (coaching content:
    the teacher's own and, once matched, their coach's to read).
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a coach"
        MATCHED = "matched", "Matched with a coach"
        WITHDRAWN = "withdrawn", "Withdrawn"

    program = models.ForeignKey(CoachingProgram, on_delete=models.CASCADE, related_name="requests")
    teacher = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    focus = models.CharField(max_length=120, help_text="What you would like support with.")
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Support request of {self.teacher} ({self.school_year})"


class CoachAssignment(models.Model):
    """A coach working with a teacher in a program for a school year.

    Who works with whom, since when, why and on what (``focus``) is what a principal may
    know ("whom and what on"); everything written in the assignment is behind the wall.

    Personal data: the coaching relationship, its reason, focus, dates and the teacher's
    consent.
    """

    program = models.ForeignKey(
        CoachingProgram, on_delete=models.PROTECT, related_name="assignments"
    )
    coach = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    teacher = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=12, choices=ReferralReason.choices)
    focus = models.CharField(max_length=120, help_text="What the coaching is about, in a phrase.")
    request = models.OneToOneField(
        SupportRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignment"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    teacher_consent = models.BooleanField(
        null=True, help_text="None until the teacher answers; coaching starts with a yes."
    )
    consent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["school_year__start", "teacher__family_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(coach=models.F("teacher")), name="coach_is_not_the_teacher"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.coach} coaching {self.teacher} ({self.school_year})"

    @property
    def capacity(self) -> str:
        return self.program.capacity

    @property
    def consent_label(self) -> str:
        if self.teacher_consent is None:
            return "Waiting for the teacher's consent"
        return "Teacher agreed" if self.teacher_consent else "Teacher declined"


class CoachingCycle(models.Model):
    """One cycle of coaching (goal, visits, conversations, reflection) in an assignment.

    Personal data: the cycle's focus and dates (coaching content).
    """

    assignment = models.ForeignKey(CoachAssignment, on_delete=models.CASCADE, related_name="cycles")
    focus = models.CharField(max_length=160)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"Coaching cycle from {day(self.starts_on)}"


class Goal(models.Model):
    """A goal of a coaching cycle, owned by the teacher.

    Personal data: the goal's wording and status (coaching content).
    """

    class Status(models.TextChoices):
        WORKING = "working", "Working on it"
        MET = "met", "Met"
        REVISED = "revised", "Revised"

    cycle = models.ForeignKey(CoachingCycle, on_delete=models.CASCADE, related_name="goals")
    statement = models.CharField(max_length=300)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WORKING)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return "Coaching goal"


class GoalRight(models.TextChoices):
    """What a goal's collaborator may do; the rights are granted one by one."""

    VIEW = "view", "Read the goal, its evidence and reviews"
    EDIT = "edit", "Change the goal's wording and status"
    EVIDENCE = "evidence", "Add evidence to the goal"
    REVIEW = "review", "Review progress on the goal"


class GoalCollaborator(models.Model):
    """Someone the teacher invited to a coaching goal (a colleague, a department head, a
    mentor), with split rights: every collaborator may read the goal; editing it, adding
    evidence and reviewing are granted apart. A collaborator reads the goal and what is
    filed against it as evidence or a review — never the pair's visits, notes or
    conversations. Whoever evaluates the teacher cannot be one (the wall).

    Personal data: who collaborates on whose goal, with which rights.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="collaborators")
    person = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    may_edit = models.BooleanField(default=False)
    may_add_evidence = models.BooleanField(default=False)
    may_review = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "person"], name="one_collaborator_row")
        ]

    def __str__(self) -> str:
        return f"Collaborator on a coaching goal: {self.person}"

    @property
    def rights(self) -> frozenset[str]:
        found = {GoalRight.VIEW.value}
        if self.may_edit:
            found.add(GoalRight.EDIT.value)
        if self.may_add_evidence:
            found.add(GoalRight.EVIDENCE.value)
        if self.may_review:
            found.add(GoalRight.REVIEW.value)
        return frozenset(found)


class InteractionKind(models.TextChoices):
    VISIT = "visit", "Classroom visit"
    CONVERSATION = "conversation", "Conversation"
    NOTE = "note", "Note"
    EVIDENCE = "evidence", "Evidence"
    ACTION_STEP = "action_step", "Action step"
    REFLECTION = "reflection", "Reflection"
    OBSERVATION = "observation", "Observation"
    REVIEW = "review", "Review of a goal"


class Visibility(models.TextChoices):
    PRIVATE = "private", "Only me (the author)"
    PAIR = "pair", "The two of us"
    SHARED = "shared", "Shared by the teacher with the principal"


class Interaction(models.Model):
    """One thing written between a supporter or evaluator and a teacher: a visit, a
    conversation, a note, evidence, an action step or a reflection.

    ``capacity`` is copied from the assignment when written and never changes: what a coach
    wrote as a coach stays coaching content even after they become the teacher's evaluator.
    A ``score`` is private to its author unless ``score_shared``.

    Personal data: the content of coaching or evaluation conversations about a teacher.
    """

    coach_assignment = models.ForeignKey(
        CoachAssignment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    evaluation_assignment = models.ForeignKey(
        "coaching.EvaluationAssignment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    cycle = models.ForeignKey(
        CoachingCycle, null=True, blank=True, on_delete=models.CASCADE, related_name="interactions"
    )
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    author = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=InteractionKind.choices)
    capacity = models.CharField(max_length=12, choices=Capacity.choices)
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.PAIR)
    occurred_on = models.DateField()
    body = models.TextField()
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    score_shared = models.BooleanField(default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(coach_assignment__isnull=False, evaluation_assignment__isnull=True)
                    | models.Q(coach_assignment__isnull=True, evaluation_assignment__isnull=False)
                ),
                name="interaction_in_one_assignment",
            ),
        ]

    def __str__(self) -> str:
        # Never the content: this label is what the audit log shows.
        return f"{self.get_kind_display()} of {day(self.occurred_on)} ({self.capacity})"
