"""Every persona's pages in Chromium under the Content-Security-Policy: not one violation.

The pages are the access matrix's: each GET row that answers the persona 200 (downloads
apart), the officer who has not yet entered the code included (their open pages: the code
step, log-out). Each persona's session is signed in as the matrix's is — with the second
factor entered, for those who have one — so an officer's pages are really opened, not
redirected to the code step. A violation would mean a blocked script or style — a broken
chart, a dead button, an htmx panel that no longer updates — so the browser's own report (the
``securitypolicyviolation`` event and the console) is collected on every page.

Only HTML pages are judged. A document for machines — the SAML service-provider metadata, XML
a district's ADFS or Shibboleth imports — carries the same policy header, but Chromium shows
it through its own XML viewer, whose built-in ``<style id="xml-viewer-style">`` the policy
blocks; that is the browser's page, not Lattice's, and holds nothing of Lattice's to break.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.cast import AWAITING_CODE, PERSONAS, sign_in
from tests.lib.test_security_headers import DOWNLOADS
from tests.test_access_matrix import ROWS, expected_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


def _sign_in(context: Any, persona: str, user: Any, base_url: str) -> None:
    client = Client()
    sign_in(client, user, second_factor=persona != AWAITING_CODE)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"] + ["superuser"])
def test_no_page_of_a_persona_violates_the_policy(
    persona: str, cast: Any, live_server: Any, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(LISTEN)
    _sign_in(context, persona, cast.user(persona), live_server.url)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    seen: dict[str, list[str]] = {}
    visited = 0
    for row in ROWS:
        if row.method != "GET" or row.name in DOWNLOADS or expected_status(row, persona) != 200:
            continue
        url = row.url(cast)
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None, url
        assert response.url == f"{live_server.url}{url}", url  # opened, not sent elsewhere
        page.wait_for_load_state("load")
        if not response.headers.get("content-type", "").startswith("text/html"):
            assert "default-src 'self'" in response.headers["content-security-policy"], url
            console.clear()
            continue
        page.wait_for_timeout(50)  # let htmx run its load-time requests
        visited += 1
        found = page.evaluate("window.__csp") + console
        console.clear()
        if found:
            seen[url] = found
    context.close()
    assert visited > 0
    assert not seen, seen
