"""URLs of the pathways app (namespace ``pathways``, mounted at ``pathways/``).

Every URL here is in the access matrix (tests/pathways/access_rows.py).
"""

from django.urls import path

from lattice.pathways.views import adoption, applications, office, teacher

app_name = "pathways"

urlpatterns = [
    # the teacher
    path("me/", teacher.my_path, name="my-path"),
    path("me/what-if/", teacher.what_if, name="what-if"),
    path("me/statement/", teacher.statement, name="statement"),
    path("me/claims/", teacher.my_claims, name="my-claims"),
    path("me/applications/", applications.my_applications, name="my-applications"),
    path("claims/<int:pk>/", teacher.claim_detail, name="claim"),
    path("files/<int:pk>/", teacher.evidence_file, name="evidence"),
    # the talent office
    path("office/claims/", office.queue, name="queue"),
    path("claims/<int:pk>/verify/", office.verify, name="verify"),
    path("claims/<int:pk>/reject/", office.reject, name="reject"),
    path("office/staff/<int:pk>/", office.staff_path, name="staff-path"),
    path("office/policy/", adoption.adopt, name="adopt"),
    path("office/policy/drafts/<int:pk>/", adoption.draft, name="adopt-draft"),
    path(
        "office/policy/drafts/<int:pk>/crosswalk/",
        adoption.draft_crosswalk,
        name="adopt-crosswalk",
    ),
    path("office/policy/drafts/<int:pk>/preview.csv", adoption.draft_csv, name="adopt-csv"),
    path("office/policy/drafts/<int:pk>/adopt/", adoption.draft_adopt, name="adopt-confirm"),
    path("office/recompute/", office.recompute, name="recompute"),
    path("office/district/", office.district_view, name="district"),
    path("office/payroll/", office.payroll, name="payroll"),
    path("office/cohorts/", applications.cohorts, name="cohorts"),
    path("office/cohorts/<int:pk>/", applications.cohort_detail, name="cohort"),
    # applications and peer review
    path("cohorts/<int:pk>/register/", applications.register, name="register"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/submit/", applications.submit, name="submit"),
    path("applications/<int:pk>/appeal/", applications.appeal, name="appeal"),
    path("applications/<int:pk>/assign/", applications.assign, name="assign"),
    path("applications/<int:pk>/reconcile/", applications.reconcile, name="reconcile"),
    path("applications/<int:pk>/decide/", applications.decide, name="decide"),
    path("applications/<int:pk>/appeal/decide/", applications.decide_appeal, name="decide-appeal"),
    path("reviews/<int:pk>/", applications.review, name="review"),
]
