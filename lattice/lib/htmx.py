"""The request type of a view that answers htmx's requests differently from a full page."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware (every request, in Lattice's settings): it
    carries ``htmx``, which is falsy unless htmx sent the request. For annotations only."""

    htmx: HtmxDetails
