"""The answer for an address under /api/v1/ that names no endpoint: a 404 in problem details
(an integration reading JSON should never get the HTML "not found" page)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from lattice.api.problems import BASE, MEDIA_TYPE


@csrf_exempt  # it writes nothing; a POST to no endpoint is a JSON 404, never the CSRF page
def not_found(request: HttpRequest) -> JsonResponse:
    body = {
        "type": BASE + "not-found",
        "title": "Not found",
        "status": 404,
        "detail": f"No API endpoint at {request.path}: see /api/v1/docs/ for the list.",
    }
    return JsonResponse(body, status=404, content_type=MEDIA_TYPE)
