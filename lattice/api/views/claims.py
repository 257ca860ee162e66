"""Claims: a person's own claims (as "My claims" shows them) and the talent office's queue.

Reads go through ``lattice.pathways.access.claims_visible_to``, the check the claim pages
use, so a token sees a claim exactly when its owner could open the claim's page. A claim is
submitted through ``lattice.pathways.actions.submit_claim`` — the action behind "My claims",
audited as ``pathways.claim.submit`` — by the token's owner, for themselves, as on the page.
Evidence travels in the JSON body as base64, so the idempotency key covers the files too.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.idempotency import idempotent
from lattice.api.problems import FieldProblem
from lattice.api.scopes import ApiScope
from lattice.api.serializers import ClaimSerializer, ClaimWriteSerializer
from lattice.api.views.base import ApiView
from lattice.api.views.ratings import IDEMPOTENCY
from lattice.pathways.access import claims_visible_to, get_visible_claim
from lattice.pathways.actions import submit_claim
from lattice.pathways.models import Claim, ClaimStatus
from lattice.people.models import StaffMember

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
    serializer_class = ClaimSerializer

    @property
    def required_scope(self) -> ApiScope:  # type: ignore[override]
        """Listing needs claims:read; submitting, claims:write."""
        if self.request.method == "POST":
            return ApiScope.CLAIMS_WRITE
        return ApiScope.CLAIMS_READ

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

    @extend_schema(
        summary="Submit a claim",
        description="The token's owner claims an accomplishment of their own, with its "
        "evidence; it waits for the talent office's review, as a claim made on My claims. "
        "Needs claims:write and a staff record of the token's district.",
        parameters=[IDEMPOTENCY],
        request=ClaimWriteSerializer,
        responses={201: ClaimSerializer},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        incoming = ClaimWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = incoming.validated_data
        staff = _own_staff(self)
        files = [_decoded(i, item) for i, item in enumerate(values["evidence"])]
        try:
            claim = submit_claim(
                request.user,
                staff,
                kind=values["kind"],
                title=values["title"],
                provider=values["provider"],
                category=values["category"],
                quantity=values["quantity"],
                completed=values["completed"],
                expires=values["expires"],
                files=files,
            )
        except ValidationError as error:
            raise FieldProblem(
                "claim",
                " ".join(error.messages),
                "Correct the claim as the message says and send it again.",
            ) from error
        created = _claims(self).get(pk=claim.pk)
        return Response(ClaimSerializer(created).data, status=201)


def _own_staff(view: ApiView) -> StaffMember:
    """The caller's own staff record in the token's district: a claim is always one's own."""
    user: Any = view.request.user
    staff = getattr(user, "staff_member", None)
    in_reach = (
        staff is not None
        and staff.active
        and StaffMember.objects.filter(view.in_reach(), pk=staff.pk).exists()
    )
    if staff is None or not in_reach:
        raise PermissionDenied(
            "Only a person with a staff record in the token's district submits claims, "
            "for themselves: use a token that acts as the claimant."
        )
    return staff


def _decoded(index: int, item: dict[str, str]) -> SimpleUploadedFile:
    try:
        data = base64.b64decode(item["content_base64"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise FieldProblem(
            f"evidence[{index}].content_base64",
            f"The content of {item['name']} is not base64.",
            "Send the file's bytes encoded as standard base64 (RFC 4648).",
        ) from error
    return SimpleUploadedFile(item["name"], data)


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
