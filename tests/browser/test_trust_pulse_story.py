"""In Chromium: a teacher finds the open trust-pulse round on her profile, answers its five
statements and is thanked; the round then counts her, and her answers are stored without her."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from lattice.network import actions
from lattice.network.models import PulseReceipt, PulseResponse
from tests.browser.test_network_story import sign_in
from tests.cast import build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_answers_the_trust_pulse_from_her_profile(live_server: Any, page: Any) -> None:
    cast = build_cast()
    on = timezone.localdate()
    pulse = actions.open_round(
        None, cast.district, title="Winter pulse", opens_on=on, closes_on=on + dt.timedelta(7)
    )
    sign_in(page, live_server, cast.user("teacher"))
    page.goto(f"{live_server.url}/me/")
    page.get_by_role("link", name="Winter pulse").click()
    for group in page.get_by_role("group").all():
        group.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_text("Your answers are kept without your name.").wait_for()
    assert page.get_by_role("cell", name="Answered").is_visible()
    assert PulseReceipt.objects.filter(round=pulse, staff_member=cast.teacher_staff).exists()
    assert list(PulseResponse.objects.filter(round=pulse).values_list("answers", flat=True)) == [
        dict.fromkeys(pulse.questions, 4)
    ]
