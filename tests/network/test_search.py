"""Searching the library: full text on PostgreSQL, the plain word match everywhere; both find
by title, summary, body, source and tag, and neither crashes on odd input."""

from __future__ import annotations

from typing import Any

import pytest

from lattice.network.models import Resource
from lattice.network.search import full_text_available, search_resources
from tests.network.world import world

# The plain path runs on both databases; the full-text path where the database is PostgreSQL.
PATHS = [pytest.param(False, id="plain"), pytest.param(True, id="full-text")]


def _titles(found: Any) -> set[str]:
    return {r.title for r in found}


@pytest.fixture
def library(cast: Any) -> Any:
    world(cast)
    return Resource.objects.filter(network=cast.network)


@pytest.mark.parametrize("full_text", PATHS)
def test_a_word_of_the_summary_finds_the_resource(library: Any, full_text: bool) -> None:
    if full_text and not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    assert _titles(search_resources(library, "coaches", full_text=full_text)) == {
        "Slow and steady: building trust"
    }


@pytest.mark.parametrize("full_text", PATHS)
def test_a_tag_finds_its_resources(library: Any, full_text: bool) -> None:
    if full_text and not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    assert "Slow and steady: building trust" in _titles(
        search_resources(library, "trust", full_text=full_text)
    )


@pytest.mark.parametrize("full_text", PATHS)
def test_every_word_must_match(library: Any, full_text: bool) -> None:
    if full_text and not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    assert not search_resources(library, "trust zeppelin", full_text=full_text).exists()


@pytest.mark.parametrize("full_text", PATHS)
def test_punctuation_alone_finds_nothing_and_does_not_crash(library: Any, full_text: bool) -> None:
    if full_text and not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    assert list(search_resources(library, "&|!'():*", full_text=full_text)) == []


def test_an_empty_query_lists_the_whole_library(library: Any) -> None:
    assert search_resources(library, "  ").count() == 3


def test_full_text_stems_words_on_postgresql(library: Any) -> None:
    if not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    # the body says "mentoring": the query's stem "mentor" matches it
    assert "Slow and steady: building trust" in _titles(search_resources(library, "mentor"))


@pytest.mark.parametrize("full_text", PATHS)
def test_a_word_of_the_title_alone_finds_the_resource(library: Any, full_text: bool) -> None:
    if full_text and not full_text_available():
        pytest.skip("full-text search needs PostgreSQL")
    # "steady" is in the title only: not in the summary, body, source or tags
    assert _titles(search_resources(library, "Steady", full_text=full_text)) == {
        "Slow and steady: building trust"
    }
