"""The role catalogue: list, detail, create (blank or from a template), edit, settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lattice.people.access import own_staff
from lattice.roles import access, actions, queries
from lattice.roles.forms import RoleForm, SettingsForm, TemplateForm
from lattice.roles.models import LeadershipRole
from lattice.roles.role_templates import TEMPLATES
from lattice.roles.views.common import district_for, is_officer, today


def catalogue(request: HttpRequest) -> HttpResponse:
    district = district_for(request)
    roles = (
        access.roles_visible_to(request.user).filter(district=district).order_by("status", "title")
    )
    return render(
        request,
        "roles/catalogue.html",
        {
            "district": district,
            "roles": roles,
            "officer": is_officer(request, district),
            "template_form": TemplateForm(),
            "templates": TEMPLATES,
        },
    )


def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = access.get_visible_role(request.user, pk)
    me = own_staff(request.user)
    check = None
    if me is not None and me.district_id == role.district_id:
        check = queries.qualification(
            queries.with_facts(type(me).objects.filter(pk=me.pk)).get(), role, today()
        )
    return render(
        request,
        "roles/role_detail.html",
        {
            "role": role,
            "check": check,
            "officer": access.can_edit_catalogue(request.user, role.district_id),
            "postings": access.postings_visible_to(request.user).filter(role=role)[:20],
        },
    )


def _officer_district(request: HttpRequest):
    district = district_for(request)
    if not is_officer(request, district):
        raise Http404("No such page")
    return district


def _save(request: HttpRequest, form: RoleForm, district, role=None) -> HttpResponse | None:
    if not form.is_valid():
        return None
    try:
        fresh = LeadershipRole.objects.get(pk=role.pk) if role is not None else None
        saved = actions.save_role(request.user, district, fresh, **form.cleaned_data)
    except actions.RoleError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, f"Saved {saved.title}.")
    return HttpResponseRedirect(reverse("roles:role-detail", args=[saved.pk]))


def role_new(request: HttpRequest) -> HttpResponse:
    district = _officer_district(request)
    form = RoleForm(request.POST or None, rating_labels=district.rating_labels)
    if request.method == "POST" and (done := _save(request, form, district)):
        return done
    return render(
        request, "roles/role_form.html", {"form": form, "district": district, "role": None}
    )


def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = access.get_visible_role(request.user, pk)
    if not access.can_edit_catalogue(request.user, role.district_id):
        raise Http404("No such page")
    form = RoleForm(request.POST or None, instance=role, rating_labels=role.district.rating_labels)
    if request.method == "POST" and (done := _save(request, form, role.district, role)):
        return done
    return render(
        request, "roles/role_form.html", {"form": form, "district": role.district, "role": role}
    )


@require_POST
def role_from_template(request: HttpRequest) -> HttpResponse:
    district = _officer_district(request)
    form = TemplateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the templates.")
        return HttpResponseRedirect(reverse("roles:catalogue"))
    try:
        role = actions.install_template(request.user, district, form.cleaned_data["template"])
    except actions.RoleError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("roles:catalogue"))
    messages.success(request, f"Added {role.title} as a draft; check it, then make it active.")
    return HttpResponseRedirect(reverse("roles:role-edit", args=[role.pk]))


def role_settings(request: HttpRequest) -> HttpResponse:
    district = _officer_district(request)
    current = queries.settings_for(district)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_role_settings(request.user, district, **form.cleaned_data)
        except actions.RoleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved the role settings.")
            return HttpResponseRedirect(reverse("roles:settings"))
    return render(request, "roles/settings.html", {"form": form, "district": district})
