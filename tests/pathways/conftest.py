"""Pathways tests keep uploaded evidence in a temporary directory."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "private"
