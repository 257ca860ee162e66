"""W3C Bitstring Status List: one bit per credential, GZIP-compressed, multibase base64url.

Position ``i`` is bit ``i`` counted from the most significant bit of the first byte (the
specification's order). The list has at least 131,072 positions (16 KB), the minimum the
specification sets so a list does not reveal which of few credentials was checked.
"""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable

MIN_BITS = 131_072


def encode(revoked: Iterable[int], size: int = MIN_BITS) -> str:
    """The ``encodedList`` of a list of ``size`` bits with the ``revoked`` positions set."""
    positions = list(revoked)
    bits = max(size, MIN_BITS, *(p + 1 for p in positions)) if positions else max(size, MIN_BITS)
    raw = bytearray((bits + 7) // 8)
    for position in positions:
        raw[position // 8] |= 0x80 >> (position % 8)
    packed = base64.urlsafe_b64encode(gzip.compress(bytes(raw), mtime=0)).rstrip(b"=")
    return "u" + packed.decode("ascii")


def is_set(encoded_list: str, position: int) -> bool:
    """Whether bit ``position`` of ``encodedList`` is set (raises ValueError if malformed)."""
    if not encoded_list.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u')")
    body = encoded_list[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if position >= len(raw) * 8:
        raise ValueError(f"position {position} is outside the list of {len(raw) * 8} bits")
    return bool(raw[position // 8] & (0x80 >> (position % 8)))
