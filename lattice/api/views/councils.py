"""The decision register of councils and teacher boards: what each body decided, by which
vote, who carries it out and when it is reviewed.

Reads go through ``lattice.councils.access.decisions_visible_to`` — the register page's own
check: the decisions of the bodies a person may see (district-wide bodies to the district's
staff, a school's bodies to that school's staff this year, every body to the talent office),
narrowed to the token's district. Needs councils:read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.problems import FieldProblem
from lattice.api.scopes import ApiScope
from lattice.api.serializers import DecisionSerializer
from lattice.api.views.base import ApiView
from lattice.councils.access import decisions_visible_to
from lattice.councils.models import Decision, DecisionStatus

STATUS = OpenApiParameter(
    "status", OpenApiTypes.STR, enum=list(DecisionStatus.values), description="Only this state."
)
BODY = OpenApiParameter("body_id", OpenApiTypes.INT, description="Only this body's decisions.")
DUE = OpenApiParameter(
    "due", OpenApiTypes.BOOL, description="Only decisions due for review today or earlier."
)


def _decisions(view: ApiView) -> QuerySet[Decision]:
    return decisions_visible_to(view.request.user).filter(view.in_reach("body__district_id"))


@extend_schema_view(
    get=extend_schema(
        summary="List the decision register",
        description="The decisions of the councils and boards the caller may see, as the "
        "decision register lists them. Needs councils:read.",
        parameters=[filters.DISTRICT, STATUS, BODY, DUE],
    )
)
class DecisionList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.COUNCILS_READ
    serializer_class = DecisionSerializer

    def get_queryset(self) -> QuerySet[Decision]:
        qs = _decisions(self)
        status = filters.one_of(
            self.request, "status", list(DecisionStatus.values), "a decision status"
        )
        if status:
            qs = qs.filter(status=status)
        body = self.request.query_params.get("body_id")
        if body is not None:
            if not body.isdigit() or len(body) > 18:
                raise FieldProblem("body_id", f"“{body}” is not a body's id.", "Send a number.")
            qs = qs.filter(body_id=int(body))
        if filters.flag(self.request, "due"):
            qs = qs.filter(review_on__lte=timezone.localdate())
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class DecisionDetail(ApiView):
    required_scope = ApiScope.COUNCILS_READ
    serializer_class = DecisionSerializer
    pagination_class = None

    @extend_schema(
        summary="One decision",
        description="A decision the caller may open on its page. Needs councils:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        found = _decisions(self).filter(pk=pk).first()
        if found is None:
            raise Http404("No such decision")
        return Response(DecisionSerializer(found).data)
