"""The network's resource library: browse, search, read, add, and copy into a district."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.network import access, actions
from lattice.network.forms import ResourceForm, SearchForm
from lattice.network.models import Resource, Tag
from lattice.network.search import full_text_available, search_resources
from lattice.network.views.common import refused, today


def library(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    form = SearchForm(request.GET or None)
    resources = Resource.objects.filter(network=network).prefetch_related("tags")
    query = kind = tag = ""
    if form.is_valid():
        query, kind, tag = (form.cleaned_data[k] or "" for k in ("q", "kind", "tag"))
    if kind:
        resources = resources.filter(kind=kind)
    if tag:
        resources = resources.filter(tags__slug=tag)
    resources = search_resources(resources, query)
    page = Paginator(resources.select_related("shared_by"), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "network/library.html",
        {
            "network": network,
            "form": form,
            "page": page,
            "query": query,
            "tag": Tag.objects.filter(slug=tag).first() if tag else None,
            "tags": Tag.objects.filter(resources__network=network).distinct(),
            "full_text": full_text_available(),
            "can_add": access.is_network_office(request.user, network)
            or access.office_districts(request.user, network).exists(),
        },
    )


def resource(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    found = Resource.objects.filter(network=network, pk=pk).select_related("shared_by").first()
    if found is None:
        raise Http404("No such resource")
    districts = access.office_districts(request.user, network)
    return render(
        request,
        "network/resource.html",
        {
            "network": network,
            "resource": found,
            "districts": districts,
            "copies": found.copies.filter(district__in=districts).select_related("district"),
            "today": today(),
        },
    )


def resource_new(request: HttpRequest, key: str) -> HttpResponse:
    network = access.get_network(request.user, key)
    districts = access.office_districts(request.user, network)
    office = access.is_network_office(request.user, network)
    if not office and not districts.exists():
        raise Http404("No such page")
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.add_resource(
                request.user,
                network,
                shared_by=None if office else districts.first(),
                **form.cleaned_data,
            )
        except actions.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Added “{made.title}” to the library.")
            return HttpResponseRedirect(reverse("network:resource", args=[network.key, made.pk]))
    return render(request, "network/resource_new.html", {"network": network, "form": form})


@require_POST
def copy(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    network = access.get_network(request.user, key)
    found = Resource.objects.filter(network=network, pk=pk).first()
    district = (
        access.office_districts(request.user, network)
        .filter(key=request.POST.get("district", ""))
        .first()
    )
    if found is None or district is None:
        raise Http404("No such resource")
    back = reverse("network:resource", args=[network.key, found.pk])
    effective = None
    if request.POST.get("effective_from"):
        try:
            effective = dt.date.fromisoformat(request.POST["effective_from"])
        except ValueError:
            messages.error(request, "effective_from: write the date as YYYY-MM-DD.")
            return HttpResponseRedirect(back)
    try:
        made = actions.copy_into_district(request.user, found, district, effective_from=effective)
    except actions.NetworkError as error:
        refused(request, error)
        return HttpResponseRedirect(back)
    messages.success(request, f"Copied into {district.name}: {made.became}.")
    return HttpResponseRedirect(back)
