"""Top-level URL map. Each app owns its URLs; the admin is for superusers only."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Lattice administration"
admin.site.site_title = "Lattice"
# Only superusers reach the Django admin; talent officers use Lattice's own pages.
admin.site.has_permission = lambda request: (  # type: ignore[method-assign]
    request.user.is_active and request.user.is_superuser
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("lattice.accounts.urls")),
    path("imports/", include("lattice.imports.urls")),
    path("", include("lattice.site.urls")),
    path("", include("lattice.people.urls")),
    path("pathways/", include("lattice.pathways.urls")),
    path("roles/", include("lattice.roles.urls")),
    path("councils/", include("lattice.councils.urls")),
    path("forecasts/", include("lattice.forecasts.urls")),
    path("budgets/", include("lattice.budgets.urls")),
    path("coaching/", include("lattice.coaching.urls")),
    path("recognition/", include("lattice.recognition.urls")),
    path("api/", include("lattice.api.urls")),
    path("network/", include("lattice.network.urls")),
    path("notifications/", include("lattice.notifications.urls")),
]
