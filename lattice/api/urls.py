"""The API's URLs: the JSON API under /api/v1/ (schema and documentation included) and the
talent office's pages for tokens and webhooks under /api/.

The JSON views authenticate themselves (a token, or the session), so they are exempt from
the log-in redirect that pages get; an unauthenticated call is answered 401 in problem
details instead of a redirect to the log-in page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from lattice.api.views import (
    audit,
    claims,
    councils,
    forecasts,
    imports,
    pages,
    pay,
    people,
    ratings,
    recognition,
    roles,
)
from lattice.api.views.missing import not_found

app_name = "api"


def _json(view: Any) -> Any:
    return login_not_required(view)


v1 = [
    path("staff/", _json(people.StaffList.as_view()), name="staff-list"),
    path("staff/<int:pk>/", _json(people.StaffDetail.as_view()), name="staff-detail"),
    path("schools/", _json(people.SchoolList.as_view()), name="school-list"),
    path("school-years/", _json(people.SchoolYearList.as_view()), name="school-year-list"),
    path("standings/", _json(pay.StandingList.as_view()), name="standing-list"),
    path("payroll/", _json(pay.PayrollLines.as_view()), name="payroll"),
    path(
        "role-assignments/",
        _json(roles.RoleAssignmentList.as_view()),
        name="role-assignment-list",
    ),
    path(
        "role-assignments/<int:pk>/",
        _json(roles.RoleAssignmentDetail.as_view()),
        name="role-assignment-detail",
    ),
    path("roles/", _json(roles.RoleList.as_view()), name="role-list"),
    path("roles/<int:pk>/", _json(roles.RoleDetail.as_view()), name="role-detail"),
    path("postings/", _json(roles.PostingList.as_view()), name="posting-list"),
    path("postings/<int:pk>/", _json(roles.PostingDetail.as_view()), name="posting-detail"),
    path("audit/", _json(audit.AuditEntryList.as_view()), name="audit-list"),
    path("imports/", _json(imports.ImportRunList.as_view()), name="import-list"),
    path("imports/<int:pk>/", _json(imports.ImportRunDetail.as_view()), name="import-detail"),
    path("imports/hr/", _json(imports.HrRowsImport.as_view()), name="import-hr"),
    path(
        "imports/oneroster/",
        _json(imports.OneRosterImport.as_view()),
        name="import-oneroster",
    ),
    path("imports/<int:pk>/apply/", _json(imports.ImportRunApply.as_view()), name="import-apply"),
    path("forecasts/", _json(forecasts.ForecastRunList.as_view()), name="forecast-list"),
    path(
        "forecasts/<int:pk>/", _json(forecasts.ForecastRunDetail.as_view()), name="forecast-detail"
    ),
    path("decisions/", _json(councils.DecisionList.as_view()), name="decision-list"),
    path("decisions/<int:pk>/", _json(councils.DecisionDetail.as_view()), name="decision-detail"),
    path("awards/", _json(recognition.AwardList.as_view()), name="award-list"),
    path("awards/<int:pk>/", _json(recognition.AwardDetail.as_view()), name="award-detail"),
    path("claims/", _json(claims.ClaimList.as_view()), name="claim-list"),
    path("claims/<int:pk>/", _json(claims.ClaimDetail.as_view()), name="claim-detail"),
    path("ratings/", _json(ratings.RatingCreate.as_view()), name="rating-create"),
    path("schema/", _json(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "docs/",
        _json(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
]

urlpatterns = [
    path("tokens/", pages.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.revoke, name="token-revoke"),
    path("webhooks/", pages.webhooks, name="webhooks"),
    path("webhooks/<int:pk>/toggle/", pages.toggle_webhook, name="webhook-toggle"),
    path("v1/", include(v1)),
    # Any other address under /api/v1/ is a JSON 404, never the HTML page.
    re_path(r"^v1/", _json(not_found), name="not-found"),
]
