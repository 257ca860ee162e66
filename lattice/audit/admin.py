"""The audit log in the admin: read-only for superusers (no add, change or delete)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from lattice.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_label", "district"]
    list_filter = ["action", "district"]
    search_fields = ["actor_label", "object_label", "object_id", "action"]
    date_hierarchy = "at"
    list_select_related = ["district"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
