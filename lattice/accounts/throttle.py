"""Slowing password guessing without letting anyone lock an account holder out.

Failed sign-ins are counted three ways, each in the last hour:

- per **account** (the username typed), from browsers the account holder has not signed in
  with before;
- per **address** (the client's IP address, read through the configured trusted proxy,
  see ``ALLAUTH_TRUSTED_PROXY_COUNT`` in settings), so one machine spraying a common password
  across many accounts is slowed as soon as it passes the address's allowance;
- per **known device**: a browser that signed in to the account before holds a signed device
  cookie for it, and its failures count only against that cookie.

Past an allowance, the next try must wait, 15 seconds at first and twice as long after each
further failure, at most 15 minutes; it is a delay, never a lock. Because a stranger's
guesses never count against the holder's own browser, nobody can keep a named officer from
signing in, however many wrong passwords they send (OWASP, "Slow Down Online Guessing
Attacks with Device Cookies").
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from typing import Any

from allauth.account.adapter import get_adapter
from django.core import signing
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lattice.accounts.models import FailedSignIn

WINDOW = dt.timedelta(hours=1)
ACCOUNT_ALLOWANCE = 5
ADDRESS_ALLOWANCE = 20
DEVICE_ALLOWANCE = 10
FIRST_DELAY = 15  # seconds
LONGEST_DELAY = 15 * 60
KEPT_FOR = dt.timedelta(days=1)

DEVICE_COOKIE = "lattice_device"
DEVICE_COOKIE_AGE = 365 * 24 * 60 * 60
DEVICE_SALT = "lattice.accounts.device"
DEVICES_PER_BROWSER = 5


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as allauth reads it (trusted proxy header or the connection)."""
    return get_adapter(request).get_client_ip(request) or None


def _known_devices(request: HttpRequest) -> dict[str, str]:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return {}
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _delay(failures: Any, allowance: int, now: dt.datetime) -> int:
    """Seconds to wait before the next try, given the failures counted against one key."""
    found = failures.aggregate(count=Count("pk"), last=Max("at"))
    count, last = found["count"], found["last"]
    if count < allowance or last is None:
        return 0
    wait = min(FIRST_DELAY * 2 ** (count - allowance), LONGEST_DELAY)
    return max(0, math.ceil((last + dt.timedelta(seconds=wait) - now).total_seconds()))


def trusted_device(request: HttpRequest, username: str) -> str:
    """The device id of this browser for ``username`` if it has signed in as them before and
    has not used up its own allowance; otherwise ""."""
    device = _known_devices(request).get(normalise(username), "")
    if not device:
        return ""
    since = timezone.now() - WINDOW
    spent = FailedSignIn.objects.filter(trusted_device=device, at__gte=since).count()
    return device if spent < DEVICE_ALLOWANCE else ""


def seconds_to_wait(request: HttpRequest, username: str) -> int:
    """How long this browser must wait before it may try a password for ``username``."""
    now = timezone.now()
    since = now - WINDOW
    device = trusted_device(request, username)
    if device:
        return _delay(
            FailedSignIn.objects.filter(trusted_device=device, at__gte=since),
            DEVICE_ALLOWANCE,
            now,
        )
    untrusted = FailedSignIn.objects.filter(trusted_device="", at__gte=since)
    by_account = _delay(untrusted.filter(username=normalise(username)), ACCOUNT_ALLOWANCE, now)
    ip = client_ip(request)
    by_address = _delay(untrusted.filter(ip_address=ip), ADDRESS_ALLOWANCE, now) if ip else 0
    return max(by_account, by_address)


def record_failure(request: HttpRequest, username: str) -> None:
    FailedSignIn.objects.create(
        at=timezone.now(),
        username=normalise(username),
        ip_address=client_ip(request),
        trusted_device=trusted_device(request, username),
    )


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a full sign-in, let this browser's later tries for ``username`` count apart."""
    devices = _known_devices(request)
    key = normalise(username)
    devices.pop(key, None)
    devices[key] = secrets.token_urlsafe(24)
    while len(devices) > DEVICES_PER_BROWSER:
        devices.pop(next(iter(devices)))
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(devices, salt=DEVICE_SALT),
        max_age=DEVICE_COOKIE_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def forget_old_failures(now: dt.datetime | None = None) -> int:
    """Delete failures older than a day (they no longer count); returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _ = FailedSignIn.objects.filter(at__lt=cutoff).delete()
    return deleted
