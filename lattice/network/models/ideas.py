"""Teach to Lead: a teacher's idea, the team that forms around it, its logic model, its action
plan, feedback from critical friends and reports of progress."""

from __future__ import annotations

from django.db import models

from lattice.people.models import District, Network, StaffMember


class IdeaStatus(models.TextChoices):
    """Where an idea stands; it moves forward as the team fills in its work."""

    IDEA = "idea", "Idea posted"
    TEAM = "team", "Team forming"
    MODEL = "model", "Logic model written"
    PLAN = "plan", "Action plan made"
    UNDER_WAY = "under_way", "Under way (progress reported)"


LOGIC_MODEL_FIELDS = ("problem", "inputs", "activities", "outputs", "outcomes", "measures")


class Idea(models.Model):
    """A teacher-led idea brought to the network (Teach to Lead's "bring an idea, form a team,
    leave with a plan"). The logic model's six parts are fields; the plan is its steps.

    Personal data: who posted it (``posted_by``), a staff member of ``district``.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="ideas")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    posted_by = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="The idea in a few sentences: what would change.")
    status = models.CharField(max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.IDEA)
    problem = models.TextField(blank=True, help_text="What problem of practice it answers.")
    inputs = models.TextField(blank=True, help_text="People, time and money it needs.")
    activities = models.TextField(blank=True, help_text="What the team will do.")
    outputs = models.TextField(blank=True, help_text="What the activities produce.")
    outcomes = models.TextField(blank=True, help_text="What changes for teachers and students.")
    measures = models.TextField(blank=True, help_text="How the team will know.")
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-posted_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def logic_model_complete(self) -> bool:
        return all(getattr(self, name).strip() for name in LOGIC_MODEL_FIELDS)


class TeamRole(models.TextChoices):
    LEAD = "lead", "Lead"
    MEMBER = "member", "Team member"
    FRIEND = "friend", "Critical friend"


class TeamMember(models.Model):
    """A person on an idea's team, or a critical friend asked to review its work. Joining is
    the person's own choice: their name is then shown to the team, across districts.

    Personal data: the staff member and their part on the team.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="team")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=8, choices=TeamRole.choices, default=TeamRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["idea", "role", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "staff_member"], name="network_one_seat_each")
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} ({self.get_role_display()}) on {self.idea}"


class PlanStep(models.Model):
    """One step of an idea's action plan: what, who, by when, with what.

    Personal data: the team member who owns the step.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(TeamMember, on_delete=models.PROTECT, related_name="steps")
    due = models.DateField()
    resources = models.CharField(max_length=300, blank=True, help_text="What the step needs.")
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["idea", "due", "id"]

    def __str__(self) -> str:
        return self.description


class IdeaFeedback(models.Model):
    """A critical friend's feedback, or the team's report of progress (``progress``).

    Personal data: who wrote it.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    progress = models.BooleanField(default=False)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
