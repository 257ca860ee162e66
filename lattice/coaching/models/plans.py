"""A distributed-leadership plan: steps with owners, dates, milestones and measures (the
delivery-plan style), linked to the roles, coaching programs and bodies it sets up."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.coaching.models.coaching import CoachingProgram
from lattice.people.models import District, School, SchoolYear, StaffMember
from lattice.roles.models import LeadershipRole


class Plan(models.Model):
    """A school's (or the district's) plan for one approach in a school year.

    Personal data: none (step owners are named on :class:`PlanStep`).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    approach = models.CharField(max_length=24, help_text="Key of the approach the plan builds.")
    title = models.CharField(max_length=160)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_year__start", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "school", "school_year"], name="one_plan_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanStep(models.Model):
    """One step of a plan. A step may set up a leadership role (``role``, with how many
    ``positions``: its cost comes from the role catalogue), a coaching program, or a body it
    forms or links (``body_former`` and ``body_ref``: the app that keeps the body and its id
    there, read through :mod:`lattice.lib.plan_links`, because councils is a sibling app).

    Personal data: who owns the step.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField()
    milestone = models.BooleanField(default=False)
    measure = models.CharField(
        max_length=200, blank=True, help_text="How we will know the step worked."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField(null=True, blank=True)
    role = models.ForeignKey(
        LeadershipRole, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    positions = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    program = models.ForeignKey(
        CoachingProgram, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_former = models.CharField(
        max_length=40,
        blank=True,
        help_text="The app keeping the body this step forms or links (lattice.lib.plan_links).",
    )
    body_ref = models.PositiveIntegerField(
        null=True, blank=True, help_text="The body's id in that app."
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body_former="", body_ref__isnull=True)
                | (~models.Q(body_former="") & models.Q(body_ref__isnull=False)),
                name="step_body_former_and_ref_together",
            )
        ]

    def __str__(self) -> str:
        return self.title
