"""Staff, schools and school years: what a district's HR and data systems read first."""

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
from lattice.api.scopes import ApiScope
from lattice.api.serializers import (
    SchoolSerializer,
    SchoolYearSerializer,
    StaffDetailSerializer,
    StaffSerializer,
)
from lattice.api.views.base import ApiView
from lattice.people.access import (
    assignments_visible_to,
    get_visible_staff,
    schools_visible_to,
    staff_visible_to,
)
from lattice.people.models import School, SchoolYear, StaffMember

ACTIVE = OpenApiParameter(
    "active", OpenApiTypes.BOOL, description="Only people who work here now (true) or left."
)
EMPLOYEE = OpenApiParameter(
    "employee_id", OpenApiTypes.STR, description="Only the person with this employee number."
)


@extend_schema_view(
    get=extend_schema(
        summary="List staff",
        description="The people whose records the caller may open on the pages: a teacher "
        "themselves, a principal the staff of the schools they lead in the years they lead "
        "them, the talent office its district. Needs the people:read scope.",
        parameters=[filters.UPDATED_SINCE, filters.DISTRICT, ACTIVE, EMPLOYEE],
    )
)
class StaffList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.PEOPLE_READ
    serializer_class = StaffSerializer

    def get_queryset(self) -> QuerySet[StaffMember]:
        qs = staff_visible_to(self.request.user).filter(self.in_reach()).select_related("district")
        since = filters.updated_since(self.request)
        if since is not None:
            qs = qs.filter(pk__in=filters.people_changed_since(since))
        active = filters.flag(self.request, "active")
        if active is not None:
            qs = qs.filter(active=active)
        employee = self.request.query_params.get("employee_id")
        if employee:
            qs = qs.filter(employee_id=employee)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class StaffDetail(ApiView):
    required_scope = ApiScope.PEOPLE_READ
    serializer_class = StaffDetailSerializer

    @extend_schema(
        summary="One person, with their assignments",
        description="The assignments are those the caller may read on the person's page (a "
        "principal: only at schools they lead, in the years they lead them).",
    )
    def get(self, request: Request, pk: int) -> Response:
        staff = get_visible_staff(request.user, pk)
        if not StaffMember.objects.filter(self.in_reach(), pk=staff.pk).exists():
            raise Http404("No such person")  # outside the token's district
        assignments = assignments_visible_to(request.user, staff).order_by(
            "school_year__start", "school__name", "position"
        )
        data = StaffDetailSerializer(staff, context={"assignments": assignments}).data
        return Response(data)


@extend_schema_view(
    get=extend_schema(
        summary="List schools",
        description="The schools whose staff lists the caller may open (a principal: the "
        "schools they lead or led; the talent office: its district's). Needs people:read.",
        parameters=[filters.UPDATED_SINCE, filters.DISTRICT],
    )
)
class SchoolList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.PEOPLE_READ
    serializer_class = SchoolSerializer

    def get_queryset(self) -> QuerySet[School]:
        qs = schools_visible_to(self.request.user).filter(self.in_reach())
        since = filters.updated_since(self.request)
        if since is not None:
            qs = qs.filter(pk__in=filters.objects_changed_since(since, "people.School"))
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        summary="List school years",
        description="The school years of the districts the caller belongs to or serves. "
        "Needs people:read.",
        parameters=[filters.UPDATED_SINCE, filters.DISTRICT],
    )
)
class SchoolYearList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.PEOPLE_READ
    serializer_class = SchoolYearSerializer

    def get_queryset(self) -> QuerySet[SchoolYear]:
        qs = SchoolYear.objects.select_related("district").filter(self.in_reach())
        reached = self.districts_reached()
        if reached is not None:
            qs = qs.filter(district_id__in=reached)
        since = filters.updated_since(self.request)
        if since is not None:
            qs = qs.filter(pk__in=filters.objects_changed_since(since, "people.SchoolYear"))
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)
