"""Convenings: the list, one convening's sessions and materials, registration and check-in
(staff of member districts), and the network office's programme and materials forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions
from lattice.network.forms import ConveningForm, MaterialForm, SessionForm
from lattice.network.models import Convening, ConveningSession, Registration
from lattice.network.views.common import refused, today
from lattice.people.models import Network


def convenings(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    office = access.is_network_office(request.user, network)
    form = ConveningForm(request.POST or None)
    if request.method == "POST":
        if not office:
            raise Http404("No such page")
        if form.is_valid():
            try:
                made = actions.create_convening(request.user, network, **form.cleaned_data)
            except actions.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Announced. Add its sessions next.")
                return HttpResponseRedirect(
                    reverse("network:convening", args=[network.key, made.pk])
                )
    on = today()
    rows = Convening.objects.filter(network=network)
    return render(
        request,
        "network/convenings.html",
        {
            "network": network,
            "upcoming": rows.filter(ends_on__gte=on).order_by("starts_on"),
            "past": rows.filter(ends_on__lt=on),
            "form": form if office else None,
        },
    )


def _convening(request: HttpRequest, key: str, pk: Any) -> tuple[Network, Convening]:
    network = access.get_network(request.user, key)
    found = Convening.objects.filter(network=network, pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404("No such convening")
    return network, found


def convening(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found = _convening(request, key, pk)
    me = access.staff_in(request.user, network)
    on = today()
    sessions = found.sessions.annotate(
        taken=Count("registrations"),
        attended_count=Count("registrations", filter=Q(registrations__attended=True)),
    )
    mine = (
        {
            r.session_id: r
            for r in Registration.objects.filter(session__convening=found, staff_member=me)
        }
        if me is not None
        else {}
    )
    office = access.is_network_office(request.user, network)
    return render(
        request,
        "network/convening.html",
        {
            "network": network,
            "convening": found,
            "sessions": [(s, mine.get(s.pk)) for s in sessions],
            "staff": me is not None,
            "open": on <= found.ends_on,
            "begun": on >= found.starts_on,
            "today": on,
            "materials": found.materials.select_related("resource"),
            "office": office,
            "session_form": SessionForm() if office else None,
            "material_form": MaterialForm(network=network) if office else None,
        },
    )


def _back(network: Network, found: Convening) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("network:convening", args=[network.key, found.pk]))


@require_POST
def register(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    session = ConveningSession.objects.filter(convening__network=network, pk=pk).first()
    me = access.staff_in(request.user, network)
    if session is None or me is None:
        raise Http404("No such session")
    try:
        actions.register(request.user, session, me, on=today())
    except actions.NetworkError as error:
        refused(request, error)
    else:
        messages.success(request, f"You have a seat at “{session.title}”.")
    return _back(network, session.convening)


@require_POST
def check_in(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    me = access.staff_in(request.user, network)
    seat = (
        Registration.objects.filter(
            session__convening__network=network, session_id=pk, staff_member=me
        )
        .select_related("session__convening")
        .first()
        if me is not None
        else None
    )
    if seat is None:
        raise Http404("No such registration")
    try:
        actions.check_in(request.user, seat, on=today())
    except actions.NetworkError as error:
        refused(request, error)
    else:
        messages.success(request, "Thank you: your attendance is recorded.")
    return _back(network, seat.session.convening)


def _office_post(request: HttpRequest, key: str, pk: int) -> tuple[Network, Convening]:
    network, found = _convening(request, key, pk)
    if not access.is_network_office(request.user, network):
        raise Http404("No such page")
    return network, found


@require_POST
def add_session(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found = _office_post(request, key, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            actions.add_session(request.user, found, **form.cleaned_data)
        except actions.NetworkError as error:
            refused(request, error)
        else:
            messages.success(request, "Added the session.")
    else:
        messages.error(
            request, "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        )
    return _back(network, found)


@require_POST
def add_material(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network, found = _office_post(request, key, pk)
    form = MaterialForm(request.POST, network=network)
    if form.is_valid():
        try:
            actions.add_material(request.user, found, on=today(), **form.cleaned_data)
        except actions.NetworkError as error:
            refused(request, error)
        else:
            messages.success(request, "Shared the material.")
    else:
        messages.error(
            request, "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in form.errors.items())
        )
    return _back(network, found)
