"""Request and response guards shared by every page.

- :class:`UnreadableFormMiddleware`: a form Django cannot read (a file name longer than its
  multipart parser accepts, an upload cut off, too many files) is answered with a page that
  says what happened and what to do, not a bare "Bad Request (400)".
- :class:`NulInAddressMiddleware`: an address whose query string holds a NUL character is
  answered 400, naming the parameter, before any view reads it: PostgreSQL refuses to compare
  text holding NUL, so such a value would otherwise crash whichever page filters by it.
- :class:`PrivatePagesMiddleware`: pages behind the log-in are personal (names, ratings, pay),
  so browsers and proxies must not keep copies: ``Cache-Control: no-store`` on every response
  to a signed-in user; and a ``Permissions-Policy`` that switches off the powerful browser
  features Lattice never uses (camera, microphone, location, payment, USB, ...) and keeps
  the one it does use, Web Authentication (passkeys, security keys), to Lattice's own pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from lattice.lib import problems

# Off everywhere: nothing in Lattice needs them.
FEATURES_OFF = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# Lattice's own pages only: passkeys and security keys are created on the passkey page and
# asked for on the log-in, second-factor and reauthentication pages (navigator.credentials);
# ``()`` here would make every passkey sign-in fail with NotAllowedError.
FEATURES_SELF = ("publickey-credentials-create", "publickey-credentials-get")
PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in FEATURES_OFF]
    + [f"{feature}=(self)" for feature in FEATURES_SELF]
)


class UnreadableFormMiddleware:
    """Read a multipart form before the views do; answer what cannot be read in words."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and _declared_length(request) <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        ):
            # Larger bodies are left to the views that take large uploads (imports): they
            # compare the declared length with their own limit before anything is read.
            try:
                request.POST  # noqa: B018 -- parse now, so a failure is ours to explain
            except MultiPartParserError:
                return self._refuse(
                    request,
                    "A file's name is too long to upload (or the upload was cut off).",
                    "Rename the file to a shorter name — under 200 characters is plenty — and "
                    "choose it again.",
                )
            except TooManyFilesSent:
                return self._refuse(
                    request,
                    "The form sent more files than Lattice accepts at once.",
                    f"Attach at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files and send it "
                    "again.",
                )
            except RequestDataTooBig:
                return self._refuse(
                    request,
                    "The form's text is larger than Lattice accepts.",
                    "Shorten what you typed and send it again.",
                )
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, problem: str, fix: str) -> HttpResponse:
        return render(
            request,
            "form_unreadable.html",
            {"problem": problem, "fix": fix, "back": request.path},
            status=400,
        )


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


API_PATH = "/api/"  # where lattice/urls.py mounts the JSON API


class NulInAddressMiddleware:
    """Answer 400 to a query string holding NUL (``%00``), in the caller's language: the API's
    problem details under /api/, a page saying what to do elsewhere. No link Lattice makes
    holds one; a hand-edited or hostile address does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return self._refuse(request, name.replace("\x00", "") or "(unnamed)")
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, name: str) -> HttpResponse:
        message = f"The address's parameter {name!r} holds a NUL character (%00)."
        fix = f"Remove the NUL character from {name!r} and ask again."
        if request.path.startswith(API_PATH):
            body = {
                "type": problems.TYPES + "invalid",
                "title": "The request is not valid",
                "status": 400,
                "detail": message,
                "errors": [{"field": name, "message": message, "fix": fix}],
            }
            return JsonResponse(body, status=400, content_type=problems.MEDIA_TYPE)
        return render(
            request,
            "form_unreadable.html",
            {
                "heading": "The address could not be read",
                "problem": message,
                "fix": fix,
                "back": request.path,
                "back_label": "Open the page without its parameters",
            },
            status=400,
        )


class PrivatePagesMiddleware:
    """``Cache-Control: no-store`` for signed-in users; a restrictive Permissions-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
        return response
