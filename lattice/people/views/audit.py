"""The audit log page: the talent office filters its district's entries by person, action and
date. Read-only: there is no path in the app that changes or removes an entry. Each entry
reads as its action's sentence; entries written under an action's earlier name are listed and
filtered under the name it has now (``lattice.audit.names``).

The page lives in the people app, above the audit app, because who may read which entries is
decided by people's access scope; the audit app below only stores and writes entries."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lattice.audit import names
from lattice.lib.paging import paginate
from lattice.people.access import audit_entries_visible_to, can_view_audit
from lattice.people.forms import AuditFilterForm


def _choice_label(name: str) -> str:
    """How an action reads in the filter: its sentence with the blanks left open ("Someone
    recorded a rating of …"); the internal name stays in the query string only."""
    return names.sentence(name, {"actor": "Someone", "person": "…", "object": "…"})


def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_view_audit(request.user):
        raise Http404("No audit log here")
    entries = audit_entries_visible_to(request.user)
    stored = entries.order_by().values_list("action", flat=True).distinct()
    actions = sorted({names.current_name(name) for name in stored})
    form = AuditFilterForm(
        request.GET or None, actions=[(name, _choice_label(name)) for name in actions]
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        for word in (data.get("person") or "").split()[:5]:
            entries = entries.filter(
                Q(staff_member__given_name__icontains=word)
                | Q(staff_member__family_name__icontains=word)
                | Q(staff_member__employee_id__iexact=word)
            )
        if data.get("action"):
            entries = entries.filter(action__in=names.stored_names([data["action"]]))
        if data.get("date_from"):
            entries = entries.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(at__date__lte=data["date_to"])
    page = paginate(request, entries.select_related("staff_member", "district"))
    return render(request, "people/audit_log.html", {"form": form, "page": page})
