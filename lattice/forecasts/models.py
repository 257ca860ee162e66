"""A forecast run: what the officer asked for, how far it got, and the summary it produced."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from lattice.lib.jobs import LeasedRun
from lattice.people.models import District

# Measured on the 2-core development machine (bench/forecast.py): teacher-years per second per
# policy on two threads, rounded down so the estimate errs long.
TEACHER_YEARS_PER_SECOND = 15_000_000


class ForecastRun(LeasedRun):
    """One forecast request and its summary result (JSON from ``ForecastResult.as_dict``).

    A running forecast holds a lease its worker renews (``lattice.lib.jobs``): a run whose
    worker was killed is found and marked failed, and the officer can try it again.

    Personal data: the requesting user only. The result holds district-wide aggregates
    (payroll, headcounts, shares, histograms), never a teacher's own numbers.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

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
    started_at = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "lease_expires_at"], name="forecast_leases")]

    def __str__(self) -> str:
        return f"Forecast {self.pk}: {self.title}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    def seconds_left(self, now: Any) -> int | None:
        """Time still to go, from the pace so far (None before there is a pace)."""
        if self.started_at is None or self.progress <= 0.06 or self.finished:
            return None
        elapsed = (now - self.started_at).total_seconds()
        done = (self.progress - 0.05) / 0.9
        return max(1, round(elapsed * (1 - done) / max(done, 1e-6)))

    @property
    def estimate_seconds(self) -> int:
        """Before it starts: teacher-years × policies at this machine's measured pace."""
        inputs = self.inputs or {}
        size = int(inputs.get("teachers", 0) or 0) * int(inputs.get("years", 0) or 0)
        size *= int(inputs.get("runs", 0) or 0) * (2 if inputs.get("vs") else 1)
        return max(1, round(size / TEACHER_YEARS_PER_SECOND))

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    def result_object(self) -> Any:
        from lattice.forecast.results import ForecastResult

        return ForecastResult.from_dict(self.result) if self.result else None
