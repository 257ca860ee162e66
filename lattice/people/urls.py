"""URLs of the people app. Every URL here is in the access matrix (tests/people/access_rows.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from lattice.people.views import accounts, district, home, staff, teacher

app_name = "people"

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/login/code/", accounts.login_code, name="login-code"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.password_change, name="password-change"),
    path("accounts/password/done/", accounts.password_change_done, name="password-change-done"),
    path("accounts/two-factor/", accounts.two_factor, name="two-factor"),
    path("accounts/two-factor/remove/", accounts.two_factor_remove, name="two-factor-remove"),
    path("me/", teacher.me, name="me"),
    path("schools/<int:pk>/", staff.school, name="school"),
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff-detail"),
    path("district/", district.district, name="district"),
    path("network/", district.network, name="network"),
]
