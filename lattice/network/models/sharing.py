"""What each member district chooses to share in the network's comparisons."""

from __future__ import annotations

from django.db import models

from lattice.people.models import District, Network


class Measure(models.TextChoices):
    """The comparisons a district may share; each is an aggregate of at least 10 people."""

    LEADERS_PER_100 = "leaders_per_100", "Teachers in leadership roles per 100 teachers"
    COVERAGE = "coverage", "Coverage against the district's target share"
    ROLE_TYPES = "role_types", "Role holders by type of role"
    COST_PER_TEACHER = "cost_per_teacher", "Cost of leadership roles per teacher"
    PATHWAYS = "pathways", "Teachers by career pathway"
    RETENTION = "retention", "Retention of last year's teacher leaders"


class SharingChoice(models.Model):
    """Whether ``district`` shares ``measure`` with the other members of ``network``. A
    measure the district never chose is not shared: sharing is opted into, one by one.

    Personal data: none.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    shared = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "district", "measure"], name="network_one_choice_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.measure} {'shared' if self.shared else 'not shared'}"
