"""Recognition hears the other apps through the registries in lattice.lib, by name."""

from __future__ import annotations

from lattice.lib import claims_verified, roles_served


def test_recognition_listens_for_roles_served_and_verified_claims() -> None:
    assert "recognition" in roles_served.recorders()
    assert list(claims_verified.recorders()) == ["recognition"]
