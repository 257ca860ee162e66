"""Searching the library: PostgreSQL full-text search where the database is PostgreSQL, a
plain word-by-word match elsewhere (SQLite, the default install).

Full text (``django.contrib.postgres.search``) stems words ("mentoring" finds "mentors"),
weighs a title above a summary above the body, and ranks by relevance. The fallback keeps a
resource when every word of the query appears (case-insensitively) in its title, summary,
body, source or tags, ordered by title. Both take the same query text and never raise on
odd input: a query of only punctuation finds nothing.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from lattice.network.models import Resource

WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The query's words, lower-cased, at most ten (longer queries add nothing)."""
    return [w.lower() for w in WORD.findall(text or "")][:10]


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


def search_resources(
    resources: QuerySet[Resource], text: str, *, full_text: bool | None = None
) -> QuerySet[Resource]:
    """``resources`` matching ``text``, best first; all of them for an empty query.

    ``full_text`` forces a path (None: full text when the database offers it); the tests run
    the plain path on PostgreSQL too.
    """
    found = words(text)
    if not (text or "").strip():
        return resources
    if not found:
        return resources.none()
    use_full_text = full_text_available() if full_text is None else full_text
    if use_full_text:
        return _full_text(resources, found)
    return _plain(resources, found)


def _plain(resources: QuerySet[Resource], found: list[str]) -> QuerySet[Resource]:
    q = Q()
    for word in found:
        q &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(source_title__icontains=word)
            | Q(tags__label__icontains=word)
        )
    ids = resources.filter(q).values("pk")
    return resources.filter(pk__in=ids).order_by("title")


def _full_text(resources: QuerySet[Resource], found: list[str]) -> QuerySet[Resource]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", "source_title", weight="C", config="english")
    )
    query = SearchQuery(" ".join(found), search_type="plain", config="english")
    matched = resources.annotate(document=vector).filter(document=query).values("pk")
    # a resource whose tags hold every word matches too (tags are not in the vector)
    tagged = resources
    for word in found:
        tagged = tagged.filter(tags__slug=word)
    return (
        resources.filter(Q(pk__in=matched) | Q(pk__in=tagged.values("pk")))
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "title")
    )
