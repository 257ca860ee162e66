"""Meetings: when and where, a nested agenda with owners, attendance from which quorum is
computed, and minutes that move draft → prepared → attendee review → published (Decidim's
four phases), each version kept.
"""

from __future__ import annotations

from django.db import models

from lattice.councils.models.bodies import Body
from lattice.lib.formatting import day
from lattice.people.models import StaffMember


class Meeting(models.Model):
    """One meeting of a body.

    Personal data: none here (who attended is :class:`Attendance`).
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=160)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.body}: {self.title} ({day(self.starts_at)})"


class AgendaItem(models.Model):
    """An item of a meeting's agenda; items nest (``parent``) and have an owner.

    Personal data: who owns the item.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    minutes = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Time planned.")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Presence(models.TextChoices):
    PRESENT = "present", "Present"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


class Attendance(models.Model):
    """Whether a member came to a meeting, and when they arrived and left.

    Personal data: a member's attendance at a meeting.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    presence = models.CharField(max_length=8, choices=Presence.choices)
    arrived_at = models.TimeField(null=True, blank=True)
    left_at = models.TimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_a_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_presence_display()}"


class MinutesStage(models.TextChoices):
    DRAFT = "draft", "Draft"
    PREPARED = "prepared", "Prepared by the secretary"
    REVIEW = "review", "In review by attendees"
    PUBLISHED = "published", "Published (locked)"


class MinutesVersion(models.Model):
    """One version of a meeting's minutes. The latest is the current text; a published
    version is final and nothing is written after it.

    Personal data: who wrote the version.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    number = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=10, choices=MinutesStage.choices)
    text = models.TextField()
    author = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_minutes_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: minutes v{self.number} ({self.get_stage_display()})"
