"""URLs of the notifications app; every one is in the access matrix
(tests/notifications/access_rows.py)."""

from django.urls import path

from lattice.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("settings/", views.preferences, name="preferences"),
]
