"""URLs of forecasts (talent officers of the district, and superusers). All in the access matrix."""

from django.urls import path

from lattice.forecasts import views

app_name = "forecasts"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:district>/", views.district_page, name="district"),
    path("<slug:district>/runs/<int:pk>/", views.run_detail, name="run"),
    path("<slug:district>/runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("<slug:district>/runs/<int:pk>/cancel/", views.run_cancel, name="cancel"),
    path("<slug:district>/runs/<int:pk>/retry/", views.run_retry, name="retry"),
    path("<slug:district>/runs/<int:pk>/results.csv", views.download_csv, name="csv"),
    path("<slug:district>/runs/<int:pk>/results.xlsx", views.download_xlsx, name="xlsx"),
]
