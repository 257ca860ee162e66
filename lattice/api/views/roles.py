"""Leadership roles: the district's catalogue, its postings, and who holds which role, where,
for which school year.

Each list reads through ``lattice.roles.access`` — the checks behind the catalogue, posting
and assignment pages — then narrows to the token's district. All need roles:read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.scopes import ApiScope
from lattice.api.serializers import (
    LeadershipRoleSerializer,
    PostingSerializer,
    RoleAssignmentSerializer,
)
from lattice.api.views.base import ApiView
from lattice.roles.access import (
    get_visible_posting,
    get_visible_role,
    get_visible_role_assignment,
    postings_visible_to,
    role_assignments_visible_to,
    roles_visible_to,
)
from lattice.roles.models import (
    LeadershipRole,
    Posting,
    PostingStatus,
    RoleAssignment,
    RoleStatus,
)

ROLE_STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(RoleStatus.values),
    description="Only roles in this state (staff see active roles only; the office, all).",
)
POSTING_STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(PostingStatus.values),
    description="Only postings in this state (open: taking applications or in selection).",
)
SCHOOL_YEAR = OpenApiParameter(
    "school_year", OpenApiTypes.STR, description="Only this school year, by label (2025-26)."
)
ROLE_KEY = OpenApiParameter("role_key", OpenApiTypes.STR, description="Only this role, by key.")


@extend_schema_view(
    get=extend_schema(
        summary="List the role catalogue",
        description="The district's leadership roles as the catalogue pages show them: the "
        "talent office sees every role (drafts and retired ones too); staff see the active "
        "roles of their own district. Needs roles:read.",
        parameters=[filters.DISTRICT, ROLE_STATUS],
    )
)
class RoleList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = LeadershipRoleSerializer

    def get_queryset(self) -> QuerySet[LeadershipRole]:
        qs = roles_visible_to(self.request.user).filter(self.in_reach())
        status = filters.one_of(self.request, "status", list(RoleStatus.values), "a role status")
        if status:
            qs = qs.filter(status=status)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class RoleDetail(ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = LeadershipRoleSerializer
    pagination_class = None

    @extend_schema(
        summary="One role of the catalogue",
        description="A role the caller may open on its catalogue page. Needs roles:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        role = get_visible_role(request.user, pk)
        if not roles_visible_to(request.user).filter(self.in_reach(), pk=role.pk).exists():
            raise Http404("No such role")  # outside the token's district
        return Response(LeadershipRoleSerializer(role).data)


def _postings(view: ApiView) -> QuerySet[Posting]:
    return postings_visible_to(view.request.user).filter(view.in_reach("role__district_id"))


@extend_schema_view(
    get=extend_schema(
        summary="List postings",
        description="The postings of leadership roles the caller may open: the talent office "
        "its district's; a principal those of the schools they lead, in the years they lead "
        "them, and the district-wide ones; a teacher the district-wide ones, those at their "
        "own school that year, and those they applied to or review for. Applications and "
        "panel scores are not part of the API. Needs roles:read.",
        parameters=[filters.DISTRICT, POSTING_STATUS, SCHOOL_YEAR, ROLE_KEY],
    )
)
class PostingList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = PostingSerializer

    def get_queryset(self) -> QuerySet[Posting]:
        qs = _postings(self)
        status = filters.one_of(
            self.request, "status", list(PostingStatus.values), "a posting status"
        )
        if status:
            qs = qs.filter(status=status)
        year = self.request.query_params.get("school_year")
        if year:
            qs = qs.filter(school_year__label=year)
        role = self.request.query_params.get("role_key")
        if role:
            qs = qs.filter(role__key=role)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class PostingDetail(ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = PostingSerializer
    pagination_class = None

    @extend_schema(
        summary="One posting",
        description="A posting the caller may open on its page. Needs roles:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        posting = get_visible_posting(request.user, pk)
        found = _postings(self).filter(pk=posting.pk).first()
        if found is None:
            raise Http404("No such posting")  # outside the token's district
        return Response(PostingSerializer(found).data)


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


class RoleAssignmentDetail(ApiView):
    required_scope = ApiScope.ROLES_READ
    serializer_class = RoleAssignmentSerializer
    pagination_class = None

    @extend_schema(
        summary="One role assignment",
        description="A role assignment the caller may see on the roles pages (their own; a "
        "principal's school in the years they lead it; the talent office's district). Needs "
        "roles:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        assignment = get_visible_role_assignment(request.user, pk)
        in_reach = role_assignments_visible_to(request.user).filter(
            self.in_reach("role__district_id"), pk=assignment.pk
        )
        if not in_reach.exists():
            raise Http404("No such role assignment")  # outside the token's district
        return Response(RoleAssignmentSerializer(assignment).data)
