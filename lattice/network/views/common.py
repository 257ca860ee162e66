"""Helpers shared by the network pages."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest

from lattice.network.actions import NetworkError
from lattice.people.queries import today as people_today


def today() -> dt.date:
    return people_today()


def refused(request: HttpRequest, error: NetworkError) -> None:
    messages.error(request, str(error))
