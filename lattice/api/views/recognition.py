"""Recognition: the awards people earned, each issued as a signed Open Badges 3.0 credential.

Reads go through ``lattice.recognition.queries.awards_visible_to`` — the check behind the
recognition pages: a person reads their own awards, the talent office its district's; a
principal reads no one's (an honour is the teacher's to publish). Needs recognition:read.
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
from lattice.api.scopes import ApiScope
from lattice.api.serializers import AwardSerializer
from lattice.api.views.base import ApiView
from lattice.recognition.models import Award
from lattice.recognition.queries import awards_visible_to

EMPLOYEE = OpenApiParameter(
    "employee_id", OpenApiTypes.STR, description="Only the awards of this employee number."
)
ACHIEVEMENT = OpenApiParameter(
    "achievement_key", OpenApiTypes.STR, description="Only awards of this achievement, by key."
)


def _awards(view: ApiView) -> QuerySet[Award]:
    return awards_visible_to(view.request.user).filter(view.in_reach("achievement__district_id"))


@extend_schema_view(
    get=extend_schema(
        summary="List awards",
        description="The awards the caller may see on the recognition pages: a person's own, "
        "the talent office's district's. Needs recognition:read.",
        parameters=[filters.DISTRICT, EMPLOYEE, ACHIEVEMENT],
    )
)
class AwardList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.RECOGNITION_READ
    serializer_class = AwardSerializer

    def get_queryset(self) -> QuerySet[Award]:
        qs = _awards(self)
        employee = self.request.query_params.get("employee_id")
        if employee:
            qs = qs.filter(staff_member__employee_id=employee)
        achievement = self.request.query_params.get("achievement_key")
        if achievement:
            qs = qs.filter(achievement__key=achievement)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class AwardDetail(ApiView):
    required_scope = ApiScope.RECOGNITION_READ
    serializer_class = AwardSerializer
    pagination_class = None

    @extend_schema(
        summary="One award",
        description="An award the caller may open. Needs recognition:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        found = _awards(self).filter(pk=pk).first()
        if found is None:
            raise Http404("No such award")
        return Response(AwardSerializer(found).data)
