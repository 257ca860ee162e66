"""Claims verified: the pathways app says "the talent office verified this ledger claim", and
apps that act on a verified accomplishment (recognition issues a credential for one) hear it,
without the pathways app importing them.

The pathways app calls :func:`claim_verified` inside the transaction that verifies the claim;
a listener registers when Django starts. Like ``lattice.lib.roles_served`` (and unlike a facts
listener) a recorder may write: its writes are its own app's audited actions, and they roll
back with the verification if it fails. Plain Python: the registry imports no app
(docs/decisions/0008).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ClaimVerified:
    """The ledger claim ``claim_id`` of ``staff_id`` was verified: its ``kind`` (a pathways
    ClaimKind value, e.g. "certificate"), ``category``, ``title`` and the day it was
    ``completed``; ``source`` names the record ("pathways.Claim:42")."""

    claim_id: int
    staff_id: int
    district_id: int
    kind: str
    category: str
    title: str
    completed: dt.date
    source: str


Recorder = Callable[[Any, ClaimVerified], object]

_recorders: dict[str, Recorder] = {}


def register(name: str, recorder: Recorder) -> None:
    """Register ``recorder(actor, verified)`` under ``name`` (a name again replaces it)."""
    _recorders[name] = recorder


def recorders() -> dict[str, Recorder]:
    """The registered recorders by name (a copy), for tests and diagnostics."""
    return dict(_recorders)


def claim_verified(actor: Any, verified: ClaimVerified) -> None:
    """Tell every recorder that ``verified`` holds; call inside the verifying transaction.
    ``actor`` is the user who verified the claim, or None for the system."""
    for name in sorted(_recorders):
        _recorders[name](actor, verified)
