"""The JSON API's error shape, shared by the API and the guards that answer before it.

RFC 9457 problem details (https://www.rfc-editor.org/rfc/rfc9457): ``type`` (a URL under
:data:`TYPES`, documented in docs/api.md and never fetched), ``title``, ``status``, ``detail``.
"""

from __future__ import annotations

MEDIA_TYPE = "application/problem+json"
TYPES = "https://lattice.example.org/problems/"
