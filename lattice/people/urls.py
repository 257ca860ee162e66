"""URLs of the people app. Every URL here is in the access matrix (tests/people/access_rows.py)."""

from django.urls import path

from lattice.people.views import audit, district, staff, teacher

app_name = "people"

urlpatterns = [
    path("me/", teacher.me, name="me"),
    path("schools/<int:pk>/", staff.school, name="school"),
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff-detail"),
    path("district/", district.district, name="district"),
    path("network/", district.network, name="network"),
    path("audit/", audit.audit_log, name="audit-log"),
]
