"""Errors in one documented shape: RFC 9457 problem details (``application/problem+json``).

Every error the API answers — a field that fails validation, a missing scope, an unknown
token, a record outside the caller's reach, too many calls — is a JSON object with ``type``,
``title``, ``status`` and ``detail``; validation errors add ``errors``, one per field, each
naming the field (``field``, a JSON pointer-like dotted path), what is wrong (``message``)
and, where Lattice knows it, the fix (``fix``). https://www.rfc-editor.org/rfc/rfc9457
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from lattice.lib import problems

MEDIA_TYPE = problems.MEDIA_TYPE
BASE = problems.TYPES  # documented in docs/api.md, never fetched

TITLES = {
    400: ("invalid", "The request is not valid"),
    401: ("unauthenticated", "A valid API token is needed"),
    403: ("forbidden", "The token may not do this"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflicting request"),
    415: ("unsupported-media-type", "Send JSON"),
    422: ("idempotency-key-reused", "The idempotency key was used for another request"),
    429: ("throttled", "Too many requests"),
}


class FieldProblem(serializers.ValidationError):
    """A validation error on one field with the fix: ``FieldProblem("label", "…", "…")``."""

    def __init__(self, field: str, message: str, fix: str = "") -> None:
        super().__init__({field: [message]})
        self.fix_by_field = {field: fix} if fix else {}


class FormProblems(serializers.ValidationError):
    """The errors of the page's own form, field by field, with the fix where it is known:
    the API checks what the page checks, in the page's words."""

    def __init__(self, errors: dict[str, list[str]], fixes: dict[str, str]) -> None:
        detail = {("non_field_errors" if k == "__all__" else k): v for k, v in errors.items()}
        super().__init__(detail)
        self.fix_by_field = {k: fixes[k] for k in detail if fixes.get(k)}


def _field_errors(detail: Any, fixes: dict[str, str], path: str = "") -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key) if key != "non_field_errors" else ""
            out += _field_errors(value, fixes, f"{path}.{name}" if path and name else path or name)
    elif isinstance(detail, list):
        for item in detail:
            out += _field_errors(item, fixes, path)
    else:
        entry = {"field": path, "message": str(detail)}
        if fixes.get(path):
            entry["fix"] = fixes[path]
        out.append(entry)
    return out


def problem(status_code: int, detail: str, **extra: Any) -> Response:
    slug, title = TITLES.get(status_code, ("error", "Error"))
    body = {"type": BASE + slug, "title": title, "status": status_code, "detail": detail}
    body.update(extra)
    return Response(body, status=status_code, content_type=MEDIA_TYPE)


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler, answering in problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        fixes = getattr(exc, "fix_by_field", {})
        errors = _field_errors(exc.detail, fixes)
        first = errors[0] if errors else {"field": "", "message": "invalid"}
        where = f"{first['field']}: " if first["field"] else ""
        out = problem(status.HTTP_400_BAD_REQUEST, f"{where}{first['message']}", errors=errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        out = problem(code, str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            out[header] = response[header]
    return out
