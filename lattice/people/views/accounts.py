"""Log-in with an optional second step (TOTP), and turning two-factor on and off."""

from __future__ import annotations

import secrets
from base64 import b32encode
from binascii import unhexlify

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lattice.people import actions
from lattice.people.access import scope_for
from lattice.people.forms import TokenForm
from lattice.people.views.common import needs_second_step, verified_page

PENDING_KEY = "lattice_totp_pending_key"


class LoginView(auth_views.LoginView):
    """Username and password; users with two-factor on continue to the code step."""

    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        if user_has_device(form.get_user()):
            return redirect_to_login(self.get_success_url(), reverse("people:login-code"))
        return response


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("people:home")


def login_code(request: HttpRequest) -> HttpResponse:
    """The second log-in step: the six-digit code from the user's authenticator app."""
    if not needs_second_step(request):
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error(
            "token", "That code did not match. Check your app's clock and enter the newest code."
        )
    return render(
        request, "registration/login_code.html", {"form": form, "next": _safe_next(request)}
    )


def _may_use_two_factor(request: HttpRequest) -> bool:
    scope = scope_for(request.user)
    return (
        scope.is_superuser or scope.is_officer or scope.is_network_officer or (scope.is_principal)
    )


@verified_page
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn on two-factor: scan the QR code, then confirm with a code from the app."""
    if not _may_use_two_factor(request):
        raise Http404("Two-factor sign-in is for principals and officers.")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None:
        return render(request, "people/two_factor.html", {"device": device})
    key = request.session.get(PENDING_KEY)
    if not key:
        key = secrets.token_hex(20)
        request.session[PENDING_KEY] = key
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(unhexlify(key))
        if totp.verify(int(form.cleaned_data["token"]), tolerance=1):
            device = actions.enrol_two_factor(request.user, key=key)
            otp_login(request, device)
            del request.session[PENDING_KEY]
            messages.success(
                request,
                "Two-factor sign-in is on. Next time you sign in, "
                "Lattice will ask for a code from your app.",
            )
            return redirect("people:two-factor")
        form.add_error(
            "token", "That code did not match. Scan the QR code again and enter the newest code."
        )
    pending = TOTPDevice(user=request.user, key=key, name="Authenticator app")
    qr = segno.make(pending.config_url, error="m").svg_inline(
        scale=4,
        omitsize=True,
        dark="#111",
        light="#fff",
        title="QR code for your authenticator app",
    )
    manual = b32encode(pending.bin_key).decode()
    return render(
        request,
        "people/two_factor.html",
        {
            "form": form,
            "qr_svg": qr,
            "manual_key": " ".join(manual[i : i + 4] for i in range(0, len(manual), 4)),
        },
    )


@require_POST
@verified_page
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    if not _may_use_two_factor(request):
        raise Http404("Two-factor sign-in is for principals and officers.")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None:
        actions.remove_two_factor(request.user, device)
        messages.success(request, "Two-factor sign-in is off.")
    return redirect("people:two-factor")


password_change = verified_page(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("people:password-change-done"))
)
password_change_done = auth_views.PasswordChangeDoneView.as_view()
