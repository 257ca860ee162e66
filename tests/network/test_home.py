"""The network's overview: each card reads the same records as the page it links to."""

from __future__ import annotations

from typing import Any

from tests.network.world import world


def test_the_overview_counts_and_lists_what_the_library_ideas_and_convenings_pages_show(
    cast: Any, client_for: Any
) -> None:
    world(cast)
    page = client_for("teacher").get("/network/river-valley/").content.decode()
    assert "Search 3 resources" in page
    assert "Slow and steady: building trust" in page
    assert "The library is empty so far" not in page
    assert "Open classrooms" in page
    assert "All 1 idea" in page
    assert "No ideas yet" not in page
    assert "Winter convening" in page
    assert "None announced yet" not in page
