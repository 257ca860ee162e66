"""URLs of the roles app. Every URL here is in the access matrix (tests/roles/access_rows.py)."""

from django.urls import path

from lattice.roles.views import assignments, catalogue, home, hr, postings, proposals

app_name = "roles"

urlpatterns = [
    path("", home.home, name="home"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue.role_new, name="role-new"),
    path("catalogue/from-template/", catalogue.role_from_template, name="role-from-template"),
    path("catalogue/<int:pk>/", catalogue.role_detail, name="role-detail"),
    path("catalogue/<int:pk>/edit/", catalogue.role_edit, name="role-edit"),
    path("settings/", catalogue.role_settings, name="settings"),
    path("hr-positions/", hr.hr_positions, name="hr"),
    path("hr-positions/sync/", hr.hr_sync, name="hr-sync"),
    path("postings/", postings.posting_list, name="postings"),
    path("postings/new/", postings.posting_new, name="posting-new"),
    path("postings/<int:pk>/", postings.posting_detail, name="posting-detail"),
    path("postings/<int:pk>/apply/", postings.apply, name="apply"),
    path("postings/<int:pk>/panel/", postings.seat, name="seat"),
    path(
        "postings/<int:pk>/panel/candidates/",
        postings.reviewer_candidates,
        name="reviewer-candidates",
    ),
    path("postings/<int:pk>/conflict/", postings.conflict, name="conflict"),
    path("postings/<int:pk>/offer/", postings.offer_next, name="offer-next"),
    path("postings/<int:pk>/close/", postings.close, name="close"),
    path("applications/<int:pk>/", postings.application_detail, name="application"),
    path("applications/<int:pk>/withdraw/", postings.withdraw, name="withdraw"),
    path("applications/<int:pk>/score/", postings.score, name="score"),
    path("applications/<int:pk>/feedback/", postings.feedback, name="feedback"),
    path("evidence/<int:pk>/", postings.evidence_file, name="evidence"),
    path("offers/<int:pk>/respond/", postings.respond, name="respond"),
    path("assignments/", assignments.assignment_list, name="assignments"),
    path("assignments/<int:pk>/", assignments.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/renewal/", assignments.renewal, name="renewal"),
    path("interest/", assignments.interest, name="interest"),
    path("dashboard/", assignments.dashboard, name="dashboard"),
    path("dashboard/pipeline/", assignments.pipeline, name="pipeline"),
    path("suggestions/", assignments.suggestions, name="suggestions"),
    path("proposals/", proposals.proposal_list, name="proposals"),
    path("proposals/new/", proposals.proposal_new, name="proposal-new"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/review/", proposals.proposal_review, name="proposal-review"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/place/", proposals.proposal_place, name="proposal-place"),
]
