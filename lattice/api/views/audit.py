"""The audit log: every change of standing, pay, ratings, roles and decisions, as the audit
log page lists it to the talent office.

Reads go through ``lattice.people.access.audit_entries_visible_to``, the check behind the
audit log page: only a district's officers (and superusers) read it, and a teacher or a
principal is answered 404, as on the page; a token then narrows to its district. Entries
come oldest first (by id), so a warehouse that keeps the last ``next`` cursor picks up only
the entries written since.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.problems import FieldProblem
from lattice.api.scopes import ApiScope
from lattice.api.serializers import AuditEntrySerializer
from lattice.api.views.base import ApiView
from lattice.audit import names
from lattice.audit.models import AuditEntry
from lattice.people.access import audit_entries_visible_to, can_view_audit

ACTION = OpenApiParameter(
    "action",
    OpenApiTypes.STR,
    description="Only entries of this action, by its name (e.g. people.rating.record); "
    "entries written under an earlier name of the action are included.",
)
EMPLOYEE = OpenApiParameter(
    "employee_id", OpenApiTypes.STR, description="Only entries about this employee number."
)
SINCE = OpenApiParameter(
    "since",
    OpenApiTypes.DATETIME,
    description="Only entries written at or after this moment (ISO 8601).",
)
UNTIL = OpenApiParameter(
    "until",
    OpenApiTypes.DATETIME,
    description="Only entries written before this moment (ISO 8601).",
)


@extend_schema_view(
    get=extend_schema(
        summary="Read the audit log",
        description="The district's audit entries, oldest first, as the audit log page lists "
        "them: who did what, to whom, when, with the values before and after. Only the "
        "talent office reads it (anyone else: 404, as the page). Needs audit:read.",
        parameters=[filters.DISTRICT, ACTION, EMPLOYEE, SINCE, UNTIL],
    )
)
class AuditEntryList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.AUDIT_READ
    serializer_class = AuditEntrySerializer

    def get_queryset(self) -> QuerySet[AuditEntry]:
        if not can_view_audit(self.request.user):
            raise Http404("No audit log here")  # as the page: others learn nothing of it
        qs = (
            audit_entries_visible_to(self.request.user)
            .filter(self.in_reach())
            .select_related("district", "staff_member")
        )
        action = self.request.query_params.get("action")
        if action:
            qs = qs.filter(action__in=names.stored_names([action]))
        employee = self.request.query_params.get("employee_id")
        if employee:
            qs = qs.filter(staff_member__employee_id=employee)
        since = _moment(self.request, "since")
        if since is not None:
            qs = qs.filter(at__gte=since)
        until = _moment(self.request, "until")
        if until is not None:
            qs = qs.filter(at__lt=until)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


def _moment(request: Any, name: str) -> Any:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise FieldProblem(name, "It is given more than once.", "Send it once.")
    if not values:
        return None
    return filters.moment(values[0], name)
