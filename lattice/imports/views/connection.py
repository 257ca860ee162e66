"""The district's live roster connection (OneRoster 1.2 REST): settings, status, history,
and "sync now". The client secret is write-only: the page says when it was set, never what."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lattice.imports.forms import ConnectionForm
from lattice.imports.models import ImportRun, RosterConnection
from lattice.imports.oneroster.sync import save_connection
from lattice.imports.tasks import sync_connection
from lattice.people.access import get_administered_district


def connection_settings(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    connection = RosterConnection.objects.filter(district=target).first()
    form = ConnectionForm(request.POST or None, instance=connection)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "client_secret"}
        try:
            save_connection(request.user, target, values, form.cleaned_data["client_secret"])
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved the roster connection.")
            return redirect("imports:connection", district=target.key)
    runs = (
        ImportRun.objects.filter(district=target, origin="sync")
        .defer("journal", "preview", "errors", "warnings")
        .order_by("-created_at")[:30]
        if connection
        else []
    )
    return render(
        request,
        "imports/connection.html",
        {"district": target, "connection": connection, "form": form, "runs": runs},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def connection_sync(request: HttpRequest, district: str) -> HttpResponse:
    target = get_administered_district(request.user, district)
    connection = RosterConnection.objects.filter(district=target).first()
    if connection is None:
        messages.error(request, "Set up the connection first.")
        return redirect("imports:connection", district=target.key)
    sync_connection.enqueue(connection.pk, request.user.pk, request.POST.get("full") == "1")
    messages.success(
        request, "The sync has started; its import appears below when the SIS has answered."
    )
    return redirect("imports:connection", district=target.key)
