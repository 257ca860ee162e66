"""A network's home page, its members (joining and leaving) and the choice of what a
district shares."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions
from lattice.network.forms import JoinForm, SharingForm
from lattice.network.models import Convening, Membership, Resource, SharingChoice
from lattice.network.views.common import refused, today
from lattice.people.models import District, Network


def mine(request: HttpRequest) -> HttpResponse:
    """The user's learning network: its home page, or, for a district in none, where to
    join (the talent office) or who can (everyone else)."""
    districts = District.objects.filter(pk__in=access.member_district_ids(request.user))
    if not districts.exists():
        raise Http404("No district")
    member = districts.filter(network__isnull=False).select_related("network").first()
    if member is not None and member.network is not None:
        return HttpResponseRedirect(reverse("network:home", args=[member.network.key]))
    if access.joinable_districts(request.user).exists():
        return HttpResponseRedirect(reverse("network:join"))
    return render(request, "network/no_network.html", {"districts": districts})


def home(request: HttpRequest, key: str) -> HttpResponse:
    """The overview's cards read the same querysets as the library, ideas and convenings
    pages, so a card never says "empty" while its page lists something."""
    network = access.get_network(request.user, key)
    library = Resource.objects.filter(network=network)
    ideas = access.ideas_in(request.user, network)
    upcoming = Convening.objects.filter(network=network, ends_on__gte=today())
    return render(
        request,
        "network/home.html",
        {
            "network": network,
            "office": access.is_network_office(request.user, network),
            "my_districts": access.office_districts(request.user, network),
            "resources": library.order_by("-added_at")[:5],
            "resource_count": library.count(),
            "ideas": ideas[:5],
            "idea_count": ideas.count(),
            "members": network.districts.order_by("name"),
            "convenings": upcoming.order_by("starts_on")[:3],
            "convening_count": Convening.objects.filter(network=network).count(),
        },
    )


def members(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    return render(
        request,
        "network/members.html",
        {
            "network": network,
            "members": network.districts.order_by("name"),
            "history": Membership.objects.filter(network=network).select_related("district"),
            "my_districts": access.office_districts(request.user, network),
        },
    )


@require_POST
def leave(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    district = (
        access.office_districts(request.user, network)
        .filter(key=request.POST.get("district", ""))
        .first()
    )
    if district is None:
        raise Http404("No such district")
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            f"confirm: tick “Yes, {district.name} leaves” to take the district out; it stops "
            "sharing its comparisons at once.",
        )
        return HttpResponseRedirect(reverse("network:members", args=[network.key]))
    try:
        actions.leave_network(request.user, district, on=today())
    except actions.NetworkError as error:
        refused(request, error)
        return HttpResponseRedirect(reverse("network:members", args=[network.key]))
    messages.success(request, f"{district.name} has left {network.name}.")
    return HttpResponseRedirect(reverse("network:join"))


def join(request: HttpRequest) -> HttpResponse:
    """A district's talent office brings a district that is in no network into one."""
    districts = access.joinable_districts(request.user).filter(network__isnull=True)
    if not access.joinable_districts(request.user).exists():
        raise Http404("No district")
    form = JoinForm(
        request.POST or None, networks=Network.objects.order_by("name"), districts=districts
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.join_network(
                request.user,
                form.cleaned_data["district"],
                form.cleaned_data["network"],
                on=today(),
            )
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            network = form.cleaned_data["network"]
            messages.success(request, f"{form.cleaned_data['district'].name} joined {network}.")
            return HttpResponseRedirect(reverse("network:home", args=[network.key]))
    return render(
        request,
        "network/join.html",
        {
            "form": form,
            "open": districts.exists(),
            "in_networks": access.joinable_districts(request.user)
            .filter(network__isnull=False)
            .select_related("network"),
        },
    )


def sharing(request: HttpRequest, key: str) -> HttpResponse:
    """A member district's talent office chooses, measure by measure, what it shares."""
    network = access.get_network(request.user, key)
    districts = access.office_districts(request.user, network)
    district = districts.filter(key=request.GET.get("district", "")).first() or districts.first()
    if district is None:
        raise Http404("No district")
    current = set(
        SharingChoice.objects.filter(network=network, district=district, shared=True).values_list(
            "measure", flat=True
        )
    )
    form = SharingForm(request.POST or None, initial={"measures": sorted(current)})
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_sharing(
                request.user, network, district, set(form.cleaned_data["measures"])
            )
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved what {district.name} shares with {network.name}.")
            return HttpResponseRedirect(reverse("network:compare", args=[network.key]))
    return render(
        request,
        "network/sharing.html",
        {"network": network, "district": district, "districts": districts, "form": form},
    )
