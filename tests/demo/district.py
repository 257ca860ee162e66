"""The demo network as tests use it: the small demo district with every app's content,
generated once per test module (``demo_module``) and removed again after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.management import call_command

from lattice.demo.generator import DemoSpec
from lattice.demo.load import load_demo
from lattice.people.models import District
from tests.pathways.world import private_media_in_tmp

# People, pathways and roles, as `make run` loads them, at a tenth of the size.
DEMO = DemoSpec(seed=7, teachers=120, years=3, today=dt.date.today())


def demo_module(django_db_blocker: Any) -> Iterator[District]:
    """Load the demo, yield its main district, then empty the test database again."""
    with django_db_blocker.unblock():
        private_media_in_tmp()
        load_demo(DEMO)
        district = District.objects.get(key="maplewood")
    yield district
    with django_db_blocker.unblock():
        call_command("flush", verbosity=0, interactive=False)
