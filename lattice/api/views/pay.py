"""Standings and pay: where each teacher stands and what they are paid, and payroll's lines.

Both read what the pages read — ``lattice.pathways.queries.standings_for`` for the standing,
``lattice.lib.pay.pay_lines`` for the pay lines, ``lattice.pathways.actions.payroll`` for
the payroll file — so the API, "My path" and the payroll export give the same numbers.
A standing and its pay are shown to the person themselves and their district's talent office
(as on the pages); principals see neither.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from lattice.api import filters
from lattice.api.problems import FieldProblem
from lattice.api.scopes import ApiScope
from lattice.api.serializers import PayrollPageSerializer, StandingSerializer
from lattice.api.views.base import ApiView
from lattice.lib.pay import PayLine, pay_lines, total
from lattice.pathways.actions.payroll import payroll
from lattice.pathways.queries import StandingRead, standings_for
from lattice.people.access import districts_administered_by, scope_for
from lattice.people.models import StaffMember

CURSOR = OpenApiParameter("cursor", OpenApiTypes.STR, description="From the previous `next`.")
PAGE_SIZE = OpenApiParameter(
    "page_size",
    {"type": "integer", "minimum": 1, "maximum": 500},
    description="Rows a page, 1 to 500 (500 when left out).",
)


def pay_visible_to(user: Any) -> QuerySet[StaffMember]:
    """People whose standing and pay ``user`` may see: their own, their district's (talent
    office), everyone's (superuser) — as My path and the office's path pages allow."""
    scope = scope_for(user)
    qs = StaffMember.objects.all()
    if scope.is_superuser:
        return qs
    q = Q(district_id__in=scope.officer_district_ids)
    if scope.own_staff_id is not None:
        q |= Q(pk=scope.own_staff_id)
    return qs.filter(q)


def _line(line: PayLine) -> dict[str, Any]:
    return {
        "kind": line.kind.value,
        "label": line.label,
        "amount": line.amount,
        "explanation": line.explanation,
        "source": line.source,
        "reference": line.reference,
        "effective_from": line.effective_from,
    }


def standing_row(staff: StaffMember, read: StandingRead | None, lines: list[PayLine]) -> dict:
    standing = read.standing if read is not None else None
    return {
        "staff_id": staff.pk,
        "employee_id": staff.employee_id,
        "on": read.on if read is not None else None,
        "status": standing.status if standing is not None else "none",
        "fresh": bool(read and read.fresh),
        "why_not_fresh": read.why if read is not None else "pathways are for teachers",
        "where": standing.standing_label if standing is not None else "",
        "policy": standing.policy_label if standing is not None else "",
        "pathway": standing.pathway if standing is not None else "",
        "step": standing.step if standing is not None else None,
        "lane": standing.lane if standing is not None else "",
        "units_banked": standing.units_banked if standing is not None else None,
        "problem": standing.problem if standing is not None else "",
        "fix": standing.fix if standing is not None else "",
        "pay_lines": [_line(line) for line in lines],
        "pay_total": total(lines),
    }


class StandingList(ApiView):
    required_scope = ApiScope.PAY_READ
    serializer_class = StandingSerializer

    def get_queryset(self) -> QuerySet[StaffMember]:
        qs = pay_visible_to(self.request.user).filter(self.in_reach())
        since = filters.updated_since(self.request)
        if since is not None:
            qs = qs.filter(pk__in=filters.people_changed_since(since))
        return qs.filter(active=True)

    @extend_schema(
        summary="Where each person stands, and their pay",
        description="For each person the caller may see the standing of (themselves; the "
        "talent office: its district): the stored standing under the adopted policy, whether "
        "it is fresh, and every pay line in force on the date — the lines My path lists and "
        "payroll exports. Needs pay:read.",
        parameters=[filters.ON, filters.UPDATED_SINCE, filters.DISTRICT],
        responses=StandingSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        on = filters.on_date(request)
        page = self.paginate_queryset(self.get_queryset().select_related("district"))
        people = list(page or [])
        by_district: dict[int, list[StaffMember]] = defaultdict(list)
        for staff in people:
            by_district[staff.district_id].append(staff)
        reads: dict[int, StandingRead] = {}
        lines: dict[int, list[PayLine]] = {}
        for district_id, group in by_district.items():
            ids = [s.pk for s in group]
            reads |= standings_for(district_id, on, ids)
            lines |= pay_lines(district_id, on, ids)
        rows = [standing_row(s, reads.get(s.pk), lines.get(s.pk, [])) for s in people]
        for row in rows:
            row["on"] = on
        return self.get_paginated_response(StandingSerializer(rows, many=True).data)


def _decode_cursor(raw: str | None) -> list[Any] | None:
    if not raw:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(raw.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise FieldProblem("cursor", "The cursor is not one this API gave.", "Use `next`.") from exc
    if not isinstance(value, list) or len(value) != 4:
        raise FieldProblem("cursor", "The cursor is not one this API gave.", "Use `next`.")
    return value


def _encode_cursor(key: tuple[Any, ...]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def _page_size(request: Request) -> int:
    raw = request.query_params.get("page_size", "500")
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= 500:
        raise FieldProblem("page_size", f"“{raw}” is not a page size.", "Use 1 to 500.")
    return size


class PayrollLines(ApiView):
    required_scope = ApiScope.PAY_READ
    serializer_class = PayrollPageSerializer
    pagination_class = None

    @extend_schema(
        summary="Payroll lines for a date",
        description="Every pay line of every person paid on the date, as the payroll export "
        "holds them (same rows, same order, same amounts), and the teachers the export would "
        "refuse (stale or unplaced standings) with the fix. The talent office only. Needs "
        "pay:read.",
        parameters=[filters.ON, filters.DISTRICT, CURSOR, PAGE_SIZE],
    )
    def get(self, request: Request) -> Response:
        on: dt.date = filters.on_date(request)
        size = _page_size(request)
        after = _decode_cursor(request.query_params.get("cursor"))
        districts = districts_administered_by(request.user).filter(self.in_reach("pk"))
        district = districts.order_by("name").first()
        if district is None:
            raise Http404("No district")
        result = payroll(district, on)
        keys = [
            (row.employee_id, *[str(part) for part in row.line.sort_key]) for row in result.rows
        ]
        start = 0
        if after is not None:
            bound = tuple(str(part) for part in after)
            start = next((i for i, key in enumerate(keys) if key > bound), len(keys))
        chosen = result.rows[start : start + size]
        more = start + size < len(result.rows)
        data = {
            "district": district.key,
            "on": on,
            "complete": not result.blockers,
            "blockers": [b.as_dict() for b in result.blockers],
            "next": _next_url(request, keys[start + size - 1]) if more else None,
            "results": [
                {
                    "employee_id": row.employee_id,
                    "name": row.name,
                    "standing": row.standing,
                    "policy": row.policy,
                    "kind": row.line.kind.value,
                    "label": row.line.label,
                    "amount": row.line.amount,
                    "annual_total": row.annual_total,
                    "explanation": row.line.explanation,
                    "reference": row.line.reference,
                    "effective_date_of_change": row.effective_date,
                }
                for row in chosen
            ],
        }
        return Response(PayrollPageSerializer(data).data)


def _next_url(request: Request, key: tuple[Any, ...]) -> str:
    params = request.query_params.copy()
    params["cursor"] = _encode_cursor(key)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
