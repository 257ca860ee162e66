"""URLs of imports (talent officers of the district, and superusers). All in the access matrix."""

from django.urls import path

from lattice.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:district>/", views.district_imports, name="district"),
    path("<slug:district>/settings/", views.import_settings, name="settings"),
    path("<slug:district>/connection/", views.connection_settings, name="connection"),
    path("<slug:district>/connection/sync/", views.connection_sync, name="connection-sync"),
    path("<slug:district>/oneroster/", views.upload_oneroster, name="upload-oneroster"),
    path("<slug:district>/hr/", views.upload_hr, name="upload-hr"),
    path("<slug:district>/hr-template.csv", views.hr_template, name="hr-template"),
    path("<slug:district>/review/", views.review_list, name="review"),
    path("<slug:district>/review/<int:pk>/", views.resolve_review, name="resolve"),
    path("<slug:district>/runs/<int:pk>/", views.run_detail, name="run"),
    path("<slug:district>/runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("<slug:district>/runs/<int:pk>/mapping/", views.run_mapping, name="mapping"),
    path("<slug:district>/runs/<int:pk>/vocabulary/", views.run_vocabulary, name="vocabulary"),
    path("<slug:district>/runs/<int:pk>/apply/", views.run_apply, name="apply"),
    path("<slug:district>/runs/<int:pk>/discard/", views.run_discard, name="discard"),
    path("<slug:district>/runs/<int:pk>/retry/", views.run_retry, name="retry"),
    path("<slug:district>/runs/<int:pk>/undo/", views.run_undo, name="undo"),
    path("<slug:district>/runs/<int:pk>/errors.csv", views.run_errors, name="errors"),
    path("<slug:district>/runs/<int:pk>/files/<int:index>/", views.run_file, name="file"),
]
