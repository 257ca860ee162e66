"""URLs of the audit log (talent office and superusers)."""

from django.urls import path

from lattice.audit import views

app_name = "audit"

urlpatterns = [
    path("audit/", views.audit_log, name="log"),
]
