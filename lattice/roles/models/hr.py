"""HR positions as leadership roles: the district's reviewed mapping of HR position codes and
titles to catalogue roles, the link from each role assignment to the HR position it follows,
and the sync's state."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import Assignment, District, Position
from lattice.roles.models.assignment import RoleAssignment
from lattice.roles.models.catalogue import LeadershipRole


class PositionMapping(models.Model):
    """ "HR position X (whose title contains Y) is catalogue role Z", reviewed by an officer.

    ``title_contains`` empty means every title of that position; a rule with a title wins
    over the position-wide one. ``role`` empty records the officer's decision that the
    position is not a leadership role (so it is not listed as unmapped again).

    Personal data: none (who reviewed it).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    position = models.CharField(max_length=32, choices=Position.choices)
    title_contains = models.CharField(max_length=120, blank=True)
    role = models.ForeignKey(
        LeadershipRole,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="position_mappings",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["position", "title_contains"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "position", "title_contains"], name="one_rule_per_position"
            )
        ]

    def __str__(self) -> str:
        title = f" titled “…{self.title_contains}…”" if self.title_contains else ""
        return f"{self.get_position_display()}{title} → {self.role or 'not a leadership role'}"

    def matches(self, position: str, title: str) -> bool:
        return position == self.position and (
            not self.title_contains or self.title_contains.lower() in title.lower()
        )


class HrRoleLink(models.Model):
    """The HR position a role assignment follows (made by the HR sync, or adopted by it).

    Personal data: which HR position (assignment) a person's role assignment comes from.
    """

    role_assignment = models.OneToOneField(
        RoleAssignment, on_delete=models.CASCADE, related_name="hr_link"
    )
    hr_assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mapping = models.ForeignKey(
        PositionMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.role_assignment} ← HR position {self.hr_assignment_id}"


class HrSyncState(models.Model):
    """Whether a district's role assignments must be brought in line with HR positions.

    Personal data: none.
    """

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    pending_since = models.DateTimeField(null=True, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_report = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"HR role sync of {self.district}"
