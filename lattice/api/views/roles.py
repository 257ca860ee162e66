"""Leadership role assignments: who holds which role, where, for which school year."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.scopes import ApiScope
from lattice.api.serializers import RoleAssignmentSerializer
from lattice.api.views.base import ApiView
from lattice.roles.access import role_assignments_visible_to
from lattice.roles.models import RoleAssignment


@extend_schema_view(
    get=extend_schema(
        summary="List role assignments",
        description="The role assignments the caller may open on the roles pages (their own; "
        "a principal's school in the years they lead it; the talent office's district). Needs "
        "roles:read.",
        parameters=[filters.UPDATED_SINCE, filters.DISTRICT],
    )
)
class RoleAssignmentList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = RoleAssignmentSerializer

    def get_queryset(self) -> QuerySet[RoleAssignment]:
        qs = role_assignments_visible_to(self.request.user).filter(
            self.in_reach("role__district_id")
        )
        since = filters.updated_since(self.request)
        if since is not None:
            qs = qs.filter(
                Q(pk__in=filters.objects_changed_since(since, "roles.RoleAssignment"))
                | Q(staff_member_id__in=filters.people_changed_since(since))
            )
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)
