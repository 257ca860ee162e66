"""Every persona's pages in Chromium: no Content-Security-Policy violation, and no serious or
critical axe-core finding at a desktop's width (1280 px) or a phone's (390 px).

The pages are the access matrix's: each GET row that answers the persona 200 (downloads
apart), the officer who has not yet entered the code included (their open pages: the code
step, log-out); a persona mirroring another (``MIRRORS``) walks only the pages the other cannot
open. Each persona's session is signed in as the matrix's is — with the second
factor entered, for those who have one — so an officer's pages are really opened, not
redirected to the code step. A violation would mean a blocked script or style — a broken
chart, a dead button, an htmx panel that no longer updates — so the browser's own report (the
``securitypolicyviolation`` event and the console) is collected on every page.

The same walk runs axe-core (installed from the npm registry by ``make axe``, into the
git-ignored .test-tools/; never from a CDN) on each page at both widths: the page is opened
once at 1280 px, judged and photographed, then narrowed to 390 px — the layout reflows without
a second navigation — and judged and photographed again. axe's source is handed to every page
the walk opens as an init script over the DevTools protocol
(``Page.addScriptToEvaluateOnNewDocument``, compiled once and cached by Chromium, where handing
it over per page cost ~150 ms), which the policy does not govern, so the policy stays exactly
the one a person's browser enforces. A screenshot (a JPEG) of each page at each
width is kept under test-artifacts/pages/<persona>/ so a person can look at every page as it
rendered (on a developer's machine; in CI only with LATTICE_PAGE_SHOTS=1). Each page is opened
once: its response says whether it is a page to judge or a document for machines.

Only HTML pages are judged. A document for machines — the SAML service-provider metadata, XML
a district's ADFS or Shibboleth imports — carries the same policy header, but Chromium shows
it through its own XML viewer, whose built-in ``<style id="xml-viewer-style">`` the policy
blocks; that is the browser's page, not Lattice's, and holds nothing of Lattice's to break.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.accounts.world import sso_world
from tests.browser.conftest import enter_code_if_asked
from tests.browser.test_two_factor import _confirm_password_if_asked
from tests.cast import AWAITING_CODE, PASSWORD, PERSONAS, sign_in
from tests.lib.test_security_headers import DOWNLOADS
from tests.test_access_matrix import ROWS, expected_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("LATTICE_SCREENSHOTS")  # a folder to keep screenshots in, when set
ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("LATTICE_AXE", ROOT / ".test-tools/node_modules/axe-core/axe.min.js"))
PAGES = ROOT / "test-artifacts" / "pages"  # a screenshot per page and width, kept for looking
# ...on a developer's machine; CI (``CI=true``), where nobody looks, skips them (a fifth of the
# walk's time) unless LATTICE_PAGE_SHOTS=1 asks for them.
KEEP_SHOTS = os.environ.get("LATTICE_PAGE_SHOTS", "0" if os.environ.get("CI") else "1") == "1"
# A persona in the same role as another, elsewhere (another school or district, a principal who
# moved), or the superuser, who opens an officer's pages as the officer does: its walk judges
# only the pages the persona it mirrors cannot open; the rest are the same templates under the
# same permissions, judged in that persona's walk.
MIRRORS = {
    "teacher_other_school": "teacher",
    "other_principal": "principal",
    "moved_principal": "principal",
    "other_officer": "officer",
    "superuser": "officer",
}
WIDTHS = (1280, 390)  # a desktop's and a phone's
SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
TOO_WIDE = """() => { const w = document.documentElement.scrollWidth;
  return w > window.innerWidth + 1 ? w : 0; }"""
# At a desktop's width the brand and the main menu sit on one line (the account links below).
MENU_LINES = """() => { const mids = [...document.querySelectorAll('.brand, .main-nav li')]
  .map((el) => { const r = el.getBoundingClientRect(); return (r.top + r.bottom) / 2; })
  .sort((a, b) => a - b);
  return mids.filter((m, i) => i === 0 || m - mids[i - 1] > 12).length; }"""
# axe's rules (WCAG 2.x A and AA, and its best practices), failing on serious and critical
# findings and on landmark-unique (two navigations or regions of one name), on the whole
# document but the Swagger UI widget on the API documentation page: a third party's markup
# (its expand buttons nest inside button-like rows, its greys are its own), not Lattice's;
# the page around it (language, title, landmark) is judged.
THIRD_PARTY = [["#swagger-ui"]]
# Two animation frames after a resize: the browser has fired "resize" and lattice.js has
# marked what overflows at the new width (a chart that scrolls becomes a keyboard stop).
RESIZED = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
AXE_RUN = """async (exclude) => {
  const r = await axe.run({exclude}, {resultTypes: ["violations"]});
  return r.violations.filter((v) => ["serious", "critical"].includes(v.impact) ||
    v.id === "landmark-unique").map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ") +
      (n.any[0]?.data?.contrastRatio ? ` (${n.any[0].data.contrastRatio}:1)` : "")).join(", "));
}"""
VIRTUAL_AUTHENTICATOR = {  # Chromium's, over the DevTools protocol
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
}

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


def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make axe` (npm, axe-core@4)")
    return AXE.read_text(encoding="utf-8")


def _page_name(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-") or "home"


@pytest.mark.slow
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"] + ["superuser"])
def test_no_page_of_a_persona_violates_the_policy_or_axe_at_either_width(
    persona: str, cast: Any, live_server: Any, browser: Any
) -> None:
    axe = _axe_source()
    shots = PAGES / persona
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 844})
    context.add_init_script(LISTEN)
    context.add_init_script(axe)
    _sign_in(context, persona, cast.user(persona), live_server.url)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    seen: dict[str, list[str]] = {}
    inaccessible: dict[str, list[str]] = {}
    visited = 0
    for row in ROWS:
        if row.method != "GET" or row.name in DOWNLOADS or expected_status(row, persona) != 200:
            continue
        if persona in MIRRORS and expected_status(row, MIRRORS[persona]) == 200:
            continue  # the same page, judged in the walk of the persona this one mirrors
        url = row.url(cast)
        page.set_viewport_size({"width": WIDTHS[0], "height": 844})
        try:
            response = page.goto(f"{live_server.url}{url}")
        except PlaywrightError as error:  # a file sent as a download, not a page
            if "Download is starting" not in str(error):
                raise
            response = None
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            # A document for machines or a file (JSON, XML, a PDF): its own headers, asked
            # for directly (a viewer's navigation reports the viewer's); what Chromium's
            # viewer logs about its own styles is left behind on a blank page.
            document = context.request.get(f"{live_server.url}{url}", max_redirects=0)
            assert "default-src 'self'" in document.headers["content-security-policy"], url
            page.goto("about:blank")
            console.clear()
            continue
        assert response.url == f"{live_server.url}{url}", url  # opened, not sent elsewhere
        page.wait_for_load_state("load")
        page.wait_for_function(SETTLED)  # htmx's load-time requests answered and swapped in
        visited += 1
        # A fragment htmx swaps into its page (a progress bar, a search's results) is judged
        # there; opened alone it has no title or language of its own.
        if response.text().lstrip()[:15].lower().startswith("<!doctype"):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 844})
                page.evaluate(RESIZED)  # the page's resize handlers ran, as a reader's would
                found = page.evaluate(AXE_RUN, THIRD_PARTY)
                wide = page.evaluate(TOO_WIDE)
                if wide:  # a table scrolls in its own region; the page itself never sideways
                    found.append(f"the page is {wide} px wide, wider than the window")
                if width == WIDTHS[0] and (lines := page.evaluate(MENU_LINES)) > 1:
                    found.append(f"the header's brand and main menu take {lines} lines")
                if found:
                    inaccessible[f"{url} at {width} px"] = found
                # A JPEG takes under half a PNG's time (~230 full pages a walk) and reads as well.
                if KEEP_SHOTS:
                    shot = shots / f"{_page_name(url)}-{width}.jpg"
                    page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=70)
        found = page.evaluate("window.__csp") + console
        console.clear()
        if found:
            seen[url] = found
    context.close()
    assert visited > 0
    assert not seen, seen
    findings = "\n".join(f"{where}: {v}" for where, found in inaccessible.items() for v in found)
    (shots / "axe.txt").write_text(findings + "\n", encoding="utf-8")
    assert not inaccessible, f"axe-core's serious or critical findings:\n{findings}"


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_the_sign_in_steps_a_walk_cannot_open_show_no_violation(
    cast: Any, live_server: Any, browser: Any
) -> None:
    """The log-in page with its provider buttons, the code step after the password, the
    passkey page (allauth's WebAuthn script and its JSON data) and the recovery codes the first
    key brings — reached only by signing in."""
    sso_world(cast)
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(LISTEN)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_AUTHENTICATOR})
    console: list[str] = []
    page.on(
        "console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None
    )
    seen: dict[str, list[str]] = {}

    def look(step: str) -> None:
        page.wait_for_load_state("load")
        found = page.evaluate("window.__csp") + console
        console.clear()
        if found:
            seen[step] = found
        _shot(page, f"sign-in-{step}")

    page.goto(f"{base}/accounts/login/")
    look("log-in")
    page.get_by_label("Username").fill(cast.user("officer").username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(f"{base}/accounts/2fa/authenticate/")
    look("code")
    enter_code_if_asked(page)
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    _confirm_password_if_asked(page)
    assert page.url == f"{base}/accounts/2fa/webauthn/add/"
    look("passkey")
    page.get_by_label("Name").fill("This laptop")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")  # the first key brings recovery codes
    look("recovery-codes")
    context.close()
    assert not seen, seen
