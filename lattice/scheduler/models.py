"""When each periodic job (``lattice.lib.schedule``) last ran, so a restart never repeats it."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    """The last time the scheduler enqueued one periodic job, and how that went.

    Personal data: none.
    """

    name = models.CharField(max_length=120, unique=True)
    last_run_at = models.DateTimeField()
    runs = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} last enqueued {self.last_run_at:%Y-%m-%d %H:%M}"
