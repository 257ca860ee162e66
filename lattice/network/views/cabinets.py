"""Network cabinets (councils bodies serving the whole network) and taking a Teach to Lead
idea to a council."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions
from lattice.network.forms_district import CabinetForm, CouncilForm
from lattice.network.models import NetworkCabinet
from lattice.network.views.common import refused, today
from lattice.people.models import District, Network


def _hosts(request: HttpRequest, network: Network) -> QuerySet[District]:
    if access.is_network_office(request.user, network):
        return District.objects.filter(network=network).order_by("name")
    return access.office_districts(request.user, network)


def cabinets(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    hosts = _hosts(request, network)
    may_convene = hosts.exists()
    form = CabinetForm(request.POST or None, hosts=hosts)
    if request.method == "POST":
        if not may_convene:
            raise Http404("No such page")
        if form.is_valid():
            try:
                actions.convene_cabinet(request.user, network, **form.cleaned_data)
            except actions.NetworkError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Convened: fill its seats on the councils page.")
                return HttpResponseRedirect(reverse("network:cabinets", args=[network.key]))
    rows = NetworkCabinet.objects.filter(network=network).select_related("body__district")
    return render(
        request,
        "network/cabinets.html",
        {
            "network": network,
            "cabinets": rows,
            "form": form if may_convene else None,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def idea_to_council(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    found = access.get_idea(request.user, network, pk)
    seat = access.seat_of(request.user, found)
    bodies = actions.councils_of(seat, today())
    if not bodies:
        raise Http404("No such page")
    form = CouncilForm(request.POST, bodies=bodies)
    back = HttpResponseRedirect(reverse("network:idea", args=[network.key, found.pk]))
    if not form.is_valid():
        messages.error(request, "council: choose a council you sit on.")
        return back
    try:
        proposal = actions.propose_idea_to_council(
            request.user, found, seat, form.cleaned_data["body"], on=today()
        )
    except actions.NetworkError as error:
        refused(request, error)
        return back
    messages.success(request, f"Raised as a proposal to {proposal.body.name}.")
    return HttpResponseRedirect(reverse("councils:proposal", args=[proposal.pk]))
