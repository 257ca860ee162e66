"""At a phone's 390 px, in Chromium: My path shows each year's pay without sideways scrolling,
its chart's labels read at 12 px or more, and every table left wide is a named keyboard stop
that says "Scroll sideways to see more" only while it overflows. The pages pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.browser.test_content_security_policy import AXE_RUN, THIRD_PARTY, TOO_WIDE, _axe_source
from tests.cast import Cast
from tests.cast import sign_in as sign_in_client
from tests.pathways.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each chart label's size on the screen: its CSS font size times the chart's scale.
LABEL_PX = """() => [...document.querySelectorAll('.progress-chart text')].map((t) =>
  parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)"""
# Every table's scroll box: named region, keyboard stop, overflowing, hint shown.
TABLE_BOXES = """() => [...document.querySelectorAll('.table-wrap')].map((box) => {
  const hint = box.previousElementSibling;
  return {
    name: box.getAttribute('aria-label') || '',
    role: box.getAttribute('role'),
    tabindex: box.getAttribute('tabindex'),
    overflows: box.scrollWidth > box.clientWidth + 1,
    hinted: !!hint && hint.classList.contains('scroll-hint') &&
      getComputedStyle(hint).display !== 'none',
  };
})"""


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    sign_in_client(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def teacher_page(cast: Cast, live_server: Any, page: Any) -> Any:
    build_world(cast)
    page.context.add_init_script(_axe_source())
    sign_in(page, live_server, cast.user("teacher"))
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_my_path_shows_each_years_pay_on_a_phone_without_scrolling(
    teacher_page: Any, live_server: Any
) -> None:
    teacher_page.goto(f"{live_server.url}/pathways/me/")
    pays = teacher_page.locator("td[data-label='Pay']")
    assert pays.count() >= 1
    for n in range(pays.count()):
        box = pays.nth(n).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 390, pays.nth(n).inner_text()
    assert teacher_page.evaluate(TOO_WIDE) == 0


def test_the_my_path_chart_labels_read_at_12_px_on_a_phone_and_at_a_desktop(
    teacher_page: Any, live_server: Any
) -> None:
    for width in (390, 1280):
        teacher_page.set_viewport_size({"width": width, "height": 844})
        teacher_page.goto(f"{live_server.url}/pathways/me/")
        sizes = teacher_page.evaluate(LABEL_PX)
        assert sizes
        assert min(sizes) >= 12, (width, sizes)


def test_wide_tables_are_named_keyboard_stops_that_say_when_they_scroll(
    teacher_page: Any, live_server: Any
) -> None:
    for url in ("/pathways/me/", "/pathways/me/statement/", "/me/"):
        teacher_page.goto(f"{live_server.url}{url}")
        for box in teacher_page.evaluate(TABLE_BOXES):
            assert box["role"] == "region", (url, box)
            assert box["name"], (url, box)
            assert box["tabindex"] == "0", (url, box)
            assert box["hinted"] == box["overflows"], (url, box)
        assert teacher_page.evaluate(AXE_RUN, THIRD_PARTY) == [], url
        assert teacher_page.evaluate(TOO_WIDE) == 0, url


def test_the_district_pathways_table_says_scroll_sideways_on_a_phone_only(
    cast: Cast, live_server: Any, page: Any
) -> None:
    build_world(cast)
    sign_in(page, live_server, cast.user("officer"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pathways/office/district/")
    boxes = page.evaluate(TABLE_BOXES)
    wide = [b for b in boxes if b["overflows"]]
    assert wide, boxes  # "Teachers by pathway and school" has a column a pathway
    assert all(b["hinted"] for b in wide), wide
    assert page.get_by_text("Scroll sideways to see more").first.is_visible()
    page.set_viewport_size({"width": 1280, "height": 844})
    page.wait_for_function("() => !document.querySelector('.scroll-hint.overflows')")
    assert not any(b["hinted"] for b in page.evaluate(TABLE_BOXES))
