"""Every persona's pages on the demo district answer, without a server error or a raw
traceback, and within its query budget (tests/query_budgets.py).

For each demo log-in the crawler starts at the home page and follows every same-origin link
and opens every GET form (with the values the form shows), breadth first. It visits each URL
shape (digits replaced by ``#``) at most twice and at most ``MAX_PAGES`` pages per persona, so
it stays fast while still reaching every kind of page a persona can see.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lattice.demo.personas import PERSONAS
from lattice.people.models import District
from tests import query_budgets
from tests.demo.district import demo_module

pytestmark = pytest.mark.django_db

MAX_PAGES = 45
PER_SHAPE = 2
SKIP = ("/accounts/logout", "/static/", "/admin/logout", "/admin/jsi18n", "/healthz")


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[District]:
    yield from demo_module(django_db_blocker)


class _Page(HTMLParser):
    """The links and GET forms of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = {"action": a.get("action", ""), "fields": []} if method == "get" else None
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self._form["fields"].append((a["name"], a.get("value", "")))
        elif self._form is not None and tag == "select":
            self._select, self._options = a.get("name"), []
        elif self._select is not None and tag == "option":
            self._options.append((a.get("value", ""), "selected" in a))
        elif self._form is not None and tag == "textarea":
            self._textarea = a.get("name")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._form is not None and self._select:
            chosen = [v for v, s in self._options if s] or [v for v, _ in self._options[:1]]
            self._form["fields"].append((self._select, chosen[0] if chosen else ""))
            self._select = None
        elif tag == "textarea":
            if self._form is not None and self._textarea:
                self._form["fields"].append((self._textarea, ""))
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _shape(url: str) -> str:
    return re.sub(r"\d+", "#", urlsplit(url).path)


def _local(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(parts.path.startswith(s) for s in SKIP):
        return None
    return path


def crawl(client: Client, start: str = "/") -> list[tuple[str, int, int]]:
    """(url, status, queries) of every page reached from ``start``."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue: deque[str] = deque([start])
    visited: list[tuple[str, int, int]] = []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        shape = _shape(url)
        if shapes.get(shape, 0) >= PER_SHAPE:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries.captured_queries)
        if response.status_code == 200:
            query_budgets.check(url, count, "on the demo")
        elif 300 <= response.status_code < 400:
            response = client.get(url, follow=True)
        status = response.status_code
        visited.append((url, status, count))
        assert status < 500, f"{url} answered {status}"
        if response.streaming:  # a file download (evidence): its status is what matters
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            continue
        body = response.content.decode(errors="replace")
        assert status < 500, f"{url} answered {status}"
        assert "Traceback (most recent call last)" not in body, f"{url} shows a traceback"
        if "html" not in response.get("Content-Type", ""):
            continue
        here = response.request["PATH_INFO"]
        page = _Page()
        page.feed(body)
        for href in page.links:
            if (target := _local(here, href)) is not None:
                queue.append(target)
        for form in page.forms:
            action = _local(here, form["action"] or here)
            if action is not None:
                sep = "&" if "?" in action else "?"
                queue.append(action.split("?")[0] + sep + urlencode(form["fields"]))
    return visited


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.username for p in PERSONAS])
def test_every_page_a_persona_can_reach_answers_within_its_budget(demo: Any, persona: Any) -> None:
    user = get_user_model().objects.get(username=persona.username)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    visited = crawl(client)  # each page within its budget (tests/query_budgets.py)
    assert len(visited) >= 3, visited
