"""Paging of long lists: one page size, one way to read ``?page=``, one partial.

Every list that can grow with the district (the staff directory, the audit log, the
adoption preview, role assignments, the claims queue …) shows one page at a time through
:func:`paginate`; the template includes ``shared/pagination.html`` with the page (and, for
lists that refresh with htmx, the element to refresh). A page number that is not a number
or is past the end shows the nearest page rather than an error.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> Page[Any]:
    """The page of ``rows`` (a query set or a list) that ``?page=`` asks for."""
    return Paginator(rows, size).get_page(request.GET.get("page"))
