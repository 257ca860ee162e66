"""Every persona's pages in Chromium under the Content-Security-Policy: not one violation.

The pages are the access matrix's: each GET row a persona may open (downloads apart). A
violation would mean a blocked script or style — a broken chart, a dead button, an htmx panel
that no longer updates — so the browser's own report (the ``securitypolicyviolation`` event and
the console) is collected on every page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.cast import PERSONAS
from tests.lib.test_security_headers import DOWNLOADS
from tests.test_access_matrix import ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


def _sign_in(context: Any, user: Any, base_url: str) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"] + ["superuser"])
def test_no_page_of_a_persona_violates_the_policy(
    persona: str, cast: Any, live_server: Any, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(LISTEN)
    _sign_in(context, cast.user(persona), live_server.url)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    seen: dict[str, list[str]] = {}
    visited = 0
    for row in ROWS:
        allowed = persona in row.allowed or (persona == "superuser" and row.extra.get("superuser"))
        if row.method != "GET" or not allowed or row.name in DOWNLOADS or row.ok_status != 200:
            continue
        url = row.url(cast)
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # let htmx run its load-time requests
        visited += 1
        found = page.evaluate("window.__csp") + console
        console.clear()
        if found:
            seen[url] = found
    context.close()
    assert visited > 0
    assert not seen, seen
