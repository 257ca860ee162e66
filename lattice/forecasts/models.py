"""A forecast run: what the officer asked for, how far it got, and the summary it produced."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from lattice.people.models import District


class ForecastRun(models.Model):
    """One forecast request and its summary result (JSON from ``ForecastResult.as_dict``).

    Personal data: the requesting user only. The result holds district-wide aggregates
    (payroll, headcounts, shares, histograms), never a teacher's own numbers.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="forecasts")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    inputs = models.JSONField(default=dict, help_text="The form's choices, as submitted.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Forecast {self.pk}: {self.title}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    def result_object(self) -> Any:
        from lattice.forecast.results import ForecastResult

        return ForecastResult.from_dict(self.result) if self.result else None
