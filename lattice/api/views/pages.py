"""The talent office's pages: API tokens (created, shown once, revoked) and webhooks.

An officer sees and manages only their own district's tokens and subscriptions; anyone else
gets 404 (``lattice.people.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.api import actions
from lattice.api.forms import SubscriptionForm, TokenForm
from lattice.api.models import ApiToken, WebhookDelivery, WebhookSubscription
from lattice.api.scopes import ApiScope
from lattice.people.access import administered_district, districts_administered_by
from lattice.people.models import District


def _tokens_url(district: District) -> str:
    return f"{reverse('api:tokens')}?district={district.key}"


def _webhooks_url(district: District) -> str:
    return f"{reverse('api:webhooks')}?district={district.key}"


def tokens(request: HttpRequest) -> HttpResponse:
    district = administered_district(request)
    form = TokenForm(request.POST or None, district=district, officer=request.user)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = actions.create_token(
                request.user,
                district,
                owner=form.cleaned_data["owner"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_on=form.cleaned_data["expires_on"],
                allowed_networks=form.networks(),
            )
        except actions.ApiSetupError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            form = TokenForm(district=district, officer=request.user)
    listed = ApiToken.objects.filter(district=district).select_related("owner", "created_by")
    return render(
        request,
        "api/tokens.html",
        {
            "district": district,
            "districts": districts_administered_by(request.user).order_by("name"),
            "form": form,
            "issued": issued,
            "tokens": listed,
            "scope_labels": {s.value: s.label for s in ApiScope},
        },
        status=201 if issued else 200,
    )


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(
        ApiToken.objects.select_related("district"),
        pk=pk,
        district__in=districts_administered_by(request.user),
    )
    actions.revoke_token(request.user, token)
    messages.success(request, f"The token {token} no longer works.")
    return redirect(_tokens_url(token.district))


def webhooks(request: HttpRequest) -> HttpResponse:
    district = administered_district(request)
    form = SubscriptionForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_subscription(
                request.user,
                district,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except actions.ApiSetupError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            form = SubscriptionForm()
    subscriptions = WebhookSubscription.objects.filter(district=district)
    deliveries = WebhookDelivery.objects.filter(subscription__district=district).select_related(
        "subscription"
    )[:25]
    return render(
        request,
        "api/webhooks.html",
        {
            "district": district,
            "districts": districts_administered_by(request.user).order_by("name"),
            "form": form,
            "created": created,
            "subscriptions": subscriptions,
            "deliveries": deliveries,
        },
        status=201 if created else 200,
    )


@require_POST
def toggle_webhook(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(
        WebhookSubscription.objects.select_related("district"),
        pk=pk,
        district__in=districts_administered_by(request.user),
    )
    actions.set_subscription_enabled(request.user, subscription, not subscription.enabled)
    state = "on" if subscription.enabled else "off"
    messages.success(request, f"Deliveries to {subscription.url} are {state}.")
    return redirect(_webhooks_url(subscription.district))
