"""Cursor pagination: ``?cursor=…`` from the previous page's ``next``, ``?page_size=`` from 1
to :data:`MAX_PAGE_SIZE`. A cursor points after the last row seen (by id), so rows added or
changed meanwhile never shift a page or repeat a row, unlike page numbers. A page size that
is not a whole number in range is refused (400) rather than silently replaced."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import CursorPagination

from lattice.api.problems import FieldProblem

MAX_PAGE_SIZE = 500


class IdCursor(CursorPagination):
    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Any) -> int:
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        raw = values[-1]
        if len(values) > 1 or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise FieldProblem(
                "page_size", f"“{raw}” is not a page size.", f"Use 1 to {MAX_PAGE_SIZE}, once."
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
        return parameters
