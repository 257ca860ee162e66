"""The demo's notices for the office personas no app's demo content reaches: the second
district's talent officer (officer2) and the administrator (admin) each asked for a small
forecast, which the real forecast task ran, so each home's notices show "Your forecast is
ready" as a talent office's would on a real morning. (The network officer hears of the demo's
Teach to Lead idea from the network app itself.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from lattice.demo.plan import MAIN, SECOND
from lattice.forecasts import actions
from lattice.forecasts.tasks import run_forecast
from lattice.notifications.send import without_email
from lattice.people.models import District
from lattice.rules.records import school_year_label, school_year_of

# A made-up district of 100 teachers over two years, 20 runs: a fraction of a second.
SMALL = {
    "policy": "shipped:baltimore-2010",
    "vs": "",
    "workforce": "synthetic",
    "teachers": 100,
    "years": 2,
    "runs": 20,
    "seed": 0,
    "calibrate": False,
    "assumptions": {},
}


def give_office_notices(today: dt.date) -> int:
    """Run one small forecast for officer2 (their district) and one for admin (the main
    district); returns how many ran."""
    users = get_user_model().objects.in_bulk(["officer2", "admin"], field_name="username")
    wanted: list[tuple[Any, str]] = [
        (users.get("officer2"), SECOND.key),
        (users.get("admin"), MAIN.key),
    ]
    ran = 0
    first = school_year_of(today) + 1
    for user, key in wanted:
        district = District.objects.filter(key=key).first()
        if user is None or district is None:
            continue
        inputs = SMALL | {"first_school_year": first}
        title = f"Baltimore City career pathways, 2 years from {school_year_label(first)}, 20 runs"
        run = actions.request_forecast(user, district, title, inputs)
        with without_email():
            run_forecast.call(run.pk)
        ran += 1
    return ran
