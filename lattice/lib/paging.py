"""Paging of long lists: one page size, one way to read ``?page=``, one partial.

Every list that can grow with the district (the staff directory, the audit log, the
adoption preview, role assignments, the claims queue …) shows one page at a time through
:func:`paginate`; the template includes ``shared/pagination.html`` with the page (and, for
lists that refresh with htmx, the element to refresh). A page number that is not a number
or is past the end shows the nearest page rather than an error. The partial links the
previous and next pages and the page numbers around this one (the first and last always),
each keeping the list's filters and search in the address.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


class NumberedPage(Page):  # type: ignore[type-arg]  # Page is not subscriptable at run time
    """A page that knows the page numbers to link around it."""

    @property
    def numbers(self) -> list[int | str]:
        """The page numbers to show: two either side of this one, the first and the last,
        and ``Paginator.ELLIPSIS`` where some are left out (Django's elided page range)."""
        return list(self.paginator.get_elided_page_range(self.number, on_each_side=2, on_ends=1))


class NumberedPaginator(Paginator):  # type: ignore[type-arg]  # nor is Paginator
    """Django's paginator, handing out :class:`NumberedPage`."""

    def _get_page(self, *args: Any, **kwargs: Any) -> NumberedPage:
        return NumberedPage(*args, **kwargs)


def paginate(request: HttpRequest, rows: Any, size: int = PAGE_SIZE) -> NumberedPage:
    """The page of ``rows`` (a query set or a list) that ``?page=`` asks for."""
    page = NumberedPaginator(rows, size).get_page(request.GET.get("page"))
    assert isinstance(page, NumberedPage)
    return page
