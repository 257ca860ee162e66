"""Recording a rating: the HR or evaluation system posts a person's annual summative rating.

The write goes through ``lattice.people.actions.record_rating`` — the action an HR import
uses — so it is audited with before and after, and the person's standing and pay follow.
Only the district's talent office records ratings (on the pages, through the HR import); a
person the caller cannot see is not found, one they see but may not rate is forbidden.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api.idempotency import HEADER, idempotent
from lattice.api.problems import FieldProblem
from lattice.api.scopes import ApiScope
from lattice.api.serializers import RatingSerializer, RatingWriteSerializer
from lattice.api.views.base import ApiView
from lattice.people.access import can_administer_district, staff_visible_to
from lattice.people.actions import record_rating
from lattice.people.models import RatingRecord, SchoolYear

IDEMPOTENCY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description="A unique string (a UUID) per write: a retry with the same key and body gets "
    "the first answer and writes nothing again.",
)


class RatingCreate(ApiView):
    required_scope = ApiScope.RATINGS_WRITE
    serializer_class = RatingWriteSerializer
    pagination_class = None

    @extend_schema(
        summary="Record a person's rating for a school year",
        description="Records (or corrects) the annual summative rating. The person's standing "
        "and pay are recomputed from it, as after an HR import. Needs ratings:write and the "
        "talent office's access to the person's district.",
        parameters=[IDEMPOTENCY],
        request=RatingWriteSerializer,
        responses={
            201: RatingSerializer,
            200: OpenApiResponse(RatingSerializer, description="An earlier rating corrected."),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        incoming = RatingWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = incoming.validated_data
        staff = (
            staff_visible_to(request.user)
            .filter(self.in_reach(), employee_id=values["employee_id"])
            .select_related("district")
            .first()
        )
        if staff is None:
            raise NotFound(
                f"No person with employee number “{values['employee_id']}” that this token "
                "may see: check the number against the HR system."
            )
        if not can_administer_district(request.user, staff.district):
            raise PermissionDenied("Only the district's talent office records ratings.")
        district = staff.district
        year = SchoolYear.objects.filter(district=district, label=values["school_year"]).first()
        if year is None:
            years = ", ".join(
                SchoolYear.objects.filter(district=district)
                .order_by("start")
                .values_list("label", flat=True)
            )
            raise FieldProblem(
                "school_year",
                f"{district.name} has no school year “{values['school_year']}”.",
                f"Use one of: {years}." if years else "Add the school year first.",
            )
        if year.start > timezone.localdate():
            raise FieldProblem(
                "school_year",
                f"The {year.label} school year has not begun, so it cannot have a rating yet.",
                "Record the rating once the year has started.",
            )
        labels = list(district.rating_labels)
        if labels and values["label"] not in labels:
            raise FieldProblem(
                "label",
                f"“{values['label']}” is not one of {district.name}'s rating labels.",
                "Use one of: " + ", ".join(labels) + ".",
            )
        existed = RatingRecord.objects.filter(staff_member=staff, school_year=year).exists()
        rating = record_rating(request.user, staff, year, values["label"])
        body = {
            "id": rating.pk,
            "staff_id": staff.pk,
            "employee_id": staff.employee_id,
            "school_year": year.label,
            "label": rating.label,
            "created": not existed,
        }
        return Response(RatingSerializer(body).data, status=200 if existed else 201)
