"""The talent office's sign-in settings: two-factor requirements, identity providers, and
the email matches waiting for review. Officers see only their own district's."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.accounts import actions
from lattice.accounts.forms import PolicyForm, ProviderForm
from lattice.accounts.models import IdentityProvider, LinkRequest
from lattice.accounts.policy import policy_for
from lattice.accounts.sso_urls import callback_urls
from lattice.audit import names
from lattice.audit.models import AuditEntry
from lattice.people.access import administered_district, districts_administered_by
from lattice.people.models import District

Kind = IdentityProvider.Kind


def _settings_url(district: District) -> str:
    return f"{reverse('accounts:settings')}?district={district.key}"


def _own_provider(request: HttpRequest, pk: int) -> IdentityProvider:
    return get_object_or_404(
        IdentityProvider.objects.select_related("district", "app"),
        pk=pk,
        district__in=districts_administered_by(request.user),
    )


def _own_link(request: HttpRequest, pk: int) -> LinkRequest:
    return get_object_or_404(
        LinkRequest.objects.select_related("provider__district", "provider__app"),
        pk=pk,
        provider__district__in=districts_administered_by(request.user),
    )


def sign_in_settings(request: HttpRequest) -> HttpResponse:
    district = administered_district(request)
    providers = list(
        IdentityProvider.objects.filter(district=district).select_related("app").order_by("label")
    )
    for provider in providers:
        # Shown by the template only: an attribute the model does not declare.
        provider.callbacks = [  # type: ignore[attr-defined]
            (what, request.build_absolute_uri(path)) for what, path in callback_urls(provider)
        ]
    return render(
        request,
        "accounts/settings.html",
        {
            "district": district,
            "districts": districts_administered_by(request.user).order_by("name"),
            "policy_form": PolicyForm(instance=policy_for(district)),
            "providers": providers,
            "kinds": Kind.choices,
            "pending": LinkRequest.objects.filter(
                provider__district=district, status=LinkRequest.Status.PENDING
            ).select_related("provider", "user", "staff"),
            "refusals": AuditEntry.objects.filter(
                district=district,
                action__in=names.stored_names(["accounts.sso_sign_in.refuse"]),
            ).order_by("-at")[:10],
        },
    )


@require_POST
def save_policy(request: HttpRequest) -> HttpResponse:
    district = administered_district(request)
    form = PolicyForm(request.POST)
    if form.is_valid():
        actions.save_sign_in_policy(request.user, district, **form.cleaned_data)
        messages.success(request, "Two-factor requirements saved.")
    return redirect(_settings_url(district))


def _provider_page(
    request: HttpRequest,
    district: District,
    kind: str,
    provider: IdentityProvider | None,
) -> HttpResponse:
    initial = ProviderForm.initial_for(provider) if provider else {"enabled": True}
    if provider is None:
        initial |= {
            "label": f"{district.name} {Kind(kind).label}",
            "review_email_matches": True,
            "roster_field": IdentityProvider.RosterField.SOURCED_ID,
        }
    form = ProviderForm(
        request.POST or None, initial=initial, kind=kind, editing=provider is not None
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_identity_provider(
                request.user, district, form.to_settings(), provider=provider
            )
        except actions.ProviderError as error:
            form.add_error(
                error.field_name if error.field_name in form.fields else None, str(error)
            )
        else:
            messages.success(
                request,
                f"Saved {saved.label}. Register the addresses below with the provider, then "
                "try signing in from a private window.",
            )
            return redirect(_settings_url(district))
    return render(
        request,
        "accounts/provider_form.html",
        {
            "district": district,
            "form": form,
            "kind": Kind(kind),
            "provider": provider,
            "callbacks": [
                (what, request.build_absolute_uri(path)) for what, path in callback_urls(provider)
            ]
            if provider
            else [],
        },
    )


def new_provider(request: HttpRequest) -> HttpResponse:
    district = administered_district(request)
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        raise Http404("Unknown kind of provider")
    return _provider_page(request, district, kind, None)


def edit_provider(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _own_provider(request, pk)
    return _provider_page(request, provider.district, provider.kind, provider)


@require_POST
def toggle_provider(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _own_provider(request, pk)
    actions.set_provider_enabled(request.user, provider, not provider.enabled)
    state = "on" if provider.enabled else "off"
    messages.success(request, f"Sign-in with {provider.label} is {state}.")
    return redirect(_settings_url(provider.district))


@require_POST
def confirm_link(request: HttpRequest, pk: int) -> HttpResponse:
    link = _own_link(request, pk)
    try:
        user = actions.confirm_link_request(request.user, link)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{link.email} now signs in as {user.get_full_name() or user.get_username()}.",
        )
    return redirect(_settings_url(link.provider.district))


@require_POST
def reject_link(request: HttpRequest, pk: int) -> HttpResponse:
    link = _own_link(request, pk)
    try:
        actions.reject_link_request(request.user, link)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{link.email} will not be linked.")
    return redirect(_settings_url(link.provider.district))
