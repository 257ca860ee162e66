"""The address people open Lattice at, and a path on it as a full address.

Links in emails and the ids of Open Badges credentials, issuer profiles, keys and status
lists must name the site as its district published it (``LATTICE_SITE_URL``), never the host
a request happened to arrive on: a credential issued while an officer browsed via
``127.0.0.1`` would otherwise name an issuer nobody else can reach, and its id would change
with the address it was issued from. One setting, read here only.
"""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """``LATTICE_SITE_URL`` without a trailing slash: ``https://lattice.district.org``."""
    return str(settings.LATTICE_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/recognition/…``) as a full address under the site URL; an address that is
    already full, or an empty path, is returned as it is."""
    if not path or "://" in path:
        return path
    return f"{site_url()}/{path.lstrip('/')}"
