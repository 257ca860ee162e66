"""The network's resource library: case studies, role descriptions, policies and planning
templates, tagged, searchable, and (roles and policies) copied into a member district."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lattice.people.models import District, Network


class ResourceKind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    ROLE = "role", "Role description"
    POLICY = "policy", "Policy"
    TEMPLATE = "template", "Planning template"


class Tag(models.Model):
    """A word the library is browsed by (``trust``, ``hybrid roles``).

    Personal data: none.
    """

    slug = models.SlugField(unique=True)
    label = models.CharField(max_length=60)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Resource(models.Model):
    """One item of a network's library, summarised in Lattice's words, citing its source.

    A role description carries the role's terms in ``role_spec`` (the roles app's catalogue
    fields: title, role_type, purpose, duties, ...); a policy carries the TOML text a district
    adopts through the pathways app (``policy_toml``).

    Personal data: none (``added_by`` is the office user who shared it).
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=12, choices=ResourceKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Two or three sentences: what it is and why it helps.")
    body = models.TextField(blank=True, help_text="The lessons, steps or text in full.")
    source_title = models.CharField(max_length=300, help_text="Where it comes from.")
    source_url = models.URLField(max_length=500, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    shared_by = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shared_resources",
        help_text="The member district that shared it; empty for the network office.",
    )
    role_spec = models.JSONField(default=dict, blank=True)
    policy_toml = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def copyable(self) -> bool:
        """Whether a district can copy it into its own catalogue or policy drafts."""
        return (self.kind == ResourceKind.ROLE and bool(self.role_spec)) or (
            self.kind == ResourceKind.POLICY and bool(self.policy_toml)
        )

    @property
    def source_line(self) -> str:
        """The source as one line, kept on what a district copies."""
        url = f" {self.source_url}" if self.source_url else ""
        return f"{self.network.name} library: {self.title}. Source: {self.source_title}{url}"


class ResourceCopy(models.Model):
    """A district's copy of a library resource: which role or policy draft it became.

    Personal data: none (``made_by`` is the talent-office user who copied it).
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="copies")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    became = models.CharField(max_length=200, help_text="What the copy is in the district.")
    link = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"{self.resource} → {self.district}: {self.became}"
