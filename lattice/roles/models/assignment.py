"""Who holds which role in a school year, with release time, pay and the end-of-term review."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lattice.people.models import School, SchoolYear, StaffMember
from lattice.roles.models.catalogue import LeadershipRole, RoleType
from lattice.roles.models.selection import Application


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Renewal(models.TextChoices):
    PENDING = "pending", "Not decided"
    RENEW = "renew", "Renew for another term"
    END = "end", "Do not renew"


class RoleAssignment(models.Model):
    """A person holding a leadership role for a school year.

    Pay, release and extra days are copied from the role when assigned, so a later change to
    the catalogue never rewrites what a holder was promised. ``school`` is the holder's home
    school, whose classrooms need covering while they are released.

    Personal data: who holds which role, their stipend, release time, end-of-term reflection
    and the renewal decision.
    """

    role = models.ForeignKey(LeadershipRole, on_delete=models.PROTECT, related_name="assignments")
    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="role_assignments"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="assignment"
    )
    role_type = models.CharField(max_length=12, choices=RoleType.choices)
    release_fte = models.DecimalField(
        "release FTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    stipend_dollars = models.PositiveIntegerField(default=0)
    extra_days = models.PositiveSmallIntegerField(default=0)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(
        max_length=8, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    reflection = models.TextField(blank=True)
    renewal = models.CharField(max_length=8, choices=Renewal.choices, default=Renewal.PENDING)
    renewal_note = models.CharField(max_length=500, blank=True)
    renewal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["school_year__start", "role__title", "staff_member__family_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="role_assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["school_year", "status"], name="role_asg_by_year")]

    def __str__(self) -> str:
        return f"{self.staff_member} — {self.role.title} ({self.school_year})"


class LeadershipInterest(models.Model):
    """A teacher's stated interest in kinds of roles and how many they could hold at once.

    Personal data: the teacher's stated interests, maximum load and note.
    """

    staff_member = models.OneToOneField(
        StaffMember, on_delete=models.CASCADE, related_name="leadership_interest"
    )
    role_types = models.JSONField(default=list, blank=True)
    max_roles = models.PositiveSmallIntegerField(
        "most roles at once", default=1, validators=[MaxValueValidator(3)]
    )
    note = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"Interests of {self.staff_member}"


class StipendChange(models.Model):
    """A holder's stipend changed during their assignment, by a decision taken elsewhere (a
    council's decision carried out by the talent office).

    The assignment's ``stipend_dollars`` holds the stipend now; each change keeps what it was
    before and from which day the new amount is paid, so a pay date before the change still
    pays (and explains) the amount agreed then, and a date after it says who changed it.
    ``decided_by`` is that sentence ("the Northfield Leadership Board's decision of 20 Nov
    2026"), ``reference`` the record behind it (``councils.Decision:12``).

    Personal data: a holder's stipend before and after.
    """

    assignment = models.ForeignKey(
        RoleAssignment, on_delete=models.CASCADE, related_name="stipend_changes"
    )
    effective_from = models.DateField()
    before_dollars = models.PositiveIntegerField()
    after_dollars = models.PositiveIntegerField()
    decided_by = models.CharField(max_length=300)
    reference = models.CharField(max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assignment", "effective_from", "pk"]

    def __str__(self) -> str:
        return f"{self.assignment}: ${self.before_dollars:,} → ${self.after_dollars:,}"
