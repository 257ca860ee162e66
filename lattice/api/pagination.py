"""Cursor pagination: ``?cursor=…`` from the previous page's ``next``, ``?page_size=`` up to
:data:`MAX_PAGE_SIZE`. A cursor points after the last row seen (by id), so rows added or
changed meanwhile never shift a page or repeat a row, unlike page numbers."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 500


class IdCursor(CursorPagination):
    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
