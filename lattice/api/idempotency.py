"""Idempotency keys for writes (the IETF ``Idempotency-Key`` header draft, as Stripe uses it).

A caller that sends ``Idempotency-Key: <unique string>`` with a write and retries it with the
same key and body gets the first answer back (``Idempotent-Replayed: true``) and nothing is
written twice; the same key with a different body is refused (422). Keys are kept for
:data:`KEEP` and belong to the calling account. Only answers the view returned are kept (a
write, or a refusal it chose); a request that failed validation or a server error is not,
so a corrected retry under the same key may succeed.
https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.response import Response

from lattice.api.models import IdempotentWrite
from lattice.api.problems import problem

HEADER = "Idempotency-Key"
KEEP = dt.timedelta(hours=24)
MAX_LENGTH = 255


def _digest(request: Any) -> str:
    """The request's method, path and body; an uploaded file counts by its bytes, so the
    same key with another file of the same name is another request."""
    data = request.data
    fields = {k: v for k, v in data.items() if k not in request.FILES} if request.FILES else data
    body = json.dumps(fields, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{request.method} {request.path}\n{body}".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\n{name}={upload.name}:".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def idempotent(view: Callable[..., Response]) -> Callable[..., Response]:
    """Wrap a DRF write method so it honours ``Idempotency-Key``."""

    @functools.wraps(view)
    def wrapped(self: Any, request: Any, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER, "")
        if not key:
            return view(self, request, *args, **kwargs)
        if len(key) > MAX_LENGTH:
            return problem(
                400, f"The {HEADER} header is longer than {MAX_LENGTH} characters: send a UUID."
            )
        digest = _digest(request)
        fresh = timezone.now() - KEEP
        with transaction.atomic():
            IdempotentWrite.objects.filter(user=request.user, created_at__lt=fresh).delete()
            kept = (
                IdempotentWrite.objects.select_for_update()
                .filter(user=request.user, key=key)
                .first()
            )
            if kept is not None:
                if kept.request_digest != digest:
                    return problem(
                        422,
                        f"The {HEADER} “{key}” was first used for a different request: send a "
                        "new key for a new request.",
                    )
                response = Response(kept.body, status=kept.status)
                response["Idempotent-Replayed"] = "true"
                return response
            response = view(self, request, *args, **kwargs)
            if response.status_code < 500:
                try:
                    with transaction.atomic():
                        IdempotentWrite.objects.create(
                            user=request.user,
                            key=key,
                            method=request.method,
                            path=request.path[:300],
                            request_digest=digest,
                            status=response.status_code,
                            body=response.data,
                        )
                except IntegrityError:
                    transaction.set_rollback(True)
                    return problem(409, f"Another request with the {HEADER} “{key}” is running.")
            return response

    return wrapped
