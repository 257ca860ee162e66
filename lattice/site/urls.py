"""URLs of the site shell. Every URL here is in the access matrix (tests/site/access_rows.py)."""

from django.urls import path

from lattice.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
