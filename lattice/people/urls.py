"""URLs of the people app. Every URL here is in the access matrix (tests/people/test_access_matrix.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from lattice.people.views import home

app_name = "people"

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
