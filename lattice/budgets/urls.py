"""URLs of budgets (the district's talent officers and superusers). All in the access matrix."""

from django.urls import path

from lattice.budgets import views

app_name = "budgets"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:district>/", views.district_page, name="district"),
    path("<slug:district>/<int:pk>/", views.scenario_page, name="scenario"),
    path("<slug:district>/<int:pk>/check.csv", views.check_csv, name="csv"),
    path("<slug:district>/<int:pk>/<slug:kind>/add/", views.add_item, name="add"),
    path(
        "<slug:district>/<int:pk>/<slug:kind>/<int:item>/remove/", views.remove_item, name="remove"
    ),
]
