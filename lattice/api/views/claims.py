"""Claims: a person's own claims (as "My claims" shows them) and the talent office's queue.

Reads go through ``lattice.pathways.access.claims_visible_to``, the check the claim pages
use, so a token sees a claim exactly when its owner could open the claim's page.
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
from lattice.api.serializers import ClaimSerializer
from lattice.api.views.base import ApiView
from lattice.pathways.access import claims_visible_to, get_visible_claim
from lattice.pathways.models import Claim, ClaimStatus

STATUS = OpenApiParameter(
    "status",
    OpenApiTypes.STR,
    enum=list(ClaimStatus.values),
    description="Only claims in this state (submitted: the queue waiting for review).",
)
EMPLOYEE = OpenApiParameter(
    "employee_id", OpenApiTypes.STR, description="Only the claims of this employee number."
)


def _claims(view: ApiView) -> QuerySet[Claim]:
    return claims_visible_to(view.request.user).filter(view.in_reach()).prefetch_related("evidence")


@extend_schema_view(
    get=extend_schema(
        summary="List claims",
        description="The claims the caller may open on the pages: a teacher's own; the talent "
        "office's district queue and history. Needs claims:read.",
        parameters=[filters.DISTRICT, STATUS, EMPLOYEE],
    )
)
class ClaimList(mixins.ListModelMixin, ApiView):
    required_scope = ApiScope.CLAIMS_READ
    serializer_class = ClaimSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        qs = _claims(self)
        status = self.request.query_params.getlist("status")
        if status:
            if len(status) > 1 or status[0] not in ClaimStatus.values:
                raise FieldProblem(
                    "status",
                    f"“{status[0]}” is not a claim status.",
                    "Use one of: " + ", ".join(ClaimStatus.values) + ", once.",
                )
            qs = qs.filter(status=status[0])
        employee = self.request.query_params.get("employee_id")
        if employee:
            qs = qs.filter(staff_member__employee_id=employee)
        return qs

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)


class ClaimDetail(ApiView):
    required_scope = ApiScope.CLAIMS_READ
    serializer_class = ClaimSerializer
    pagination_class = None

    @extend_schema(
        summary="One claim",
        description="A claim the caller may open on its page (their own, or their district's "
        "as the talent office). Needs claims:read.",
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = get_visible_claim(request.user, pk)
        found = _claims(self).filter(pk=claim.pk).first()
        if found is None:
            raise Http404("No such claim")  # outside the token's district
        return Response(ClaimSerializer(found).data)
