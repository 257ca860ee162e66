"""The notifications page and the preference page: every signed-in person has both."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lattice.lib.actors import user_of
from lattice.lib.paging import paginate
from lattice.notifications import kinds, send
from lattice.notifications.forms import PreferenceForm
from lattice.notifications.models import Notification


@require_http_methods(["GET", "POST"])
def notice_list(request: HttpRequest) -> HttpResponse:
    """The person's own notices, newest first; posting marks them read."""
    if request.method == "POST":
        count = send.mark_read(request.user)
        if count:
            messages.success(
                request, f"Marked {count} notification{'s' if count != 1 else ''} read."
            )
        return redirect("notifications:list")
    page = paginate(request, Notification.objects.filter(user=user_of(request.user)), 50)
    labels = {k.key: k.label for k in kinds.all_kinds()}
    for note in page.object_list:
        note.kind_label = labels.get(note.kind, "")
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread": send.unread_count(request.user),
            "delivery": send.delivery_of(user_of(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(
        request.POST or None, initial={"delivery": send.delivery_of(user_of(request.user))}
    )
    if request.method == "POST" and form.is_valid():
        pref = send.choose_delivery(request.user, form.cleaned_data["delivery"])
        messages.success(request, f"Saved. Email: {pref.get_delivery_display().lower()}.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
