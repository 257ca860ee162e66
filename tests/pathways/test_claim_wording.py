"""A claim's kind line on the claims tables and the review queue: the kind, and the amount
when the kind has one — a role served reads "Role served", never "Role served · role served"."""

from __future__ import annotations

import datetime as dt

from lattice.pathways.models import Claim, ClaimKind


def _claim(kind: str, quantity: int = 0) -> Claim:
    return Claim(
        kind=kind, title="Mentor teacher", quantity=quantity, completed=dt.date(2026, 7, 1)
    )


def test_a_role_served_says_its_kind_once() -> None:
    claim = _claim(ClaimKind.ROLE)
    assert claim.kind_line == "Role served"
    assert str(claim) == "Role served: Mentor teacher"


def test_a_certificate_carries_no_amount_either() -> None:
    assert _claim(ClaimKind.CERTIFICATE).kind_line == "Certificate"


def test_credits_and_hours_say_their_amount_after_the_kind() -> None:
    assert _claim(ClaimKind.CREDITS, 3).kind_line == "College credits · 3 credits"
    assert _claim(ClaimKind.PD_HOURS, 1).kind_line == "Professional development hours · 1 hour"
