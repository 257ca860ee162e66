"""The audit entry model. Rows are written by named actions and never changed or removed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from lattice.audit import names


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One change of data made through a named action.

    Personal data: the acting user, the changed object's label (often a person's name) and
    the before/after values of the changed fields, which may include personnel facts such as
    ratings or salary.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for the system (demo generator, scheduled jobs).",
    )
    actor_label = models.CharField(max_length=200, help_text="Who acted, as shown then.")
    action = models.CharField(max_length=80, db_index=True)
    district = models.ForeignKey(
        "people.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_label = models.CharField(max_length=300, blank=True)
    staff_member = models.ForeignKey(
        "people.StaffMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The person the change is about, so the log can be filtered by person.",
    )
    before = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    summary = models.CharField(max_length=500, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["district", "-at"], name="audit_district_recent")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        # django-stubs types pk as int, but an entry not yet written has None.
        super().save(*args, **kwargs)  # type: ignore[unreachable]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def action_name(self) -> str:
        """The name the entry's action goes by now (entries keep the name they were written
        under; see :mod:`lattice.audit.names`)."""
        return names.current_name(self.action)

    @property
    def sentence(self) -> str:
        """The entry in plain English, from its action's registered sentence."""
        person = self.staff_member.display_name if self.staff_member else ""
        return names.sentence(
            self.action,
            {
                "actor": self.actor_label,
                "object": self.object_label,
                "person": person or self.object_label,
                "summary": self.summary,
            },
        )

    @property
    def changed_fields(self) -> list[str]:
        keys = set(self.before) | set(self.after)
        return sorted(k for k in keys if self.before.get(k) != self.after.get(k))
